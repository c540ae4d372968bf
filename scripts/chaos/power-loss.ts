/**
 * Power loss: the crash loop's lanes and invariants, with the box's data directory on a file
 * system that drops every write not yet fsynced when the power is "cut" (LazyFS, a FUSE layer:
 * https://github.com/dsrhaslab/lazyfs). A cut is SIGKILL of the box followed by LazyFS's
 * `lazyfs::clear-cache` fault, so what survives is only what SQLite synced.
 *
 * LazyFS is not packaged for Debian; this suite runs when `LAZYFS_BIN` names a built lazyfs
 * binary (and /dev/fuse is usable), and otherwise reports that power loss was not exercised and
 * why (docs/chaos.md says what is and is not covered).
 *
 *   LAZYFS_BIN=/opt/lazyfs/build/lazyfs node scripts/chaos/power-loss.ts --quick|--full [--seed N]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberArg, printResult, type SuiteResult } from './chaos-rng.ts';
import { runCrashLoop } from './crash-loop.ts';

export async function runPowerLoss(o: {
  seed: number;
  cycles: number;
  log?: (s: string) => void;
}): Promise<SuiteResult> {
  const bin = process.env.LAZYFS_BIN;
  if (!bin || !existsSync(bin) || !existsSync('/dev/fuse')) {
    return {
      suite: 'power-loss',
      seed: o.seed,
      figures: {
        exercised: 0,
        reason: !bin ? 'LAZYFS_BIN not set (LazyFS is not installed on this machine)' : `no ${bin} or /dev/fuse`,
      },
      failures: [],
    };
  }
  const root = mkdtempSync(join(tmpdir(), 'storebox-chaos-lazyfs-'));
  const mount = join(root, 'mnt');
  const backing = join(root, 'root');
  const fifo = join(root, 'faults.fifo');
  const done = join(root, 'faults-done.fifo');
  mkdirSync(mount);
  mkdirSync(backing);
  writeFileSync(
    join(root, 'lazyfs.toml'),
    [
      '[faults]',
      `fifo_path="${fifo}"`,
      `fifo_path_completed="${done}"`,
      '[cache]',
      'apply_eviction=false',
      '[cache.simple]',
      'custom_size="512mb"',
      'blocks_per_page=1',
      '[filesystem]',
      'log_all_operations=false',
      `logfile="${join(root, 'lazyfs.log')}"`,
      '',
    ].join('\n'),
  );
  const args = [mount, '--config-path', join(root, 'lazyfs.toml'), '-o', 'allow_other', '-o', 'modules=subdir'];
  const fs = spawn(bin, [...args, '-o', `subdir=${backing}`, '-f'], { stdio: 'ignore' });
  const mounted = () => readFileSync('/proc/mounts', 'utf8').includes(` ${mount} `);
  try {
    for (let i = 0; i < 100 && !mounted(); i++) await new Promise((res) => setTimeout(res, 100));
    if (!mounted()) throw new Error(`lazyfs did not mount ${mount}`);
    let cuts = 0;
    const result = await runCrashLoop({
      seed: o.seed,
      cycles: o.cycles,
      lanes: 3,
      maxUpMs: 800,
      dataParent: mount,
      // the power goes: everything written and not yet fsynced is gone (LazyFS clears its cache and
      // says so on the completion FIFO before the box starts again)
      afterKill: () => {
        writeFileSync(fifo, 'lazyfs::clear-cache\n');
        readFileSync(done);
        cuts++;
      },
      log: o.log,
    });
    return { ...result, suite: 'power-loss', figures: { exercised: 1, powerCuts: cuts, ...result.figures } };
  } finally {
    spawnSync('fusermount3', ['-u', mount], { stdio: 'ignore' });
    fs.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const full = process.argv.includes('--full');
  const result = await runPowerLoss({
    seed: numberArg(process.argv, '--seed', Date.now() % 100_000),
    cycles: numberArg(process.argv, '--cycles', full ? 200 : 5),
    log: (s) => process.stderr.write(`${s}\n`),
  });
  printResult(result);
  process.exitCode = result.failures.length === 0 ? 0 : 1;
}
