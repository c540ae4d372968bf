import type { LineRefund } from '../../core/returns/index.ts';
import type { Result } from '../../core/result.ts';
import type { RefundRecord, RefundTenderRecord } from '../ports/refund-store.port.ts';
import type { Repositories } from '../store-context.ts';

/** The sale a refund is taken from, as the sale store reads it. */
export type SaleSummary = NonNullable<ReturnType<Repositories['sales']['byId']>>;

export type RefundEffectInput = {
  refund: RefundRecord;
  sale: SaleSummary;
  /**
   * The refunded lines with the sale line they come from (its id, as loyalty's ledger names it;
   * sku, net, quantity) and, parallel to `discounts`, where each stored share came from.
   */
  lines: ReadonlyArray<
    LineRefund & {
      lineId: string;
      sku: string;
      saleNetFen: number;
      saleQuantity: number;
      shares: ReadonlyArray<{ sourceKind: string; sourceId: string }>;
    }
  >;
  tenders: readonly RefundTenderRecord[];
  /** every unit of every line of the sale is now returned */
  fullRefund: boolean;
};

/**
 * What a refund causes in its own transaction, as SaleEffect does for a sale: points clawback,
 * redeemed points and coupons restored, tier spend lowered, stored value paid back (loyalty).
 * An error result refuses the refund and rolls it back whole; throwing is a bug and does too.
 */
export type RefundEffect = {
  readonly name: string;
  apply(input: RefundEffectInput): Result<unknown> | void;
  /**
   * Lines for the refund slip's footer saying what `apply` will give back for the same input (zh-CN
   * then English), so the slip shows the very numbers the effect writes (loyalty: points restored).
   */
  slipLines?(input: Pick<RefundEffectInput, 'sale' | 'lines'>): string[];
};
