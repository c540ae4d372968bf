-- Replenishment suggestions (docs/replenishment.md). Supply terms live here, in replenishment_* tables of
-- their own, until the inventory feature's suppliers table lands (issue #13): per product, who supplies it,
-- the lead time in days, the pack size and the minimum order (units, grams for weighed goods).
CREATE TABLE replenishment_supply (
  sku TEXT PRIMARY KEY CHECK (length(sku) BETWEEN 1 AND 64),
  supplier_id TEXT NOT NULL CHECK (length(supplier_id) BETWEEN 1 AND 64),
  supplier_name TEXT NOT NULL CHECK (length(supplier_name) BETWEEN 1 AND 100),
  lead_time_days INTEGER NOT NULL CHECK (lead_time_days BETWEEN 0 AND 365),
  pack_size INTEGER NOT NULL CHECK (pack_size >= 1),
  min_order INTEGER NOT NULL CHECK (min_order >= 0),
  cost_fen INTEGER CHECK (cost_fen >= 0),
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX replenishment_supply_supplier ON replenishment_supply(supplier_id);

-- one run of the job: the settings it used and when it finished; the latest finished run is what the console shows
CREATE TABLE replenishment_run (
  id TEXT PRIMARY KEY,
  as_of TEXT NOT NULL,                       -- the last business date of the history; the forecast starts the day after
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  policy TEXT NOT NULL CHECK (json_valid(policy)),
  products INTEGER NOT NULL CHECK (products >= 0),
  suggested INTEGER NOT NULL CHECK (suggested >= 0)
) STRICT;
CREATE INDEX replenishment_run_finished ON replenishment_run(finished_at);

-- one row per product per run; explanation holds the figures the suggestion was made from
CREATE TABLE replenishment_line (
  run_id TEXT NOT NULL REFERENCES replenishment_run(id),
  sku TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  category_path TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('each', 'kg')),
  supplier_id TEXT,                          -- null: no supply terms yet (store defaults were used)
  supplier_name TEXT,
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  cost_fen INTEGER CHECK (cost_fen >= 0),
  flags TEXT NOT NULL,                       -- space-separated: negative dead slow
  explanation TEXT NOT NULL CHECK (json_valid(explanation)),
  PRIMARY KEY (run_id, sku)
) STRICT, WITHOUT ROWID;

-- The forecast's input, rolled up as sales complete (the replenishment sale effect, in the sale's
-- transaction): units (grams for kg goods) sold per product per business date, day = days since
-- 1970-01-01; promotion = a line promotion priced one of that day's lines. Read in key order by the job,
-- so a year of 200,000 products is one ordered scan, not a GROUP BY over every sale line.
CREATE TABLE replenishment_daily_sales (
  sku TEXT NOT NULL,
  day INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  promotion INTEGER NOT NULL CHECK (promotion IN (0, 1)),
  PRIMARY KEY (sku, day)
) STRICT, WITHOUT ROWID;

INSERT INTO replenishment_daily_sales (sku, day, quantity, promotion)
SELECT sl.sku, CAST(julianday(s.business_date) - 2440587.5 AS INTEGER), SUM(sl.quantity),
       MAX(EXISTS (SELECT 1 FROM sale_line_discount d
                   WHERE d.sale_id = sl.sale_id AND d.line_no = sl.line_no
                     AND d.stage = 'line' AND d.source_kind = 'promotion'))
FROM sale s JOIN sale_line sl ON sl.sale_id = s.id
GROUP BY sl.sku, s.business_date;
