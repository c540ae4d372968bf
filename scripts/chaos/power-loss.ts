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
  const logfile = join(root, 'lazyfs.log');
  mkdirSync(mount);
  mkdirSync(backing);
  writeFileSync(
    join(root, 'lazyfs.toml'),
    [
      '[faults]',
      `fifo_path="${fifo}"`,
      '[cache]',
      'apply_eviction=false',
      '[cache.simple]',
      'custom_size="512mb"',
      'blocks_per_page=1',
      '[filesystem]',
      'log_all_operations=false',
      `logfile="${logfile}"`,
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
      // the power goes: everything written and not yet fsynced is gone; LazyFS logs when its cache is
      // cleared, and the box starts again only after that (bounded)
      afterKill: async () => {
        const cleared = () => readFileSync(logfile, 'utf8').split('cache is cleared').length - 1;
        const before = cleared();
        writeFileSync(fifo, 'lazyfs::clear-cache\n');
        for (let i = 0; i < 200 && cleared() === before; i++) await new Promise((res) => setTimeout(res, 25));
        if (cleared() === before) throw new Error('lazyfs did not clear its cache within 5 s');
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
