import { stockFlags } from '../../core/inventory/stock-movement.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { StockLevelRecord, StockMismatch, StockMovementRecord, StockStore } from '../ports/stock-store.port.ts';
import type { StoreContext } from '../store-context.ts';
import { stockProduct } from './stock-product.ts';

export type StockRow = {
  sku: string;
  nameZh: string;
  nameEn: string | null;
  unit: 'each' | 'kg';
  categoryPath: string;
  onHand: number;
  minOnHand: number | null;
  lastSaleAt: string | null;
  negative: boolean;
  low: boolean;
};
export type StockAlerts = { negative: StockRow[]; low: StockRow[]; slow: StockRow[]; slowMoverDays: number };
export type StockAlertKind = 'negative' | 'low';

/** Days without a sale after which a product with stock is a slow mover; the store setting `slowMoverDays`. */
export const DEFAULT_SLOW_MOVER_DAYS = 30;

/**
 * Reading and correcting the stock: on hand per product (the cached level, one indexed row), search, its
 * movements, write-offs and corrections, the alerts (negative, below the product's minimum, slow movers),
 * and `verify`, the consistency check that the cache equals the sum of the ledger for every product.
 */
export class StockService {
  readonly ctx: StoreContext;
  readonly stock: StockStore;

  constructor(ctx: StoreContext, stock: StockStore) {
    this.ctx = ctx;
    this.stock = stock;
  }

  onHand(sku: string): number {
    return this.stock.onHand(sku);
  }

  /** Products by name, SKU, PLU or barcode with their on hand (a product never moved has 0). */
  search(q: string | undefined, limit: number): StockRow[] {
    const page = this.ctx.repos.products.search(q, 1, limit);
    const levels = new Map(this.stock.levels({ skus: page.items.map((p) => p.sku), limit }).map((l) => [l.sku, l]));
    return page.items.map((p) => this.row(p.sku, levels.get(p.sku)));
  }

  detail(sku: string, limit: number): Result<StockRow & { movements: StockMovementRecord[] }> {
    const product = stockProduct(this.ctx, { sku }, 'product', { allowRetired: true });
    if (!product.ok) return product;
    return ok({ ...this.row(sku, this.stock.level(sku)), movements: this.stock.movements({ sku, limit }) });
  }

  setMinimum(actor: string, sku: string, minOnHand: number | null): Result<StockRow> {
    const product = stockProduct(this.ctx, { sku }, 'product', { allowRetired: true });
    if (!product.ok) return product;
    const at = this.ctx.clock.now().toISOString();
    this.ctx.tx.run(() => {
      this.stock.setMinimum(sku, minOnHand, at);
      this.ctx.repos.audit.append({ at, actor, action: 'stock.minimum_set', subject: sku, detail: { minOnHand } });
    });
    return ok(this.row(sku, this.stock.level(sku)));
  }

  /** A write-off (damage, expiry: always out) or a correction (either way), with its reason; audited. */
  adjust(
    actor: string,
    input: { sku: string; kind: 'write_off' | 'correction'; delta: number; reason: string },
  ): Result<StockRow> {
    const product = stockProduct(this.ctx, { sku: input.sku }, 'product', { allowRetired: true });
    if (!product.ok) return product;
    if (!Number.isInteger(input.delta) || input.delta === 0 || (input.kind === 'write_off' && input.delta > 0))
      return err('INVENTORY_QUANTITY_INVALID', 'delta');
    const at = this.ctx.clock.now().toISOString();
    const ref = this.ctx.ids.compact();
    const before = this.stock.onHand(input.sku);
    this.ctx.tx.run(() => {
      this.stock.append({ ...input, ref, at, actor });
      this.ctx.repos.audit.append({ at, actor, action: `stock.${input.kind}`, subject: input.sku, detail: input });
      this.ctx.repos.outbox.append('stock.adjusted', { ...input, ref, at }, at);
    });
    this.announce([{ sku: input.sku, before }]);
    return ok(this.row(input.sku, this.stock.level(input.sku)));
  }

  alerts(limit: number): StockAlerts {
    const settings = this.ctx.repos.store.get()?.settings ?? {};
    const days = typeof settings.slowMoverDays === 'number' ? settings.slowMoverDays : DEFAULT_SLOW_MOVER_DAYS;
    const before = new Date(this.ctx.clock.now().getTime() - days * 86_400_000).toISOString();
    const rows = (levels: StockLevelRecord[]) => levels.map((l) => this.row(l.sku, l));
    return {
      negative: rows(this.stock.levels({ below: 'zero', limit })),
      low: rows(this.stock.levels({ below: 'minimum', limit })),
      slow: rows(this.stock.slowMovers(before, limit)),
      slowMoverDays: days,
    };
  }

  /**
   * After a commit: the products a movement took below zero or below their minimum are announced on the
   * bus as `stock.alert` (once, when the figure crosses the line, not on every later sale).
   */
  announce(changes: ReadonlyArray<{ sku: string; before: number }>): void {
    for (const { sku, before } of changes) {
      const level = this.stock.level(sku);
      if (!level) continue;
      const was = stockFlags(before, level.minOnHand ?? undefined);
      const now = stockFlags(level.onHand, level.minOnHand ?? undefined);
      const kind: StockAlertKind | undefined =
        now.negative && !was.negative ? 'negative' : now.low && !was.low ? 'low' : undefined;
      if (kind) this.ctx.bus.emit('stock.alert', { sku, kind, onHand: level.onHand, minOnHand: level.minOnHand });
    }
  }

  /** Announces what a committed cause (a sale, a stocktake) moved: its movements give each product's before. */
  announceRef(ref: string): void {
    const deltas = new Map<string, number>();
    for (const m of this.stock.movements({ ref, limit: 1000 })) deltas.set(m.sku, (deltas.get(m.sku) ?? 0) + m.delta);
    this.announce([...deltas].map(([sku, delta]) => ({ sku, before: this.stock.onHand(sku) - delta })));
  }

  /** Every product whose cached on hand differs from its ledger; logged, since it means a write bypassed append. */
  verify(): StockMismatch[] {
    const mismatches = this.stock.verify();
    if (mismatches.length > 0)
      this.ctx.log.error({ count: mismatches.length }, 'stock cache disagrees with the ledger');
    return mismatches;
  }

  private row(sku: string, level: StockLevelRecord | undefined): StockRow {
    const p = this.ctx.repos.products.get(sku);
    const onHand = level?.onHand ?? 0;
    const minOnHand = level?.minOnHand ?? null;
    return {
      sku,
      nameZh: p?.names.zh ?? sku,
      nameEn: p?.names.en ?? null,
      unit: p?.unit ?? 'each',
      categoryPath: p?.categoryPath ?? '',
      onHand,
      minOnHand,
      lastSaleAt: level?.lastSaleAt ?? null,
      ...stockFlags(onHand, minOnHand ?? undefined),
    };
  }
}
