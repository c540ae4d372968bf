-- The console's dashboard and reports (server/adapters/sqlite/report.repository.ts) sum sales over a day or a
-- year. A sale row carries its priced basket and receipt as JSON (kilobytes each), so a scan of the table reads
-- them all; these covering indexes hold every column the aggregates read, so a year of a busy store
-- (~500,000 sales) is summed from the index alone.
-- (the id too: a sale row's rowid is not its TEXT primary key, and the line, tender and discount joins need it)
CREATE INDEX sale_report ON sale(business_date, lane_id, cashier, member_id, due_fen, discount_fen, change_fen, completed_at, id);
-- voids per range: the audit log by action and time
CREATE INDEX audit_log_action_at ON audit_log(action, at);
-- refunds per range, by lane and reason
CREATE INDEX refund_report ON refund(business_date, lane_id, reason, refund_fen);

-- Items per business day, kept in each sale's transaction (server/app/reports/sale-rollup.effect.ts): top items and
-- categories over a year read ≤ 365 × catalog rows instead of joining every line of 500,000 sales. Filled here
-- from the sales already recorded.
CREATE TABLE sale_day_item (
  business_date TEXT NOT NULL,
  sku TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  category_path TEXT NOT NULL,
  lines INTEGER NOT NULL CHECK (lines >= 0),
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  net_fen INTEGER NOT NULL CHECK (net_fen >= 0),
  PRIMARY KEY (business_date, sku)
) STRICT, WITHOUT ROWID;
INSERT INTO sale_day_item (business_date, sku, name_zh, category_path, lines, quantity, net_fen)
  SELECT s.business_date, l.sku, max(l.name_zh), max(l.category_path), count(*), sum(l.quantity), sum(l.net_fen)
  FROM sale s JOIN sale_line l ON l.sale_id = s.id GROUP BY s.business_date, l.sku;

-- What each tender kind took per business day (cash net of the change given back) and what each discount
-- source took (promotion, coupon, points, 抹零), kept by the same sale effect: the channel and promotion
-- breakdowns of a year's report.
CREATE TABLE sale_day_tender (
  business_date TEXT NOT NULL,
  kind TEXT NOT NULL,
  sales INTEGER NOT NULL CHECK (sales >= 0),
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (business_date, kind)
) STRICT, WITHOUT ROWID;
INSERT INTO sale_day_tender (business_date, kind, sales, amount_fen)
  SELECT business_date, kind, count(*), sum(amount) - CASE kind WHEN 'cash' THEN sum(change_fen) ELSE 0 END
  FROM (SELECT s.business_date, t.kind, s.change_fen, sum(t.amount_fen) AS amount FROM sale s JOIN tender t ON t.sale_id = s.id
        WHERE t.status = 'succeeded' GROUP BY s.id, t.kind)
  GROUP BY business_date, kind;
CREATE TABLE sale_day_discount (
  business_date TEXT NOT NULL,
  source TEXT NOT NULL,                      -- source_kind:source_id
  sales INTEGER NOT NULL CHECK (sales >= 0),
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (business_date, source)
) STRICT, WITHOUT ROWID;
INSERT INTO sale_day_discount (business_date, source, sales, amount_fen)
  SELECT business_date, source, count(*), sum(amount)
  FROM (SELECT s.business_date, d.source_kind || ':' || d.source_id AS source, sum(d.amount_fen) AS amount
        FROM sale s JOIN sale_line_discount d ON d.sale_id = s.id GROUP BY s.id, source)
  GROUP BY business_date, source;
