import { stocktakeVariance } from '../../core/inventory/stock-movement.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { roleAllows, type Role } from '../../core/staff/role.ts';
import type { StockStore } from '../ports/stock-store.port.ts';
import type { StocktakeLineRecord, StocktakeRecord, StocktakeStore } from '../ports/stocktake-store.port.ts';
import type { StoreContext } from '../store-context.ts';
import { stockProduct, stockQuantity } from './stock-product.ts';

export type StocktakeLineView = StocktakeLineRecord & { onHand: number; variance: number | null };
export type StocktakeView = StocktakeRecord & { lines: StocktakeLineView[] };
export type Poster = { username: string; role: Role };

/**
 * Stocktakes (docs/inventory.md): a count sheet per category, its products' on hand frozen when counting
 * starts; counts are added by scanning (two people may count the same sheet); posting writes one `stocktake`
 * movement per counted line of exactly counted − snapshot, so a sale during the count — already its own
 * movement — is not counted twice. A variance above the store setting `stocktakeApproval` needs a supervisor.
 */
export class Stocktakes {
  private readonly ctx: StoreContext;
  private readonly stores: { stock: StockStore; stocktakes: StocktakeStore };
  /** told each posted stocktake's id after its commit (the stock alerts) */
  private readonly posted: (id: string) => void;

  constructor(
    ctx: StoreContext,
    stores: { stock: StockStore; stocktakes: StocktakeStore },
    posted: (id: string) => void = () => {},
  ) {
    this.ctx = ctx;
    this.stores = stores;
    this.posted = posted;
  }

  start(actor: string, categoryPrefix: string): Result<StocktakeView> {
    const at = this.ctx.clock.now().toISOString();
    const id = this.ctx.ids.compact();
    const started = this.ctx.tx.runResult(() => {
      const products = this.ctx.repos.products
        .all()
        .filter((p) => p.status === 'active' && p.categoryPath.startsWith(categoryPrefix));
      const lines = products.map((p) => ({
        sku: p.sku,
        snapshotOnHand: this.stores.stock.onHand(p.sku),
        counted: null,
      }));
      const record: StocktakeRecord = {
        id,
        categoryPrefix,
        status: 'counting',
        startedBy: actor,
        startedAt: at,
        reason: null,
        postedBy: null,
        approvedBy: null,
        postedAt: null,
      };
      if (!this.stores.stocktakes.insert(record, lines)) return err('STOCKTAKE_SHEET_OPEN', 'categoryPrefix');
      return ok(id);
    });
    return started.ok ? ok(this.view(id)!) : started;
  }

  view(id: string): StocktakeView | undefined {
    const s = this.stores.stocktakes.byId(id);
    if (!s) return undefined;
    const lines = this.stores.stocktakes.lines(id).map((l) => ({
      ...l,
      onHand: this.stores.stock.onHand(l.sku),
      variance: l.counted === null ? null : stocktakeVariance(l.snapshotOnHand, l.counted),
    }));
    return { ...s, lines };
  }

  /** Adds a count to a line, by SKU or scanned barcode (a scan without a quantity counts one). */
  count(
    actor: string,
    id: string,
    input: { sku?: string; barcode?: string; quantity?: number },
  ): Result<StocktakeLineView> {
    const product = stockProduct(this.ctx, input, 'line', { allowRetired: true });
    if (!product.ok) return product;
    const quantity = stockQuantity(input.quantity ?? 1, 'line', true);
    if (!quantity.ok) return quantity;
    const at = this.ctx.clock.now().toISOString();
    const sku = product.value.sku;
    const counted = this.ctx.tx.runResult(() => {
      const sheet = this.stores.stocktakes.byId(id);
      if (!sheet) return err('STOCKTAKE_NOT_FOUND', 'id');
      if (sheet.status === 'posted') return err('STOCKTAKE_ALREADY_POSTED', 'id');
      if (!this.stores.stocktakes.line(id, sku)) return err('STOCKTAKE_NOT_ON_SHEET', 'line.sku', { sku });
      this.stores.stocktakes.addCount(id, sku, quantity.value, actor, at);
      return ok(sku);
    });
    return counted.ok ? ok(this.view(id)!.lines.find((l) => l.sku === sku)!) : counted;
  }

  /**
   * Posts the variances of the counted lines with a reason. Above the threshold the poster must be a
   * supervisor (or above); posting twice is refused. All lines post or none.
   */
  post(poster: Poster, id: string, reason: string): Result<StocktakeView> {
    const at = this.ctx.clock.now().toISOString();
    const threshold = approvalThreshold(this.ctx.repos.store.get()?.settings ?? {});
    const posted = this.ctx.tx.runResult(() => {
      const sheet = this.stores.stocktakes.byId(id);
      if (!sheet) return err('STOCKTAKE_NOT_FOUND', 'id');
      if (sheet.status === 'posted') return err('STOCKTAKE_ALREADY_POSTED', 'id');
      const units = new Map(this.ctx.repos.products.all().map((p) => [p.sku, p.unit]));
      const variances = this.stores.stocktakes
        .lines(id)
        .filter((l) => l.counted !== null)
        .map((l) => ({ sku: l.sku, variance: stocktakeVariance(l.snapshotOnHand, l.counted!) }));
      const needsApproval = variances.some(
        (v) => Math.abs(v.variance) > (units.get(v.sku) === 'kg' ? threshold.aboveGrams : threshold.aboveUnits),
      );
      const supervisor = roleAllows(poster.role, 'supervisor');
      if (needsApproval && !supervisor)
        return err('STOCKTAKE_APPROVAL_REQUIRED', 'id', {
          threshold: `${threshold.aboveUnits} / ${threshold.aboveGrams} g`,
        });
      for (const v of variances) {
        if (v.variance === 0) continue;
        this.stores.stock.append({
          sku: v.sku,
          kind: 'stocktake',
          delta: v.variance,
          ref: id,
          at,
          actor: poster.username,
          reason,
        });
      }
      this.stores.stocktakes.markPosted(id, poster.username, needsApproval ? poster.username : null, reason, at);
      this.ctx.repos.audit.append({
        at,
        actor: poster.username,
        action: 'stocktake.posted',
        subject: id,
        detail: { reason, lines: variances.filter((v) => v.variance !== 0).length },
      });
      this.ctx.repos.outbox.append('stocktake.posted', { stocktakeId: id, reason, variances }, at);
      return ok(id);
    });
    if (!posted.ok) return posted;
    this.posted(id);
    return ok(this.view(id)!);
  }
}

/** The store setting `stocktakeApproval`; absent means 0 and 0: every variance needs a supervisor. */
function approvalThreshold(settings: Record<string, unknown>): { aboveUnits: number; aboveGrams: number } {
  const s = settings.stocktakeApproval as { aboveUnits?: number; aboveGrams?: number } | undefined;
  return { aboveUnits: s?.aboveUnits ?? 0, aboveGrams: s?.aboveGrams ?? 0 };
}
