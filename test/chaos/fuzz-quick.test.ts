import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../scripts/chaos/fuzz/run-fuzz.ts';

/**
 * The quick fuzz (docs/fuzz.md) inside `npm test`: a few thousand generated inputs into every target
 * of scripts/chaos/fuzz.ts against a real box. A fixed seed keeps CI reproducible; the full run and
 * ad-hoc runs take other seeds (`node scripts/chaos/fuzz.ts --full --seed N`).
 */
describe('the quick fuzz', () => {
  it('finds no crash, 5xx, reply outside the envelope, half-write or broken parser invariant', async () => {
    const result = await runFuzz({ mode: 'quick', seed: 20_261_202 });
    console.log(result.report);
    expect(result.figures.map((f) => f.target).length).toBe(5);
    for (const f of result.figures) expect(f.inputs, f.target).toBeGreaterThan(0);
    expect(result.figures.flatMap((f) => f.examples)).toEqual([]);
    expect(result.failures).toBe(0);
  }, 420_000); // ~30 s on an idle 2-core machine; generous for a loaded one
});
