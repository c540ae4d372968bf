import { err, ok, type Result } from '../../core/result.ts';
import type {
  PurchaseOrderLineRecord,
  PurchaseOrderRecord,
  PurchaseOrderStatus,
  PurchaseOrderStore,
  ReceivingLineRecord,
  ReceivingRecord,
} from '../ports/purchase-order-store.port.ts';
import type { StockStore } from '../ports/stock-store.port.ts';
import type { SupplierProductRecord, SupplierRecord, SupplierStore } from '../ports/supplier-store.port.ts';
import type { StoreContext } from '../store-context.ts';
import { stockProduct, stockQuantity } from './stock-product.ts';

export type SupplierInput = Omit<SupplierRecord, 'id' | 'createdAt' | 'contact'> & { contact?: string | null };
export type ProductCode = { sku?: string; barcode?: string };
export type OrderLineInput = ProductCode & { quantity: number; unitCostFen?: number };
export type ReceiveInput = {
  poId?: string;
  note?: string;
  lines: ReadonlyArray<ProductCode & { quantity: number; unitCostFen?: number }>;
};

/** A purchase order line with what is still to come (negative: more came than was ordered). */
export type PurchaseOrderLineView = PurchaseOrderLineRecord & {
  outstanding: number;
  delivery: 'under' | 'exact' | 'over';
};
export type PurchaseOrderView = PurchaseOrderRecord & { lines: PurchaseOrderLineView[] };
export type ReceivingView = ReceivingRecord & {
  lines: Array<ReceivingLineRecord & { onHand: number }>;
  purchaseOrder: PurchaseOrderView | null;
};

const RECEIVABLE: readonly PurchaseOrderStatus[] = ['sent', 'partly_received'];
const CLOSABLE: readonly PurchaseOrderStatus[] = ['sent', 'partly_received', 'received'];

/**
 * Suppliers, purchase orders (draft → sent → partly received → received → closed) and receiving, with or
 * without an order. Receiving writes its receipt, one `receiving` movement per line with its cost, and the
 * order's received counts in ONE transaction; a refused line refuses the whole receipt, naming its field.
 */
export class Purchasing {
  private readonly ctx: StoreContext;
  private readonly stores: { stock: StockStore; suppliers: SupplierStore; orders: PurchaseOrderStore };

  constructor(ctx: StoreContext, stores: { stock: StockStore; suppliers: SupplierStore; orders: PurchaseOrderStore }) {
    this.ctx = ctx;
    this.stores = stores;
  }

  createSupplier(actor: string, input: SupplierInput): Result<SupplierRecord> {
    const at = this.ctx.clock.now().toISOString();
    const supplier: SupplierRecord = {
      ...input,
      contact: input.contact ?? null,
      id: this.ctx.ids.compact(),
      createdAt: at,
    };
    this.ctx.tx.run(() => {
      this.stores.suppliers.insert(supplier);
      this.ctx.repos.audit.append({
        at,
        actor,
        action: 'supplier.created',
        subject: supplier.id,
        detail: { name: supplier.name },
      });
    });
    return ok(supplier);
  }

  suppliers(): SupplierRecord[] {
    return this.stores.suppliers.list();
  }

  supplier(id: string): (SupplierRecord & { products: SupplierProductRecord[] }) | undefined {
    const s = this.stores.suppliers.byId(id);
    return s && { ...s, products: this.stores.suppliers.productsOf(id) };
  }

  /** Which supplier supplies a product at what cost; `preferred` makes it the product's one preferred supplier. */
  setSupplierProduct(
    supplierId: string,
    input: { sku: string; costFen: number; packSize?: number; preferred?: boolean },
  ): Result<SupplierProductRecord[]> {
    if (!this.stores.suppliers.byId(supplierId)) return err('SUPPLIER_NOT_FOUND', 'supplierId');
    const product = stockProduct(this.ctx, { sku: input.sku }, 'product');
    if (!product.ok) return product;
    this.ctx.tx.run(() =>
      this.stores.suppliers.setProduct({
        supplierId,
        sku: input.sku,
        costFen: input.costFen,
        packSize: input.packSize ?? null,
        preferred: input.preferred ?? false,
      }),
    );
    return ok(this.stores.suppliers.productsOf(supplierId));
  }

  createOrder(
    actor: string,
    input: { supplierId: string; note?: string; lines: readonly OrderLineInput[] },
  ): Result<PurchaseOrderView> {
    if (!this.stores.suppliers.byId(input.supplierId)) return err('SUPPLIER_NOT_FOUND', 'supplierId');
    const terms = new Map(this.stores.suppliers.productsOf(input.supplierId).map((p) => [p.sku, p]));
    const lines: PurchaseOrderLineRecord[] = [];
    for (const [i, l] of input.lines.entries()) {
      const product = stockProduct(this.ctx, l, `lines.${i}`);
      if (!product.ok) return product;
      const quantity = stockQuantity(l.quantity, `lines.${i}`);
      if (!quantity.ok) return quantity;
      if (lines.some((x) => x.sku === product.value.sku))
        return err('VALIDATION_FAILED', `lines.${i}.sku`, { reason: 'appears twice' });
      const unitCostFen = l.unitCostFen ?? terms.get(product.value.sku)?.costFen ?? 0;
      lines.push({ lineNo: i + 1, sku: product.value.sku, ordered: quantity.value, received: 0, unitCostFen });
    }
    const at = this.ctx.clock.now().toISOString();
    const po: PurchaseOrderRecord = {
      id: this.ctx.ids.compact(),
      supplierId: input.supplierId,
      status: 'draft',
      note: input.note ?? null,
      createdBy: actor,
      createdAt: at,
      sentAt: null,
      closedAt: null,
    };
    this.ctx.tx.run(() => this.stores.orders.insert(po, lines));
    return ok(this.order(po.id)!);
  }

  order(id: string): PurchaseOrderView | undefined {
    const po = this.stores.orders.byId(id);
    if (!po) return undefined;
    const lines = this.stores.orders.lines(id).map((l) => ({
      ...l,
      outstanding: l.ordered - l.received,
      delivery:
        l.received < l.ordered ? ('under' as const) : l.received === l.ordered ? ('exact' as const) : ('over' as const),
    }));
    return { ...po, lines };
  }

  orders(filter: { status?: PurchaseOrderStatus; limit: number }): PurchaseOrderRecord[] {
    return this.stores.orders.list(filter);
  }

  /** draft → sent (to the supplier or HQ); any received state → closed (what is still outstanding is not coming). */
  transition(actor: string, id: string, to: 'sent' | 'closed'): Result<PurchaseOrderView> {
    const at = this.ctx.clock.now().toISOString();
    return this.ctx.tx.runResult(() => {
      const po = this.stores.orders.byId(id);
      if (!po) return err('PURCHASE_ORDER_NOT_FOUND', 'id');
      const allowed = to === 'sent' ? po.status === 'draft' : CLOSABLE.includes(po.status);
      if (!allowed) return err('PURCHASE_ORDER_STATUS', 'id', { status: po.status });
      this.stores.orders.setStatus(id, to, at);
      this.ctx.repos.audit.append({ at, actor, action: `purchase_order.${to}`, subject: id, detail: {} });
      if (to === 'sent') this.ctx.repos.outbox.append('purchase_order.sent', this.order(id)!, at);
      return ok(this.order(id)!);
    });
  }

  /** Goods in, by SKU or scanned barcode, against a sent order or without one; all lines or none. */
  receive(actor: string, input: ReceiveInput): Result<ReceivingView> {
    if (input.lines.length === 0) return err('VALIDATION_FAILED', 'lines', { reason: 'needs at least one line' });
    const lines: ReceivingLineRecord[] = [];
    for (const [i, l] of input.lines.entries()) {
      const product = stockProduct(this.ctx, l, `lines.${i}`);
      if (!product.ok) return product;
      const quantity = stockQuantity(l.quantity, `lines.${i}`);
      if (!quantity.ok) return quantity;
      lines.push({
        lineNo: i + 1,
        sku: product.value.sku,
        quantity: quantity.value,
        unitCostFen: l.unitCostFen ?? null,
      });
    }
    const at = this.ctx.clock.now().toISOString();
    const id = this.ctx.ids.compact();
    const result = this.ctx.tx.runResult(() => {
      let poLines: Map<string, PurchaseOrderLineRecord> | undefined;
      if (input.poId !== undefined) {
        const po = this.stores.orders.byId(input.poId);
        if (!po) return err('PURCHASE_ORDER_NOT_FOUND', 'poId');
        if (!RECEIVABLE.includes(po.status)) return err('PURCHASE_ORDER_STATUS', 'poId', { status: po.status });
        poLines = new Map(this.stores.orders.lines(po.id).map((l) => [l.sku, l]));
      }
      // the cost: as received, else the order's, else the preferred supplier's
      const costed = lines.map((l) => ({
        ...l,
        unitCostFen:
          l.unitCostFen ??
          poLines?.get(l.sku)?.unitCostFen ??
          this.stores.suppliers.suppliersOf(l.sku)[0]?.costFen ??
          null,
      }));
      this.stores.orders.insertReceiving(
        { id, poId: input.poId ?? null, receivedBy: actor, note: input.note ?? null, at },
        costed,
      );
      for (const l of costed) {
        this.stores.stock.append({
          sku: l.sku,
          kind: 'receiving',
          delta: l.quantity,
          ref: id,
          at,
          unitCostFen: l.unitCostFen,
          actor,
        });
        if (poLines?.has(l.sku)) this.stores.orders.addReceived(input.poId!, l.sku, l.quantity);
      }
      if (input.poId !== undefined) {
        const after = this.stores.orders.lines(input.poId);
        this.stores.orders.setStatus(
          input.poId,
          after.every((l) => l.received >= l.ordered) ? 'received' : 'partly_received',
          at,
        );
      }
      this.ctx.repos.outbox.append('stock.received', { receivingId: id, poId: input.poId ?? null, lines: costed }, at);
      return ok(id);
    });
    return result.ok ? ok(this.receiving(id)!) : result;
  }

  receiving(id: string): ReceivingView | undefined {
    const r = this.stores.orders.receiving(id);
    if (!r) return undefined;
    return {
      ...r,
      lines: this.stores.orders.receivingLines(id).map((l) => ({ ...l, onHand: this.stores.stock.onHand(l.sku) })),
      purchaseOrder: r.poId ? (this.order(r.poId) ?? null) : null,
    };
  }
}
