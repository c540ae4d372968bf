/** A small seeded PRNG (mulberry32): every chaos run can be replayed from its seed. */
export type Rng = {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
};

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** `--name value` from argv, as a number (or the fallback). */
export function numberArg(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  if (i < 0 || i + 1 >= argv.length) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isFinite(n)) throw new Error(`${name} needs a number, got ${argv[i + 1]}`);
  return n;
}

/** The line each suite prints last: run.ts collects it. */
export const RESULT_MARK = 'CHAOS_RESULT ';

export type SuiteResult = {
  suite: string;
  seed: number;
  /** figures to print, name → value */
  figures: Record<string, number | string>;
  /** what must be zero: losses, doubles, crashes, half-writes, violated invariants */
  failures: string[];
};

export function printResult(result: SuiteResult): void {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}
