/** One benchmark figure printed beside its target. `ok` says whether the target is met. */
export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
};

/** A benchmark module under scripts/bench/ default-exports one of these. */
export type Benchmark = () => Promise<BenchResult[]>;

/** p-th percentile (0..100) of a list of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
