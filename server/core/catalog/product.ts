/**
 * One sellable item as HQ pushes it down. Weighed goods (unit kg) carry their price per kg. Wire
 * schema: server/contracts/catalog/product.schema.ts (kept equal at compile time).
 */
export type Product = {
  sku: string;
  names: { zh: string; en?: string };
  /** category path segments joined by '/', e.g. "食品/饮料/碳酸饮料"; promotions match by segment prefix */
  categoryPath: string;
  unit: 'each' | 'kg';
  /** fen per item, or fen per kg when unit is kg */
  priceFen: number;
  /** VAT included in the price, basis points (1300 = 13%) */
  taxRateBp: number;
  status: 'active' | 'inactive';
  /** EAN-13 / EAN-8 / UPC-A codes printed on the item */
  barcodes: string[];
  /** short code keyed at the lane or printed in a label scale's item digits */
  plu?: string;
};
