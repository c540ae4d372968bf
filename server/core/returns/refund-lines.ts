import { mulDivHalfUp, type Fen } from '../money/index.ts';
import { err, ok, type Result } from '../result.ts';

/** A sale line as it was stored at the sale: quantity (count, or grams), net, tax and every discount share in stored order. */
export type StoredLine = {
  readonly lineNo: number;
  readonly quantity: number;
  readonly netFen: Fen;
  readonly taxFen: Fen;
  readonly discounts: readonly Fen[];
  /** the points of the sale's redemption the line carries (pricing's allocation); null when not recorded */
  readonly pointsRedeemed?: number | null;
};

export type ReturnLineRequest = { readonly lineNo: number; readonly quantity: number };

/** What one refund gives back on one line; `discounts` is parallel to the stored shares. */
export type LineRefund = {
  readonly lineNo: number;
  readonly quantity: number;
  readonly grossFen: Fen;
  readonly discountFen: Fen;
  readonly netFen: Fen;
  readonly taxFen: Fen;
  readonly discounts: readonly Fen[];
  /**
   * the redeemed points these units carry, sliced from the stored allocation as the discount shares
   * are (so every unit returned gives back exactly the line's points); null when the sale line has none recorded
   */
  readonly pointsRestored: number | null;
};

export type RefundLines = {
  readonly lines: readonly LineRefund[];
  readonly grossFen: Fen;
  readonly discountFen: Fen;
  readonly netFen: Fen;
  readonly taxFen: Fen;
};

export type RefundLinesError =
  'RETURN_NO_LINES' | 'RETURN_LINE_NOT_FOUND' | 'RETURN_LINE_REPEATED' | 'RETURN_QUANTITY_EXCEEDS';

/**
 * The part of a stored amount that units (before, before + now] of `total` carry: the cumulative
 * amount at `before + now` minus the cumulative amount at `before`, each half-up. Because the
 * pieces telescope, returning every unit in any order and any partial quantities gives back
 * exactly the stored amount, and the last unit takes the remainder.
 */
function slice(amount: Fen, before: number, now: number, total: number): Fen {
  return mulDivHalfUp(amount, before + now, total) - mulDivHalfUp(amount, before, total);
}

/**
 * The refund of some quantities of a sale's lines, read from the stored shares (never from
 * today's prices or rules). `returned` holds the quantity of each line already returned.
 * The net and each discount share are sliced; the gross is their sum, so gross − discounts =
 * net on every refund line and no piece of net is ever negative.
 */
export function refundLines(
  lines: readonly StoredLine[],
  returned: ReadonlyMap<number, number>,
  request: readonly ReturnLineRequest[],
): Result<RefundLines, RefundLinesError> {
  if (request.length === 0) return err('RETURN_NO_LINES', 'lines');
  const seen = new Set<number>();
  const out: LineRefund[] = [];
  let gross = 0;
  let discount = 0;
  let net = 0;
  let tax = 0;
  for (const r of request) {
    if (seen.has(r.lineNo)) return err('RETURN_LINE_REPEATED', 'lines', { lineNo: r.lineNo });
    seen.add(r.lineNo);
    const line = lines.find((l) => l.lineNo === r.lineNo);
    if (!line) return err('RETURN_LINE_NOT_FOUND', 'lines', { lineNo: r.lineNo });
    const before = returned.get(r.lineNo) ?? 0;
    const left = line.quantity - before;
    if (!Number.isSafeInteger(r.quantity) || r.quantity <= 0 || r.quantity > left)
      return err('RETURN_QUANTITY_EXCEEDS', 'lines', { lineNo: r.lineNo, quantity: r.quantity, left });
    const discounts = line.discounts.map((d) => slice(d, before, r.quantity, line.quantity));
    const lineDiscount = discounts.reduce((s, d) => s + d, 0);
    const lineNet = slice(line.netFen, before, r.quantity, line.quantity);
    const lineTax = slice(line.taxFen, before, r.quantity, line.quantity);
    const points = line.pointsRedeemed ?? null;
    out.push({
      lineNo: r.lineNo,
      quantity: r.quantity,
      grossFen: lineNet + lineDiscount,
      discountFen: lineDiscount,
      netFen: lineNet,
      taxFen: lineTax,
      discounts,
      pointsRestored: points === null ? null : slice(points, before, r.quantity, line.quantity),
    });
    gross += lineNet + lineDiscount;
    discount += lineDiscount;
    net += lineNet;
    tax += lineTax;
  }
  return ok({ lines: out, grossFen: gross, discountFen: discount, netFen: net, taxFen: tax });
}
