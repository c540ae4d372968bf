-- Reconciliation: imported channel statements (whole files, normalised rows), one run per business
-- day and channel, the anomalies it found (stable ids, so a resolution survives re-runs) and who
-- resolved them how (docs/reconciliation.md).

-- One imported file. `status` is 'importing' while the worker writes rows in chunks (short write
-- locks, so lanes keep selling); rows only count once the import is 'complete'.
CREATE TABLE statement_import (
  id INTEGER PRIMARY KEY,
  content_sha256 TEXT NOT NULL UNIQUE CHECK (length(content_sha256) = 64),
  channel TEXT NOT NULL CHECK (channel IN ('alipay', 'wechat', 'unionpay', 'card')),
  layout TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  row_count INTEGER NOT NULL CHECK (row_count >= 0),
  payment_count INTEGER NOT NULL CHECK (payment_count >= 0),
  payment_fen INTEGER NOT NULL CHECK (payment_fen >= 0),
  refund_count INTEGER NOT NULL CHECK (refund_count >= 0),
  refund_fen INTEGER NOT NULL CHECK (refund_fen >= 0),
  fee_fen INTEGER NOT NULL,
  net_fen INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('importing', 'complete')),
  imported_at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;
CREATE INDEX statement_import_period ON statement_import(channel, merchant_id, layout, period_start, period_end);

-- A statement row as normalised by server/adapters/statements (amounts positive, `kind` gives the direction).
CREATE TABLE statement_row (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES statement_import(id),
  channel TEXT NOT NULL,
  business_date TEXT NOT NULL,
  line INTEGER NOT NULL CHECK (line > 0),
  kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
  merchant_order_no TEXT NOT NULL,
  channel_txn_id TEXT NOT NULL,
  refund_request_no TEXT,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  settled_fen INTEGER NOT NULL CHECK (settled_fen >= 0),
  fee_fen INTEGER NOT NULL,
  occurred_at TEXT NOT NULL
) STRICT;
CREATE INDEX statement_row_day ON statement_row(channel, business_date);
CREATE INDEX statement_row_import ON statement_row(import_id);

-- The latest run of a (day, channel): a re-run replaces it.
CREATE TABLE reconciliation_run (
  id INTEGER PRIMARY KEY,
  business_date TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('alipay', 'wechat', 'unionpay', 'card')),
  store_id TEXT NOT NULL,
  tender_count INTEGER NOT NULL CHECK (tender_count >= 0),
  tender_fen INTEGER NOT NULL,
  refund_count INTEGER NOT NULL CHECK (refund_count >= 0),
  refund_fen INTEGER NOT NULL,
  matched_count INTEGER NOT NULL CHECK (matched_count >= 0),
  matched_fen INTEGER NOT NULL,
  statement_row_count INTEGER NOT NULL CHECK (statement_row_count >= 0),
  statement_payment_fen INTEGER NOT NULL,
  statement_refund_fen INTEGER NOT NULL,
  fee_fen INTEGER NOT NULL,
  net_fen INTEGER NOT NULL,
  anomaly_count INTEGER NOT NULL CHECK (anomaly_count >= 0),
  totals TEXT NOT NULL CHECK (json_valid(totals)),
  ran_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  UNIQUE (business_date, channel)
) STRICT;

-- An anomaly by its stable id (channel:kind:keys). `present` = reported by the latest run of its day;
-- an open anomaly a re-run no longer finds is deleted, a resolved one stays resolved.
CREATE TABLE anomaly (
  id TEXT PRIMARY KEY,
  business_date TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('alipay', 'wechat', 'unionpay', 'card')),
  kind TEXT NOT NULL CHECK (kind IN ('paid_without_order', 'order_without_payment', 'amount_mismatch', 'duplicate_payment', 'refund_mismatch', 'late_settlement')),
  tender_id TEXT,
  sale_id TEXT,
  refund_id TEXT,
  merchant_order_no TEXT,
  expected_fen INTEGER,
  statement_fen INTEGER NOT NULL,            -- sum of the channel's amounts involved
  detail TEXT NOT NULL CHECK (json_valid(detail)),
  status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
  present INTEGER NOT NULL CHECK (present IN (0, 1)),
  run_id INTEGER NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) STRICT;
CREATE INDEX anomaly_day ON anomaly(business_date, channel);
CREATE INDEX anomaly_status ON anomaly(status, business_date);

CREATE TABLE anomaly_resolution (
  id INTEGER PRIMARY KEY,
  anomaly_id TEXT NOT NULL REFERENCES anomaly(id),
  action TEXT NOT NULL CHECK (action IN ('refund_orphan', 'attach_to_sale', 'accept', 'mark_settled_late')),
  sale_id TEXT,
  note TEXT NOT NULL CHECK (length(note) > 0),
  outcome TEXT NOT NULL CHECK (json_valid(outcome)),
  actor TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX anomaly_resolution_anomaly ON anomaly_resolution(anomaly_id);
