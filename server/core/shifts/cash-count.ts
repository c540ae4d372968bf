import type { Fen } from '../money/index.ts';
import { err, ok, type Result } from '../result.ts';

/** Renminbi notes and coins in circulation, in fen: ¥100 ¥50 ¥20 ¥10 ¥5 ¥1, 5角 1角, 5分 2分 1分. */
export const RMB_DENOMINATIONS: readonly Fen[] = [10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 2, 1];

export type DenominationCount = { readonly denominationFen: Fen; readonly count: number };

/** The drawer's cash from a count by denomination. */
export function countedCash(counts: readonly DenominationCount[]): Result<Fen, 'SHIFT_COUNT_INVALID'> {
  let total = 0;
  const seen = new Set<number>();
  for (const c of counts) {
    if (!RMB_DENOMINATIONS.includes(c.denominationFen))
      return err('SHIFT_COUNT_INVALID', 'counts', { denominationFen: c.denominationFen });
    if (seen.has(c.denominationFen) || !Number.isSafeInteger(c.count) || c.count < 0)
      return err('SHIFT_COUNT_INVALID', 'counts', { denominationFen: c.denominationFen });
    seen.add(c.denominationFen);
    total += c.denominationFen * c.count;
  }
  return ok(total);
}
