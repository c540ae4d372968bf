import type { IsoDate } from '../calendar.ts';
import { lotId, type LotTake, type PointsEntry } from './points-entry.ts';

export type PointsLot = {
  readonly id: string;
  readonly memberId: string;
  readonly entryId: string;
  readonly expiresOn: IsoDate;
  readonly granted: number;
  readonly remaining: number;
  /** position in ledger order: the tie-break after expiry (earn order) */
  readonly order: number;
};

/**
 * Replays the entries into lots (all of them, also the emptied ones), in FIFO order: earliest
 * expiry first, then earn order. A take of an unknown lot or beyond a lot's remainder is a bug.
 */
export function lotsOf(entries: readonly PointsEntry[]): PointsLot[] {
  const byId = new Map<string, { lot: PointsLot; remaining: number }>();
  let order = 0;
  for (const e of entries) {
    e.grants?.forEach((g, i) => {
      const id = lotId(e.id, i);
      byId.set(id, {
        lot: {
          id,
          memberId: e.memberId,
          entryId: e.id,
          expiresOn: g.expiresOn,
          granted: g.points,
          remaining: g.points,
          order: order++,
        },
        remaining: g.points,
      });
    });
    for (const t of e.takes ?? []) {
      const slot = byId.get(t.lotId);
      if (!slot) throw new Error(`points entry ${e.id} takes from unknown lot ${t.lotId}`);
      if (t.points > slot.remaining) throw new Error(`points entry ${e.id} overdraws lot ${t.lotId}`);
      slot.remaining -= t.points;
    }
  }
  return sortFifo([...byId.values()].map(({ lot, remaining }) => ({ ...lot, remaining })));
}

export function sortFifo(lots: PointsLot[]): PointsLot[] {
  return lots.sort((a, b) => (a.expiresOn < b.expiresOn ? -1 : a.expiresOn > b.expiresOn ? 1 : a.order - b.order));
}

/** Points in lots still usable on `today` (expiresOn ≥ today). */
export function availablePoints(lots: readonly PointsLot[], today: IsoDate): number {
  let sum = 0;
  for (const l of lots) if (l.expiresOn >= today) sum += l.remaining;
  return sum;
}

/** Takes `points` from the lots in the order given (callers pass FIFO order); less if they hold less. */
export function takeInOrder(lots: readonly PointsLot[], points: number): LotTake[] {
  const takes: LotTake[] = [];
  let left = points;
  for (const l of lots) {
    if (left === 0) break;
    if (l.remaining === 0) continue;
    const n = Math.min(l.remaining, left);
    takes.push({ lotId: l.id, points: n });
    left -= n;
  }
  return takes;
}

export function sumTakes(takes: readonly LotTake[]): number {
  let s = 0;
  for (const t of takes) s += t.points;
  return s;
}
