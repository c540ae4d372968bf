/**
 * npm run bench [-- --json FILE] [-- --only NAME] [-- --timeout-s N]: runs every scripts/bench/*.bench.ts
 * in turn, each in its own process (run-one.ts), and prints each figure beside its target.
 * A benchmark that throws, dies (an unhandled 'error' event, e.g. socat not installed) or runs past
 * its timeout is reported as failed with its reason, and the run goes on with the next one; the exit
 * code is 1 at the end if any benchmark failed. A missed target keeps exit code 0: the figures are for
 * people to read (machines here are shared and noisy); the JSON records `ok` per figure.
 * `--dir DIR` runs the benchmarks of another directory (the runner's own test uses fake ones).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchResult } from './bench-result.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    only: { type: 'string' },
    dir: { type: 'string' },
    'timeout-s': { type: 'string', default: '900' },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const dir = values.dir ? resolve(values.dir) : here;
const timeoutMs = Number(values['timeout-s']) * 1000;
if (!(timeoutMs > 0)) {
  console.error(`--timeout-s: expected a positive number of seconds, got ${values['timeout-s']}`);
  process.exit(64);
}
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !values.only || f.includes(values.only))
  .sort();

type Outcome = { ok: true; results: BenchResult[] } | { ok: false; reason: string };

/** Runs one benchmark file in a child process; its output goes through, its stderr tail is the reason if it fails. */
function runIsolated(file: string, out: string): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(here, 'run-one.ts'), join(dir, file), out], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      process.stderr.write(d);
      stderr = (stderr + d.toString()).slice(-8000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ ok: false, reason: `could not start: ${e.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && existsSync(out)) {
        done({ ok: true, results: JSON.parse(readFileSync(out, 'utf8')) as BenchResult[] });
        return;
      }
      const how = timedOut ? `timed out after ${timeoutMs / 1000} s` : signal ? `killed by ${signal}` : `exit ${code}`;
      done({ ok: false, reason: `${how}: ${errorLine(stderr) || 'no error output'}` });
    });
  });
}

/** The line that names the error in a Node error dump ("Error: spawn socat ENOENT"), else the last line. */
function errorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return lines.find((l) => /^[A-Za-z]*Error\b.*:/.test(l)) ?? lines.at(-1) ?? '';
}

const scratch = mkdtempSync(join(tmpdir(), 'storebox-bench-'));
const all: (BenchResult & { error?: string })[] = [];
const failed: string[] = [];
try {
  for (const [i, file] of files.entries()) {
    console.log(`\n▶ ${file}`);
    const outcome = await runIsolated(file, join(scratch, `${i}.json`));
    if (!outcome.ok) {
      console.log(`  ✗ ${file} failed: ${outcome.reason}`);
      failed.push(file);
      all.push({
        name: `${file} (failed)`,
        value: Number.NaN,
        unit: '',
        target: 'runs',
        ok: false,
        error: outcome.reason,
      });
      continue;
    }
    for (const r of outcome.results) {
      all.push(r);
      console.log(
        `  ${r.ok ? '✓' : '✗'} ${r.name.padEnd(58)} ${String(r.value).padStart(12)} ${r.unit.padEnd(8)} target ${r.target}`,
      );
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (values.json) writeFileSync(values.json, JSON.stringify(all, null, 2) + '\n');
const figures = all.filter((r) => !r.name.endsWith('(failed)'));
console.log(`\n${figures.filter((r) => r.ok).length}/${figures.length} figures within target`);
if (failed.length > 0) {
  console.log(`${failed.length} of ${files.length} benchmarks failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
