-- Devices: paired device agents (lane PCs driving serial scales, displays, scanners, printers) and
-- network receipt printers the box drives itself; print jobs persisted so a restart resumes them.

CREATE TABLE device (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  kind TEXT NOT NULL CHECK (kind IN ('agent', 'network-printer')),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  -- what the device drives: JSON array of 'scale' | 'display' | 'scanner' | 'printer' | 'drawer'
  capabilities TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(capabilities)),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'ignored', 'revoked')),
  lane_id TEXT REFERENCES lane(id),
  lane_hint TEXT,
  address TEXT NOT NULL DEFAULT '',           -- agent: its IP as seen by the box; printer: host:port
  agent_version TEXT NOT NULL DEFAULT '',
  agent_key_sha256 TEXT,                      -- the agent's own key: another agent cannot take this id
  pairing_code_sha256 TEXT,                   -- the 6-digit code the agent shows; cleared once approved
  code_failures INTEGER NOT NULL DEFAULT 0 CHECK (code_failures >= 0),
  claim_token_sha256 TEXT,                    -- lets the agent fetch its MQTT credentials once
  secret_sha256 TEXT,                         -- MQTT password (random, high entropy: SHA-256 suffices)
  credentials_claimed INTEGER NOT NULL DEFAULT 0 CHECK (credentials_claimed IN (0, 1)),
  paper_width INTEGER NOT NULL DEFAULT 80 CHECK (paper_width IN (58, 80)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_seen_at TEXT
) STRICT;
CREATE INDEX device_lane ON device(lane_id) WHERE lane_id IS NOT NULL;

-- A print job is written before the first byte is sent and removed only once the printer confirms.
CREATE TABLE print_job (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES device(id),
  sale_id TEXT,
  bytes BLOB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'waiting', 'printed', 'discarded')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX print_job_open ON print_job(device_id, created_at) WHERE status IN ('pending', 'waiting');
