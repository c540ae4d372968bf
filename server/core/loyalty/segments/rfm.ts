import type { MemberAggregate } from './member-aggregate.ts';

/** Quintile boundaries: the values at the 20/40/60/80th percentile (nearest rank) among buyers. */
export type RfmCutpoints = {
  readonly recency: readonly number[];
  readonly frequency: readonly number[];
  readonly monetary: readonly number[];
};

export type RfmScore = { readonly r: number; readonly f: number; readonly m: number };

/** Members without a purchase are not scored. */
export const UNSCORED: RfmScore = { r: 0, f: 0, m: 0 };

/**
 * Collects buyers' values slice by slice (so the caller can yield to the event loop between
 * slices), then sorts once for the quintile cutpoints. Recency is the last purchase day itself:
 * a later day is more recent and scores higher.
 */
export class RfmCollector {
  private recency: Float64Array;
  private frequency: Float64Array;
  private monetary: Float64Array;
  private count = 0;

  constructor(expectedMembers = 1024) {
    this.recency = new Float64Array(Math.max(expectedMembers, 16));
    this.frequency = new Float64Array(this.recency.length);
    this.monetary = new Float64Array(this.recency.length);
  }

  add(slice: readonly MemberAggregate[]): void {
    for (const a of slice) {
      if (a.lastPurchaseDay === null || a.orderCount <= 0) continue;
      if (this.count === this.recency.length) this.grow();
      this.recency[this.count] = a.lastPurchaseDay;
      this.frequency[this.count] = a.orderCount;
      this.monetary[this.count] = a.spendFen;
      this.count++;
    }
  }

  cutpoints(): RfmCutpoints {
    return {
      recency: quintiles(this.recency, this.count),
      frequency: quintiles(this.frequency, this.count),
      monetary: quintiles(this.monetary, this.count),
    };
  }

  private grow(): void {
    const n = this.recency.length * 2;
    for (const key of ['recency', 'frequency', 'monetary'] as const) {
      const next = new Float64Array(n);
      next.set(this[key]);
      this[key] = next;
    }
  }
}

function quintiles(values: Float64Array, count: number): number[] {
  if (count === 0) return [];
  const sorted = values.slice(0, count).sort();
  return [0.2, 0.4, 0.6, 0.8].map((p) => sorted[Math.max(0, Math.ceil(p * count) - 1)]);
}

/** 1 + the number of cutpoints strictly below the value: ties share a score, the lowest values score 1. */
export function quintileScore(cutpoints: readonly number[], value: number): number {
  let s = 1;
  for (const c of cutpoints) if (c < value) s++;
  return s;
}

export function rfmScore(cut: RfmCutpoints, a: MemberAggregate): RfmScore {
  if (a.lastPurchaseDay === null || a.orderCount <= 0) return UNSCORED;
  return {
    r: quintileScore(cut.recency, a.lastPurchaseDay),
    f: quintileScore(cut.frequency, a.orderCount),
    m: quintileScore(cut.monetary, a.spendFen),
  };
}
