-- Sales: one row per completed sale with its lines, every discount share, tenders and stock
-- movements, all written in one transaction. Receipt numbers are gapless per lane.

CREATE TABLE lane_counter (
  lane_id TEXT PRIMARY KEY REFERENCES lane(id),
  last_seq INTEGER NOT NULL CHECK (last_seq >= 0)
) STRICT;

CREATE TABLE sale (
  id TEXT PRIMARY KEY,                       -- UUIDv7 made by the lane before it sends `complete`
  store_id TEXT NOT NULL,
  lane_id TEXT NOT NULL REFERENCES lane(id),
  lane_seq INTEGER NOT NULL CHECK (lane_seq > 0),
  receipt_no TEXT NOT NULL UNIQUE,
  cashier TEXT NOT NULL,
  member_id TEXT,
  business_date TEXT NOT NULL,
  completed_at TEXT NOT NULL,
  gross_fen INTEGER NOT NULL CHECK (gross_fen >= 0),
  discount_fen INTEGER NOT NULL,
  due_fen INTEGER NOT NULL CHECK (due_fen >= 0),
  tax_fen INTEGER NOT NULL CHECK (tax_fen >= 0),
  tendered_fen INTEGER NOT NULL CHECK (tendered_fen >= 0),
  change_fen INTEGER NOT NULL CHECK (change_fen >= 0),
  points_earned INTEGER NOT NULL DEFAULT 0 CHECK (points_earned >= 0),
  content_sha256 TEXT NOT NULL,              -- a retry with the same id must carry the same content
  priced TEXT NOT NULL CHECK (json_valid(priced)),
  receipt TEXT NOT NULL CHECK (json_valid(receipt)),
  UNIQUE (lane_id, lane_seq),
  CHECK (tendered_fen - change_fen = due_fen)
) STRICT;
CREATE INDEX sale_business_date ON sale(business_date);
CREATE INDEX sale_member ON sale(member_id) WHERE member_id IS NOT NULL;

CREATE TABLE sale_line (
  sale_id TEXT NOT NULL REFERENCES sale(id),
  line_no INTEGER NOT NULL CHECK (line_no > 0),
  line_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  category_path TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('each', 'kg')),
  quantity INTEGER NOT NULL CHECK (quantity >= 0),   -- count, or grams for kg
  unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
  gross_fen INTEGER NOT NULL CHECK (gross_fen >= 0),
  discount_fen INTEGER NOT NULL,
  net_fen INTEGER NOT NULL CHECK (net_fen >= 0),
  tax_rate_bp INTEGER NOT NULL,
  tax_fen INTEGER NOT NULL CHECK (tax_fen >= 0),
  points_multiplier_bp INTEGER NOT NULL,
  price_override_fen INTEGER,
  PRIMARY KEY (sale_id, line_no),
  CHECK (gross_fen - discount_fen = net_fen)
) STRICT;

-- every share of a discount on a line, with what caused it; refunds read these, never today's rules
CREATE TABLE sale_line_discount (
  sale_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  stage TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  source_id TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (sale_id, line_no, seq),
  FOREIGN KEY (sale_id, line_no) REFERENCES sale_line(sale_id, line_no)
) STRICT;

CREATE TABLE tender (
  id TEXT PRIMARY KEY,                       -- also the merchant order number sent to a channel
  sale_id TEXT NOT NULL REFERENCES sale(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'card', 'alipay', 'wechat', 'unionpay', 'stored_value', 'points', 'coupon')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  reference TEXT,
  status TEXT NOT NULL CHECK (status IN ('created', 'pending', 'succeeded', 'failed', 'cancelled', 'unknown')),
  created_at TEXT NOT NULL,
  UNIQUE (sale_id, seq)
) STRICT;

CREATE TABLE stock_movement (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL,
  delta INTEGER NOT NULL,                    -- units, or grams for kg goods
  reason TEXT NOT NULL CHECK (reason IN ('sale', 'refund', 'receipt', 'adjustment', 'count')),
  ref TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX stock_movement_sku ON stock_movement(sku);

CREATE TABLE parked_cart (
  id TEXT PRIMARY KEY,
  lane_id TEXT NOT NULL REFERENCES lane(id),
  cashier TEXT NOT NULL,
  parked_at TEXT NOT NULL,
  cart TEXT NOT NULL CHECK (json_valid(cart))
) STRICT;
