-- Catalog: products (prices in fen, per kg for weighed goods), their barcodes, promotions as
-- validated JSON data, and the record of imported files (re-importing a file is a no-op).

CREATE TABLE product (
  sku TEXT PRIMARY KEY CHECK (length(sku) BETWEEN 1 AND 64),
  name_zh TEXT NOT NULL CHECK (length(name_zh) > 0),
  name_en TEXT,
  category_path TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('each', 'kg')),
  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
  tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
  plu TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX product_category ON product(category_path);
CREATE UNIQUE INDEX product_plu ON product(plu) WHERE plu IS NOT NULL;

CREATE TABLE product_barcode (
  barcode TEXT PRIMARY KEY,
  sku TEXT NOT NULL REFERENCES product(sku) ON DELETE CASCADE
) STRICT;
CREATE INDEX product_barcode_sku ON product_barcode(sku);

-- bumped by every catalog change so the box (and a CLI import into a running box) reloads its index
CREATE TABLE catalog_revision (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision INTEGER NOT NULL
) STRICT;
INSERT INTO catalog_revision (id, revision) VALUES (1, 0);

CREATE TABLE catalog_import (
  file_sha256 TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  rows INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;

CREATE TABLE promotion (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  definition TEXT NOT NULL CHECK (json_valid(definition)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;
