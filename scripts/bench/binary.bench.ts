/**
 * The single binary: cold start to /readyz answering 200 (first start on a fresh data directory
 * with demo seeding off, and a warm restart on the same directory), idle RSS, binary size.
 * Builds dist/storebox first if it is missing. Runs the binary from a temp directory with no
 * node_modules, as on a store's box.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildBinary, DEFAULT_BINARY } from '../build-binary.ts';
import { spawnBox } from '../../test/support/box-process.ts';
import { percentile, round, type BenchResult } from './bench-result.ts';

const RUNS = 5;
const BUDGET_MS = 60_000;

/** Spawn → 'storebox ready' → GET /readyz 200, in ms; then SIGTERM and wait for exit. Returns the box's idle RSS too. */
async function startOnce(
  bin: string,
  cwd: string,
  dataDir: string,
  measureRss: boolean,
): Promise<{ ms: number; rssKiB?: number }> {
  const started = performance.now();
  const box = await spawnBox({ STOREBOX_DATA_DIR: dataDir, STOREBOX_DEMO: 'false' }, [bin], cwd);
  const ready = await fetch(`http://127.0.0.1:${box.httpPort}/readyz`);
  const ms = performance.now() - started;
  if (ready.status !== 200) throw new Error(`/readyz answered ${ready.status}`);
  let rssKiB: number | undefined;
  if (measureRss) {
    await sleep(1000); // idle: start-up garbage collected, timers settled
    const status = readFileSync(`/proc/${box.child.pid}/status`, 'utf8');
    rssKiB = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  }
  box.child.kill('SIGTERM');
  const code = await box.exited;
  if (code !== 0) throw new Error(`box exited with ${code}:\n${box.output()}`);
  return { ms, rssKiB };
}

export default async function (): Promise<BenchResult[]> {
  if (!existsSync(DEFAULT_BINARY)) await buildBinary();
  const dir = mkdtempSync(join(tmpdir(), 'storebox-bench-bin-'));
  try {
    const bin = join(dir, 'storebox');
    copyFileSync(DEFAULT_BINARY, bin);
    const first: number[] = [];
    const warm: number[] = [];
    const rss: number[] = [];
    const deadline = performance.now() + BUDGET_MS;
    for (let i = 0; i < RUNS && performance.now() < deadline; i++) {
      const dataDir = join(dir, `data-${i}`);
      first.push((await startOnce(bin, dir, dataDir, false)).ms);
      const restart = await startOnce(bin, dir, dataDir, true);
      warm.push(restart.ms);
      rss.push(restart.rssKiB! / 1024);
    }
    const sizeMB = statSync(bin).size / 1e6;
    const firstMs = percentile(first, 50);
    const warmMs = percentile(warm, 50);
    const rssMiB = percentile(rss, 50);
    return [
      {
        name: `binary first start to /readyz 200 (median of ${first.length}, demo off)`,
        value: round(firstMs, 1),
        unit: 'ms',
        target: '≤ 300',
        ok: firstMs <= 300,
      },
      {
        name: `binary warm restart to /readyz 200 (median of ${warm.length})`,
        value: round(warmMs, 1),
        unit: 'ms',
        target: '≤ 300',
        ok: warmMs <= 300,
      },
      {
        name: 'binary idle RSS after warm start (VmRSS, median)',
        value: round(rssMiB, 1),
        unit: 'MiB',
        target: '≤ 80',
        ok: rssMiB <= 80,
      },
      {
        name: 'binary size (stripped Node 24 + SEA blob)',
        value: round(sizeMB, 1),
        unit: 'MB',
        target: '≤ 100',
        ok: sizeMB <= 100,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
