import type { WorkLine } from '../work-line.ts';

/**
 * Counted units of the given lines laid out in one row, dearest first (ties keep line order), as runs:
 * units [start, start + count) of the row belong to line `index`. Nth-item and buy-X-get-Y rules pick
 * positions in this row, so the units they discount are the cheapest of each group.
 */
export type UnitRun = { readonly index: number; readonly start: number; readonly count: number };

export function rankedUnitRuns(lines: readonly WorkLine[]): { runs: UnitRun[]; total: number } {
  const order = lines
    .map((w, index) => ({ index, price: w.line.unitPriceFen, count: w.line.unit === 'each' ? w.line.quantity : 0 }))
    .filter((u) => u.count > 0)
    .sort((a, b) => b.price - a.price || a.index - b.index);
  const runs: UnitRun[] = [];
  let start = 0;
  for (const u of order) {
    runs.push({ index: u.index, start, count: u.count });
    start += u.count;
  }
  return { runs, total: start };
}
