/**
 * npm run bench [-- --json FILE] [-- --only NAME]: runs every scripts/bench/*.bench.ts in turn and
 * prints each figure beside its target. Exit code stays 0 when a target is missed: the figures
 * are for people to read (machines here are shared and noisy); the JSON records `ok` per figure.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Benchmark, BenchResult } from './bench-result.ts';

const { values } = parseArgs({ options: { json: { type: 'string' }, only: { type: 'string' } } });
const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !values.only || f.includes(values.only))
  .sort();

const all: BenchResult[] = [];
for (const file of files) {
  console.log(`\n▶ ${file}`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Benchmark };
  try {
    const results = await mod.default();
    for (const r of results) {
      all.push(r);
      console.log(
        `  ${r.ok ? '✓' : '✗'} ${r.name.padEnd(58)} ${String(r.value).padStart(12)} ${r.unit.padEnd(8)} target ${r.target}`,
      );
    }
  } catch (e) {
    console.log(`  ✗ ${file} failed: ${(e as Error).stack ?? e}`);
    all.push({ name: `${file} (failed)`, value: Number.NaN, unit: '', target: 'runs', ok: false });
  }
}
if (values.json) writeFileSync(values.json, JSON.stringify(all, null, 2) + '\n');
console.log(`\n${all.filter((r) => r.ok).length}/${all.length} figures within target`);
