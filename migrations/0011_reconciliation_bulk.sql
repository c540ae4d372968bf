-- Reconciliation at a million rows (issue 5 benchmarks: import a 1M-row bill ≤ 10 s, reconcile
-- 1M tenders × 1M rows ≤ 5 s, lanes unaffected). Measured on the 2-core box: a statement row per
-- SQLite row cost ≈ 2.5 s to write and ≈ 1.5 s to read back for 1M rows, almost all of it per-value
-- work in SQLite and better-sqlite3; the same rows packed 10,000 to a JSON array take ≈ 0.4 s and ≈ 0.7 s.

-- A statement is written once, whole, and read back a business day at a time: its rows are stored in
-- chunks of one import and one day, in file order. `rows` is a JSON array of
-- [line, kind (0 payment, 1 refund), merchant_order_no, channel_txn_id, refund_request_no or null,
--  amount_fen, settled_fen, fee_fen, occurred_at], written by statement-import.repository.ts from rows the
-- statement parser validated (not re-checked with json_valid here: that alone costs ≈ 0.5 s per 1M rows).
CREATE TABLE statement_chunk (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES statement_import(id),
  channel TEXT NOT NULL CHECK (channel IN ('alipay', 'wechat', 'unionpay', 'card')),
  business_date TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 0),          -- file order of the chunk's first row within its import
  row_count INTEGER NOT NULL CHECK (row_count > 0),
  rows TEXT NOT NULL,
  UNIQUE (import_id, business_date, seq)
) STRICT;
CREATE INDEX statement_chunk_day ON statement_chunk(channel, business_date, import_id, seq);

INSERT INTO statement_chunk (import_id, channel, business_date, seq, row_count, rows)
SELECT import_id, channel, business_date, min(n), count(*),
       json_group_array(json_array(line, kind = 'refund', merchant_order_no, channel_txn_id, refund_request_no, amount_fen, settled_fen, fee_fen, occurred_at) ORDER BY id)
FROM (SELECT *, row_number() OVER (PARTITION BY import_id, business_date ORDER BY id) - 1 AS n FROM statement_row)
GROUP BY import_id, channel, business_date, n / 10000;

DROP TABLE statement_row;

-- One row per statement line, for a person's ad-hoc queries (sqlite3 storebox.db); the box reads the chunks.
CREATE VIEW statement_row AS
SELECT c.import_id, c.channel, c.business_date, r.value ->> 0 AS line, CASE r.value ->> 1 WHEN 1 THEN 'refund' ELSE 'payment' END AS kind,
       r.value ->> 2 AS merchant_order_no, r.value ->> 3 AS channel_txn_id, r.value ->> 4 AS refund_request_no,
       r.value ->> 5 AS amount_fen, r.value ->> 6 AS settled_fen, r.value ->> 7 AS fee_fen, r.value ->> 8 AS occurred_at
FROM statement_chunk c, json_each(c.rows) r;

-- Our side of a day, read by covering indexes only (sale by day → its tenders of a channel): the join no
-- longer visits the sale and tender tables, ≈ 0.5 s less for 1M tenders. (business_date, id) serves every
-- query the single-column index did, so it replaces it rather than adding to each sale's writes.
DROP INDEX sale_business_date;
CREATE INDEX sale_business_date_id ON sale(business_date, id);
CREATE INDEX tender_reconciliation ON tender(sale_id, kind, id, amount_fen, status, reference);
