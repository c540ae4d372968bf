import { describe, expect, it } from 'vitest';
import { runCrashLoop } from '../../scripts/chaos/crash-loop.ts';
import { runHqLink } from '../../scripts/chaos/hq-link.ts';
import { runPowerLoss } from '../../scripts/chaos/power-loss.ts';

// the quick mode of `npm run chaos`; the full runs and their figures are in docs/chaos.md
const seed = 20261202;

describe('chaos, quick', () => {
  it('keeps every acknowledged sale and refund exactly once across SIGKILLs of the box, with gapless receipts, balanced ledgers and a complete outbox', async () => {
    const r = await runCrashLoop({ seed, cycles: 5, lanes: 3, maxUpMs: 700 });
    expect(r.failures).toEqual([]);
    expect(r.figures.kills).toBe(5);
    expect(r.figures.salesAcknowledged).toBeGreaterThan(0);
    expect(r.figures.salesStored).toBeGreaterThanOrEqual(r.figures.salesAcknowledged as number);
    expect(r.figures.lost).toBe(0);
    expect(r.figures.doubles).toBe(0);
  }, 300_000); // a bound, not a target: a loaded 2-core machine runs these several times slower

  it('delivers every outbox row to HQ exactly once after dedupe, in seq order, through a faulty link and broker restarts', async () => {
    const r = await runHqLink({ seed, schedules: 4 });
    expect(r.failures).toEqual([]);
    expect(r.figures.atHqAfterDedupe).toBe(r.figures.outboxRows);
    expect(r.figures.sales).toBeGreaterThan(0);
  }, 300_000); // a bound, not a target: a loaded 2-core machine runs these several times slower

  it('says whether power loss was exercised on this machine, and why not', async () => {
    const r = await runPowerLoss({ seed, cycles: 3 });
    expect(r.failures).toEqual([]);
    if (r.figures.exercised === 0) expect(String(r.figures.reason)).toMatch(/LAZYFS_BIN|fuse/);
    else expect(r.figures.kills).toBe(3);
  }, 300_000); // a bound, not a target: a loaded 2-core machine runs these several times slower
});
