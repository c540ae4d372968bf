-- HQ uplink: how far HQ has acknowledged the outbox, and the pushes HQ sent down (applied once per id).

-- One row. acked_seq only moves forward; outbox rows up to it carry acked_at.
CREATE TABLE uplink_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  acked_seq INTEGER NOT NULL CHECK (acked_seq >= 0),
  acked_at TEXT
) STRICT;
INSERT INTO uplink_state (id, acked_seq, acked_at) VALUES (1, 0, NULL);

-- A push HQ sent and the answer it got; the same id with the same content gets the same answer.
CREATE TABLE hq_push (
  push_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('catalog', 'promotions')),
  content_sha256 TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  result TEXT NOT NULL CHECK (json_valid(result))
) STRICT;
