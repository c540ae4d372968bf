-- Audit chain anchors (docs/audit.md): the audit log's length and head hash at a moment, copied out of
-- the log so that deleting its last rows, or editing a row and recomputing every later hash, shows.
-- The box writes one at start, hourly and at stop (also sent to HQ through the outbox as
-- `audit.anchor`); `storebox backup` writes one into every backup (and a sidecar file next to it).
-- `storebox audit verify` checks the chain against every anchor it can see.
CREATE TABLE audit_anchor (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  head_hash TEXT NOT NULL CHECK (length(head_hash) = 64),
  source TEXT NOT NULL CHECK (source IN ('box', 'backup'))
) STRICT;
CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE ON audit_anchor BEGIN SELECT RAISE(ABORT, 'audit_anchor is append-only'); END;
CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor BEGIN SELECT RAISE(ABORT, 'audit_anchor is append-only'); END;
