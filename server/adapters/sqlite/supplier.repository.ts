import type { SupplierProductRecord, SupplierRecord, SupplierStore } from '../../app/ports/supplier-store.port.ts';
import type { Db } from './database.ts';

const COLUMNS = `id, name, contact, lead_time_days AS leadTimeDays, min_order_fen AS minOrderFen, pack_size AS packSize,
  order_weekdays AS orderWeekdays, created_at AS createdAt`;
const PRODUCT_COLUMNS = 'supplier_id AS supplierId, sku, cost_fen AS costFen, pack_size AS packSize, preferred';
type Row = Omit<SupplierRecord, 'orderWeekdays'> & { orderWeekdays: string };
type ProductRow = Omit<SupplierProductRecord, 'preferred'> & { preferred: number };
const toSupplier = (r: Row): SupplierRecord => ({ ...r, orderWeekdays: JSON.parse(r.orderWeekdays) as number[] });
const toProduct = (r: ProductRow): SupplierProductRecord => ({ ...r, preferred: r.preferred === 1 });

/** Suppliers and their products' terms. Writes run inside the caller's transaction. */
export class SupplierRepository implements SupplierStore {
  private readonly st;

  constructor(db: Db) {
    this.st = {
      insert:
        db.prepare(`INSERT INTO supplier (id, name, contact, lead_time_days, min_order_fen, pack_size, order_weekdays, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      byId: db.prepare(`SELECT ${COLUMNS} FROM supplier WHERE id = ?`),
      list: db.prepare(`SELECT ${COLUMNS} FROM supplier ORDER BY name, id`),
      clearPreferred: db.prepare('UPDATE supplier_product SET preferred = 0 WHERE sku = ? AND supplier_id <> ?'),
      setProduct:
        db.prepare(`INSERT INTO supplier_product (supplier_id, sku, cost_fen, pack_size, preferred) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(supplier_id, sku) DO UPDATE SET cost_fen = excluded.cost_fen, pack_size = excluded.pack_size, preferred = excluded.preferred`),
      productsOf: db.prepare(`SELECT ${PRODUCT_COLUMNS} FROM supplier_product WHERE supplier_id = ? ORDER BY sku`),
      suppliersOf: db.prepare(
        `SELECT ${PRODUCT_COLUMNS} FROM supplier_product WHERE sku = ? ORDER BY preferred DESC, cost_fen, supplier_id`,
      ),
    };
  }

  insert(s: SupplierRecord): void {
    this.st.insert.run(
      s.id,
      s.name,
      s.contact,
      s.leadTimeDays,
      s.minOrderFen,
      s.packSize,
      JSON.stringify(s.orderWeekdays),
      s.createdAt,
    );
  }

  byId(id: string): SupplierRecord | undefined {
    const row = this.st.byId.get(id) as Row | undefined;
    return row && toSupplier(row);
  }

  list(): SupplierRecord[] {
    return (this.st.list.all() as Row[]).map(toSupplier);
  }

  setProduct(p: SupplierProductRecord): void {
    if (p.preferred) this.st.clearPreferred.run(p.sku, p.supplierId);
    this.st.setProduct.run(p.supplierId, p.sku, p.costFen, p.packSize, p.preferred ? 1 : 0);
  }

  productsOf(supplierId: string): SupplierProductRecord[] {
    return (this.st.productsOf.all(supplierId) as ProductRow[]).map(toProduct);
  }

  suppliersOf(sku: string): SupplierProductRecord[] {
    return (this.st.suppliersOf.all(sku) as ProductRow[]).map(toProduct);
  }
}
