/**
 * One benchmark in its own process, started by scripts/bench/run.ts: `node run-one.ts FILE OUT`
 * imports FILE, runs its default export and writes the figures to OUT as JSON. Whatever kills it
 * (a throw, an unhandled 'error' event, a native crash) kills only this process; run.ts reports the
 * benchmark as failed with the reason from stderr and goes on with the next one.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Benchmark } from './bench-result.ts';

const [file, out] = process.argv.slice(2);
if (!file || !out) {
  console.error('usage: node scripts/bench/run-one.ts FILE.bench.ts OUT.json');
  process.exit(64);
}
const mod = (await import(pathToFileURL(file).href)) as { default: Benchmark };
const results = await mod.default();
writeFileSync(out, JSON.stringify(results));
// a benchmark may leave a handle open (a socket, a timer): the figures are written, so end here
process.exit(0);
