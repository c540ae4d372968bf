/**
 * `npm run chaos -- --quick | --full [--seed N]`: runs every chaos suite, each in its own process
 * (crash loop, power loss, HQ link schedules, the fuzz suite and the MQTT conformance tests when
 * they are present), prints every figure and exits non-zero on any loss, double, crash or
 * half-write. A failing suite prints its seed; run it again alone with `--seed` to replay it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { numberArg, RESULT_MARK, type SuiteResult } from './chaos-rng.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const repo = here('../../');
const mode = process.argv.includes('--full') ? '--full' : '--quick';
const seed = numberArg(process.argv, '--seed', Date.now() % 100_000);

type Suite = { name: string; command: string[] };
const suites: Suite[] = [
  { name: 'crash-loop', command: [process.execPath, here('./crash-loop.ts'), mode, '--seed', String(seed)] },
  { name: 'power-loss', command: [process.execPath, here('./power-loss.ts'), mode, '--seed', String(seed)] },
  { name: 'hq-link', command: [process.execPath, here('./hq-link.ts'), mode, '--seed', String(seed)] },
];
if (existsSync(here('./fuzz.ts')))
  suites.push({ name: 'fuzz', command: [process.execPath, here('./fuzz.ts'), mode, '--seed', String(seed)] });
if (existsSync(here('../../test/mqtt-conformance')))
  suites.push({
    name: 'mqtt-conformance',
    command: [process.execPath, here('../../node_modules/vitest/vitest.mjs'), 'run', 'test/mqtt-conformance'],
  });

function run(suite: Suite): Promise<{ code: number | null; results: SuiteResult[]; tail: string }> {
  return new Promise((resolve) => {
    const child = spawn(suite.command[0], suite.command.slice(1), { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(
        d
          .toString()
          .split('\n')
          .filter((l) => !l.startsWith(RESULT_MARK))
          .join('\n'),
      );
    });
    child.on('close', (code) => {
      const results = out
        .split('\n')
        .filter((l) => l.startsWith(RESULT_MARK))
        .map((l) => JSON.parse(l.slice(RESULT_MARK.length)) as SuiteResult);
      resolve({ code, results, tail: out.slice(-2000) });
    });
  });
}

let failed = 0;
const summary: string[] = [];
for (const suite of suites) {
  const started = Date.now();
  process.stdout.write(`\n== ${suite.name} (${mode}, seed ${seed}) ==\n`);
  const { code, results } = await run(suite);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const r of results) {
    process.stdout.write(`${r.suite} figures (seed ${r.seed}):\n`);
    for (const [k, v] of Object.entries(r.figures)) process.stdout.write(`  ${k.padEnd(28)} ${v}\n`);
    for (const f of r.failures.slice(0, 50)) process.stdout.write(`  FAILURE ${f}\n`);
    if (r.failures.length > 50) process.stdout.write(`  … ${r.failures.length - 50} more failures\n`);
  }
  const bad = code !== 0 || results.some((r) => r.failures.length > 0);
  if (bad) failed++;
  // a suite the machine cannot run (power loss without LazyFS) is reported as not run, never as passed
  const skipped = !bad && results.length > 0 && results.every((r) => r.figures.exercised === 0);
  const verdict = bad ? 'FAIL' : skipped ? 'skip' : 'ok  ';
  const why = skipped ? ` (not exercised: ${results[0].figures.reason})` : code !== 0 ? ` (exit ${code})` : '';
  summary.push(`${verdict} ${suite.name.padEnd(18)} ${seconds} s${why}`);
}
process.stdout.write(`\n== chaos ${mode} seed ${seed} ==\n${summary.join('\n')}\n`);
process.exitCode = failed === 0 ? 0 : 1;
