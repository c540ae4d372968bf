import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand, REPO_ROOT } from '../support/box-process.ts';
import { removeDir } from '../support/test-box.ts';

// `npm run bench` runs every benchmark isolated: a benchmark that dies (an unhandled 'error' event
// from a missing tool) or throws is reported as failed with its reason, and the run goes on.
const dir = mkdtempSync(join(tmpdir(), 'storebox-bench-run-'));
afterAll(() => removeDir(dir));

describe('the benchmark runner', () => {
  it('reports a dying and a throwing benchmark as failed with their reasons, runs the rest, and exits non-zero', async () => {
    const json = join(dir, 'results.json');
    const run = await runCommand(['--dir', join(REPO_ROOT, 'test/fixtures/bench'), '--json', json], {}, [
      process.execPath,
      join(REPO_ROOT, 'scripts/bench/run.ts'),
    ]);
    expect(run.code).toBe(1);
    // every benchmark ran, in order, the last one after both failures
    const order = ['a-ok', 'b-missing-tool', 'c-throws', 'd-ok'].map((n) => run.stdout.indexOf(`▶ ${n}.bench.ts`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(run.stdout).toMatch(/✗ b-missing-tool\.bench\.ts failed: .*ENOENT/);
    expect(run.stdout).toMatch(/✗ c-throws\.bench\.ts failed: .*fake bench could not reach its fixture/);
    expect(run.stdout).toContain('2 of 4 benchmarks failed');
    const results = JSON.parse(readFileSync(json, 'utf8')) as Array<{ name: string; ok: boolean; error?: string }>;
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['fake: first figure', true],
      ['b-missing-tool.bench.ts (failed)', false],
      ['c-throws.bench.ts (failed)', false],
      ['fake: last figure', false],
    ]);
    expect(results[1].error).toMatch(/ENOENT/);
  });

  it('exits 0 when every benchmark ran, even with a target missed (the figures are for people)', async () => {
    const run = await runCommand(['--dir', join(REPO_ROOT, 'test/fixtures/bench'), '--only', 'ok'], {}, [
      process.execPath,
      join(REPO_ROOT, 'scripts/bench/run.ts'),
    ]);
    expect(run.stdout).toContain('1/2 figures within target');
    expect(run.code).toBe(0);
  });
});
