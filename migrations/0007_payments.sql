-- Payments taken at a lane before the sale exists, refunds (returns and exchanges) read from the
-- stored shares of the sale, and cash shifts. docs/payments.md (state machine), docs/returns.md,
-- docs/shifts.md.

-- One QR payment attempt (付款码). Its id is the tender id and the merchant order number sent to
-- the channel; the row is written (created, then pending) BEFORE the call goes out, so a crash
-- mid-payment is found and settled by the recovery service at the next start.
CREATE TABLE payment (
  id TEXT PRIMARY KEY CHECK (length(id) = 32),
  lane_id TEXT NOT NULL REFERENCES lane(id),
  cart_id TEXT NOT NULL,
  cashier TEXT NOT NULL,
  lane_transaction TEXT NOT NULL,            -- the lane message's transaction id: a retry finds this row and never pays again
  channel TEXT NOT NULL CHECK (channel IN ('alipay', 'wechat', 'unionpay')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  auth_code_masked TEXT NOT NULL,            -- never the full payment code
  requested_at TEXT NOT NULL,                -- reused on every query/cancel (UnionPay keys a trade by orderId + txnTime)
  status TEXT NOT NULL CHECK (status IN ('created', 'pending', 'succeeded', 'failed', 'cancelled', 'unknown')),
  channel_txn_id TEXT,
  paid_at TEXT,
  error_code TEXT,
  detail TEXT,
  sale_id TEXT REFERENCES sale(id),          -- set in the sale's own transaction
  orphaned_at TEXT,                          -- 支付成功但未出单: succeeded, but no sale will ever carry it
  orphan_reason TEXT CHECK (orphan_reason IS NULL OR orphan_reason IN ('cart_voided', 'lane_gone', 'restart', 'late_success')),
  updated_at TEXT NOT NULL,
  UNIQUE (lane_id, lane_transaction),
  CHECK (status = 'succeeded' OR sale_id IS NULL),
  CHECK (orphaned_at IS NULL OR (status = 'succeeded' AND sale_id IS NULL))
) STRICT;
CREATE INDEX payment_open ON payment(status) WHERE status IN ('created', 'pending', 'unknown');
CREATE INDEX payment_cart ON payment(cart_id);
CREATE INDEX payment_orphan ON payment(orphaned_at) WHERE orphaned_at IS NOT NULL;

-- every state change of a payment, in order (support and reconciliation read it)
CREATE TABLE payment_event (
  id INTEGER PRIMARY KEY,
  payment_id TEXT NOT NULL REFERENCES payment(id),
  at TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  detail TEXT
) STRICT;
CREATE INDEX payment_event_payment ON payment_event(payment_id);

-- a bank card tender's terminal auth code (the terminal reference is tender.reference)
ALTER TABLE tender ADD COLUMN auth_code TEXT;

-- A return (or the return half of an exchange). Amounts are read from the sale's stored shares.
CREATE TABLE refund (
  id TEXT PRIMARY KEY CHECK (length(id) = 32),   -- made by the caller before sending: the idempotency key
  sale_id TEXT NOT NULL REFERENCES sale(id),
  receipt_no TEXT NOT NULL UNIQUE,
  lane_id TEXT REFERENCES lane(id),
  cashier TEXT NOT NULL,
  supervisor TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('return', 'exchange')),
  exchange_sale_id TEXT REFERENCES sale(id),
  refund_to TEXT NOT NULL CHECK (refund_to IN ('original', 'cash', 'stored_value')),
  gross_fen INTEGER NOT NULL CHECK (gross_fen >= 0),
  discount_fen INTEGER NOT NULL,
  refund_fen INTEGER NOT NULL CHECK (refund_fen >= 0),
  tax_fen INTEGER NOT NULL CHECK (tax_fen >= 0),
  status TEXT NOT NULL CHECK (status IN ('pending', 'completed')),
  reason TEXT,
  business_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  completed_at TEXT,
  content_sha256 TEXT NOT NULL,
  receipt TEXT NOT NULL CHECK (json_valid(receipt)),
  CHECK (gross_fen - discount_fen = refund_fen),
  CHECK ((kind = 'exchange') = (exchange_sale_id IS NOT NULL))
) STRICT;
CREATE INDEX refund_sale ON refund(sale_id);

CREATE TABLE refund_line (
  refund_id TEXT NOT NULL REFERENCES refund(id),
  sale_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),   -- count, or grams for kg
  gross_fen INTEGER NOT NULL CHECK (gross_fen >= 0),
  discount_fen INTEGER NOT NULL,
  net_fen INTEGER NOT NULL CHECK (net_fen >= 0),
  tax_fen INTEGER NOT NULL CHECK (tax_fen >= 0),
  PRIMARY KEY (refund_id, line_no),
  FOREIGN KEY (sale_id, line_no) REFERENCES sale_line(sale_id, line_no),
  CHECK (gross_fen - discount_fen = net_fen)
) STRICT;
CREATE INDEX refund_line_sale ON refund_line(sale_id, line_no);

-- the part of each stored discount share this refund gives back (same seq as sale_line_discount)
CREATE TABLE refund_line_discount (
  refund_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (refund_id, line_no, seq),
  FOREIGN KEY (refund_id, line_no) REFERENCES refund_line(refund_id, line_no)
) STRICT;

-- Where the money goes back. Its id is the channel's out_request_no; a QR refund row is written
-- `pending` before the channel is called, and a retry reuses id and requested_at.
CREATE TABLE refund_tender (
  id TEXT PRIMARY KEY CHECK (length(id) = 32),
  refund_id TEXT NOT NULL REFERENCES refund(id),
  tender_id TEXT REFERENCES tender(id),          -- the original tender; NULL when a supervisor sent it to cash
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'card', 'alipay', 'wechat', 'unionpay', 'stored_value', 'points', 'coupon')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'unknown')),
  requested_at TEXT NOT NULL,
  channel_refund_id TEXT,
  error_code TEXT,
  detail TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX refund_tender_refund ON refund_tender(refund_id);
CREATE INDEX refund_tender_open ON refund_tender(status) WHERE status IN ('pending', 'unknown');

-- A cashier's shift at a lane: float in, cash counted by denomination at close, over/short kept.
CREATE TABLE shift (
  id TEXT PRIMARY KEY,
  lane_id TEXT NOT NULL REFERENCES lane(id),
  cashier TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  float_fen INTEGER NOT NULL CHECK (float_fen >= 0),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_at TEXT,
  closed_by TEXT,
  counted_fen INTEGER CHECK (counted_fen IS NULL OR counted_fen >= 0),
  expected_fen INTEGER,
  over_short_fen INTEGER,                    -- counted - expected: positive over, negative short; never forced to zero
  counted TEXT CHECK (counted IS NULL OR json_valid(counted)),
  z_report TEXT CHECK (z_report IS NULL OR json_valid(z_report)),
  CHECK ((status = 'open') = (closed_at IS NULL)),
  CHECK (status = 'open' OR over_short_fen = counted_fen - expected_fen)
) STRICT;
CREATE UNIQUE INDEX shift_one_open_per_lane ON shift(lane_id) WHERE status = 'open';
CREATE INDEX shift_cashier ON shift(cashier, opened_at);

CREATE TABLE cash_movement (
  id INTEGER PRIMARY KEY,
  shift_id TEXT NOT NULL REFERENCES shift(id),
  kind TEXT NOT NULL CHECK (kind IN ('pay_in', 'pay_out')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX cash_movement_shift ON cash_movement(shift_id);
