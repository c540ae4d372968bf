/**
 * Crash loop: lanes in their own processes sell through the real box (members, points redemption,
 * QR payments through the channel simulators, returns) while this process SIGKILLs the box at
 * random moments and starts it again on the same data directory. The lanes retry as the lane
 * screen does. At the end: every acknowledged sale, refund and ledger entry exactly once, receipts
 * gapless, integrity_check after every kill, every ledger balancing, the outbox complete.
 *
 *   node scripts/chaos/crash-loop.ts --quick|--full [--seed N] [--cycles N] [--lanes N]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { startPaymentSimulators } from '../../test/simulators/payments/payment-simulators.ts';
import { CLI, spawnBox, type BoxProcess } from '../../test/support/box-process.ts';
import { numberArg, printResult, rng, type SuiteResult } from './chaos-rng.ts';
import { integrityCheck, verifyStore, type RefundAck, type SaleAck } from './crash-verify.ts';

const LANE_SCRIPT = fileURLToPath(new URL('./chaos-lane.ts', import.meta.url));
const LANES = ['L01', 'L02', 'L03'];

export type CrashLoopOptions = {
  seed: number;
  cycles: number;
  lanes: number;
  maxUpMs: number;
  /** where the data directory is made (power-loss.ts: a LazyFS mount) */
  dataParent?: string;
  /** runs after each SIGKILL, before the integrity check (power-loss.ts: drop unsynced writes) */
  afterKill?: () => void | Promise<void>;
  log?: (s: string) => void;
};

export async function runCrashLoop(o: CrashLoopOptions): Promise<SuiteResult> {
  const log = o.log ?? (() => {});
  const r = rng(o.seed);
  const dataDir = mkdtempSync(join(o.dataParent ?? tmpdir(), 'storebox-chaos-crash-'));
  const sims = await startPaymentSimulators({ timeoutMs: 2000 });
  // the coordinator's own files stay off the data directory: on the power-loss mount a cut drops
  // whatever was not fsynced, and this config is the harness's, not the box's
  const harnessDir = mkdtempSync(join(tmpdir(), 'storebox-chaos-harness-'));
  const configFile = join(harnessDir, 'chaos-config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      payments: {
        ...sims.config,
        deadlineMs: 5000,
        firstQueryDelayMs: 100,
        maxQueryDelayMs: 300,
        recoveryIntervalSeconds: 1,
      },
    }),
  );
  const env = { STOREBOX_DATA_DIR: dataDir, STOREBOX_LOG_LEVEL: 'info' };
  const command = [process.execPath, CLI, '--config', configFile];
  const codes = demoProducts()
    .filter((p) => p.unit === 'each' && p.barcodes.length > 0)
    .map((p) => p.barcodes[0]);

  const sales: SaleAck[] = [];
  const refunds: RefundAck[] = [];
  const failures: string[] = [];
  const laneStats: Record<string, number>[] = [];
  let kills = 0;
  let box: BoxProcess | undefined;
  const lanes: ChildProcess[] = [];
  /** armed on a targeted cycle: the next sale commit or refund a lane sends gets the kill */
  let onPhase: ((phase: string) => void) | undefined;
  let targetedKills = 0;
  try {
    box = await spawnBox(env, command, undefined, 120_000);
    for (const [i, laneId] of LANES.slice(0, o.lanes).entries()) {
      const child = fork(LANE_SCRIPT, [laneId, '--seed', String(o.seed * 31 + i)], {
        env: { ...process.env, CHAOS_CODES: codes.join(',') },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (m: any) => {
        if (m.type === 'sale') sales.push(m);
        else if (m.type === 'refund') refunds.push(m);
        else if (m.type === 'stats') laneStats.push(m);
        else if (m.type === 'fatal') failures.push(`lane ${m.laneId} crashed: ${m.message}`);
        else if (m.type === 'phase') onPhase?.(m.phase);
      });
      lanes.push(child);
    }
    const announce = () =>
      lanes.forEach((l) => l.connected && l.send({ type: 'box', baseUrl: `http://127.0.0.1:${box!.httpPort}` }));
    announce();
    const dbFile = join(dataDir, 'storebox.db');
    for (let cycle = 0; cycle < o.cycles; cycle++) {
      // every kill comes after a random time up; half of them then wait for a lane to send
      // cart.complete or a return and land 0–8 ms later, so that they hit the commit itself
      await new Promise((res) => setTimeout(res, r.int(50, o.maxUpMs)));
      if (r.chance(0.5)) {
        const afterMs = r.int(0, 8);
        await new Promise<void>((res) => {
          const fallback = setTimeout(() => ((onPhase = undefined), res()), 10_000);
          onPhase = () => {
            onPhase = undefined;
            clearTimeout(fallback);
            targetedKills++;
            setTimeout(res, afterMs);
          };
        });
      }
      box.child.kill('SIGKILL');
      await box.exited;
      kills++;
      await o.afterKill?.();
      const integrity = integrityCheck(dbFile);
      if (integrity !== 'ok') failures.push(`after kill ${kills}: integrity_check ${integrity}`);
      box = await spawnBox(env, command, undefined, 120_000);
      announce();
      if ((cycle + 1) % 25 === 0) log(`crash loop: ${cycle + 1}/${o.cycles} kills, ${sales.length} sales acknowledged`);
    }
    // let the lanes finish what they were doing against a box that stays up
    await new Promise((res) => setTimeout(res, 2000));
    lanes.forEach((l) => l.connected && l.send({ type: 'stop' }));
    await Promise.all(
      lanes.map(
        (l) =>
          new Promise<void>((res) => {
            if (l.exitCode !== null) return res();
            const timer = setTimeout(
              () => (l.kill('SIGKILL'), failures.push('a lane did not stop within 60 s'), res()),
              60_000,
            );
            l.once('exit', () => (clearTimeout(timer), res()));
          }),
      ),
    );
    box.child.kill('SIGTERM');
    await box.exited;
    box = undefined;
    const verdict = verifyStore(dbFile, sales, refunds);
    failures.push(...verdict.failures);
    const sum = (k: string) => laneStats.reduce((s, x) => s + (x[k] ?? 0), 0);
    return {
      suite: 'crash-loop',
      seed: o.seed,
      figures: {
        kills,
        killsAtACommit: targetedKills,
        lanes: o.lanes,
        ...verdict.figures,
        saleAttempts: sum('attempts'),
        qrTenders: sum('qr'),
        completeRetries: sum('retriedCompletes'),
        replayedAcks: sum('replayed'),
        cartsVoidedAfterCrash: sum('voided'),
        refusals: sum('refusals'),
        lost: failures.filter((f) => f.startsWith('lost')).length,
        doubles: failures.filter((f) => f.includes('times') || f.includes('twice')).length,
      },
      failures,
    };
  } finally {
    for (const l of lanes) if (l.exitCode === null) l.kill('SIGKILL');
    if (box) {
      box.child.kill('SIGKILL');
      await box.exited;
    }
    await sims.stop();
    rmSync(harnessDir, { recursive: true, force: true });
    if (failures.length === 0) rmSync(dataDir, { recursive: true, force: true });
    else log(`crash loop: data kept in ${dataDir} for inspection`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const full = process.argv.includes('--full');
  const result = await runCrashLoop({
    seed: numberArg(process.argv, '--seed', Date.now() % 100_000),
    cycles: numberArg(process.argv, '--cycles', full ? 500 : 8),
    lanes: numberArg(process.argv, '--lanes', 3),
    maxUpMs: numberArg(process.argv, '--max-up-ms', full ? 1500 : 800),
    log: (s) => process.stderr.write(`${s}\n`),
  });
  printResult(result);
  process.exitCode = result.failures.length === 0 ? 0 : 1;
}
