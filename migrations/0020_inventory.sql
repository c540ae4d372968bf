-- Inventory (docs/inventory.md): the append-only stock ledger and the cached on hand per product, suppliers,
-- purchase orders, receiving and stocktakes. Quantities are integer units, or grams for weighed (kg) goods.

-- every movement of stock is one row, written in the same transaction as its cause; never updated or deleted
CREATE TABLE stock_ledger (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'receiving', 'stocktake', 'transfer_out', 'transfer_in', 'write_off', 'correction')),
  delta INTEGER NOT NULL CHECK (delta <> 0 OR kind = 'stocktake'),
  ref TEXT NOT NULL,                          -- the cause: sale, refund, receiving, stocktake, ... id
  unit_cost_fen INTEGER CHECK (unit_cost_fen IS NULL OR unit_cost_fen >= 0),
  actor TEXT,
  reason TEXT,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX stock_ledger_sku ON stock_ledger(sku, id);
CREATE INDEX stock_ledger_ref ON stock_ledger(ref);
CREATE TRIGGER stock_ledger_no_update BEFORE UPDATE ON stock_ledger
  BEGIN SELECT RAISE(ABORT, 'stock_ledger is append-only'); END;
CREATE TRIGGER stock_ledger_no_delete BEFORE DELETE ON stock_ledger
  BEGIN SELECT RAISE(ABORT, 'stock_ledger is append-only'); END;

-- on hand per product: a cache of sum(delta), updated in the movement's transaction (checked by verify)
CREATE TABLE stock_level (
  sku TEXT PRIMARY KEY,
  on_hand INTEGER NOT NULL,
  last_movement_id INTEGER NOT NULL,
  last_sale_at TEXT,
  updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;                      -- one b-tree keyed by sku: a sale line dirties one page here, not two

-- the movements sales and refunds wrote before the ledger are carried over with their ids
INSERT INTO stock_ledger (id, sku, kind, delta, ref, at)
  SELECT id, sku,
    CASE reason WHEN 'receipt' THEN 'receiving' WHEN 'adjustment' THEN 'correction' WHEN 'count' THEN 'stocktake' ELSE reason END,
    delta, ref, at
  FROM stock_movement WHERE delta <> 0 OR reason = 'count';
INSERT INTO stock_level (sku, on_hand, last_movement_id, last_sale_at, updated_at)
  SELECT sku, sum(delta), max(id), max(CASE WHEN kind = 'sale' THEN at END), max(at) FROM stock_ledger GROUP BY sku;
DROP TABLE stock_movement;

-- per-product minimum for the low-stock alert
CREATE TABLE stock_minimum (
  sku TEXT PRIMARY KEY,
  min_on_hand INTEGER NOT NULL CHECK (min_on_hand >= 0)
) STRICT;

CREATE TABLE supplier (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  contact TEXT,
  lead_time_days INTEGER NOT NULL CHECK (lead_time_days BETWEEN 0 AND 365),
  min_order_fen INTEGER NOT NULL DEFAULT 0 CHECK (min_order_fen >= 0),
  pack_size INTEGER NOT NULL DEFAULT 1 CHECK (pack_size >= 1),
  order_weekdays TEXT NOT NULL CHECK (json_valid(order_weekdays)),   -- [1..7], ISO weekdays
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE supplier_product (
  supplier_id TEXT NOT NULL REFERENCES supplier(id),
  sku TEXT NOT NULL,
  cost_fen INTEGER NOT NULL CHECK (cost_fen >= 0),
  pack_size INTEGER CHECK (pack_size IS NULL OR pack_size >= 1),
  preferred INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
  PRIMARY KEY (supplier_id, sku)
) STRICT;
CREATE UNIQUE INDEX supplier_product_preferred ON supplier_product(sku) WHERE preferred = 1;

CREATE TABLE purchase_order (
  id TEXT PRIMARY KEY,
  supplier_id TEXT NOT NULL REFERENCES supplier(id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'partly_received', 'received', 'closed')),
  note TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  closed_at TEXT
) STRICT;
CREATE TABLE purchase_order_line (
  po_id TEXT NOT NULL REFERENCES purchase_order(id),
  line_no INTEGER NOT NULL CHECK (line_no > 0),
  sku TEXT NOT NULL,
  ordered INTEGER NOT NULL CHECK (ordered > 0),
  received INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
  unit_cost_fen INTEGER NOT NULL CHECK (unit_cost_fen >= 0),
  PRIMARY KEY (po_id, line_no),
  UNIQUE (po_id, sku)
) STRICT;

CREATE TABLE receiving (
  id TEXT PRIMARY KEY,
  po_id TEXT REFERENCES purchase_order(id),
  received_by TEXT NOT NULL,
  note TEXT,
  at TEXT NOT NULL
) STRICT;
CREATE TABLE receiving_line (
  receiving_id TEXT NOT NULL REFERENCES receiving(id),
  line_no INTEGER NOT NULL CHECK (line_no > 0),
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_cost_fen INTEGER CHECK (unit_cost_fen IS NULL OR unit_cost_fen >= 0),
  PRIMARY KEY (receiving_id, line_no)
) STRICT;

-- a count sheet: the products of a category, each with the on hand at the moment counting started
CREATE TABLE stocktake (
  id TEXT PRIMARY KEY,
  category_prefix TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('counting', 'posted')),
  started_by TEXT NOT NULL,
  started_at TEXT NOT NULL,
  reason TEXT,
  posted_by TEXT,
  approved_by TEXT,
  posted_at TEXT
) STRICT;
CREATE UNIQUE INDEX stocktake_one_open_sheet ON stocktake(category_prefix) WHERE status <> 'posted';
CREATE TABLE stocktake_line (
  stocktake_id TEXT NOT NULL REFERENCES stocktake(id),
  sku TEXT NOT NULL,
  snapshot_on_hand INTEGER NOT NULL,          -- on hand when counting started: sales during the count stay theirs
  counted INTEGER,                            -- NULL: not counted yet
  PRIMARY KEY (stocktake_id, sku)
) STRICT;
CREATE TABLE stocktake_count (
  id INTEGER PRIMARY KEY,
  stocktake_id TEXT NOT NULL REFERENCES stocktake(id),
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  counted_by TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
