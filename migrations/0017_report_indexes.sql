-- The console's dashboard and reports (server/adapters/sqlite/report.repository.ts) sum sales over a day or a
-- year. A sale row carries its priced basket and receipt as JSON (kilobytes each), so a scan of the table reads
-- them all; these covering indexes hold every column the aggregates read, so a year of a busy store
-- (~500,000 sales) is summed from the index alone.
CREATE INDEX sale_report ON sale(business_date, lane_id, cashier, member_id, due_fen, discount_fen, completed_at);
-- top products and categories: the lines of the range's sales, without reading the line rows
CREATE INDEX sale_line_report ON sale_line(sale_id, sku, category_path, quantity, net_fen, name_zh);
-- voids per range: the audit log by action and time
CREATE INDEX audit_log_action_at ON audit_log(action, at);
-- refunds per range, by lane and reason
CREATE INDEX refund_report ON refund(business_date, lane_id, reason, refund_fen);
CREATE INDEX sale_line_discount_report ON sale_line_discount(sale_id, source_kind, source_id, amount_fen);
