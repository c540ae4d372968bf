-- Reconciliation at a million rows (issue 5 benchmarks: import a 1M-row bill ≤ 10 s, reconcile
-- 1M tenders × 1M rows ≤ 5 s, lanes unaffected). Measured on the 2-core box: a statement row per
-- SQLite row cost ≈ 2.5 s to write and ≈ 1.5 s to read back for 1M rows, almost all of it per-value
-- work in SQLite and better-sqlite3; the same rows packed 10,000 to a text record take ≈ 0.4 s and ≈ 0.5 s.

-- A statement is written once, whole, and read back a business day at a time: its rows are stored in
-- chunks of one import and one day, in file order. `rows` is one line per row (LF), fields separated by
-- TAB: line, kind (0 payment, 1 refund), merchant_order_no, channel_txn_id, refund_request_no (empty:
-- none), amount_fen, settled_fen, fee_fen, occurred_at; a string that is empty, starts with `"` or
-- contains a TAB or LF is a JSON string literal (server/adapters/sqlite/statement-chunk.codec.ts). The
-- amounts were validated by the statement parser before they were written.
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
SELECT import_id, channel, business_date, min(n), count(*), group_concat(
         line || char(9) || (kind = 'refund') || char(9) ||
         CASE WHEN merchant_order_no = '' OR substr(merchant_order_no, 1, 1) = '"' OR instr(merchant_order_no, char(9)) OR instr(merchant_order_no, char(10))
           THEN json_quote(merchant_order_no) ELSE merchant_order_no END || char(9) ||
         CASE WHEN channel_txn_id = '' OR substr(channel_txn_id, 1, 1) = '"' OR instr(channel_txn_id, char(9)) OR instr(channel_txn_id, char(10))
           THEN json_quote(channel_txn_id) ELSE channel_txn_id END || char(9) ||
         CASE WHEN refund_request_no IS NULL THEN ''
              WHEN refund_request_no = '' OR substr(refund_request_no, 1, 1) = '"' OR instr(refund_request_no, char(9)) OR instr(refund_request_no, char(10))
           THEN json_quote(refund_request_no) ELSE refund_request_no END || char(9) ||
         amount_fen || char(9) || settled_fen || char(9) || fee_fen || char(9) ||
         CASE WHEN occurred_at = '' OR substr(occurred_at, 1, 1) = '"' OR instr(occurred_at, char(9)) OR instr(occurred_at, char(10))
           THEN json_quote(occurred_at) ELSE occurred_at END,
         char(10) ORDER BY id)
FROM (SELECT *, row_number() OVER (PARTITION BY import_id, business_date ORDER BY id) - 1 AS n FROM statement_row)
GROUP BY import_id, channel, business_date, n / 10000;

DROP TABLE statement_row;

-- Our side of a day, read by covering indexes only (sale by day → its tenders of a channel): the join no
-- longer visits the sale and tender tables, ≈ 0.5 s less for 1M tenders. (business_date, id) serves every
-- query the single-column index did, so it replaces it rather than adding to each sale's writes.
DROP INDEX sale_business_date;
CREATE INDEX sale_business_date_id ON sale(business_date, id);
CREATE INDEX tender_reconciliation ON tender(sale_id, kind, id, amount_fen, status, reference);
