/**
 * HQ link schedules: the real box's uplink talks to a real Debian mosquitto through a seeded
 * fault proxy (delays, drops, duplicates, half-open connections, 1 KB/s, broker restarts, lost
 * acks). Each schedule sells a few sales at a lane while its faults apply, then heals the link and
 * waits for HQ to hold everything. HQ (an MQTT 5 client straight on the broker) dedupes by
 * (store, seq); the verdict: every outbox row at HQ exactly once after dedupe, with the box's
 * content, applied in seq order, and no delivered copy that differs from the first.
 *
 *   node scripts/chaos/hq-link.ts --quick|--full [--seed N] [--schedules N]
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient } from '../../test/support/lane-client.ts';
import { removeDir, startTestBox, TEST_ADMIN_PASSWORD } from '../../test/support/test-box.ts';
import { HqBroker, STORE_PASSWORD, STORE_USER } from '../../test/uplink/hq-broker.ts';
import { HqClient } from '../../test/uplink/hq-client.ts';
import { numberArg, printResult, rng, type Rng, type SuiteResult } from './chaos-rng.ts';
import { FaultProxy, HEALTHY, type Faults } from './fault-proxy.ts';

type Fault = 'delay' | 'drop' | 'duplicate' | 'half-open' | 'slow-link' | 'broker-restart' | 'lost-acks';
const FAULTS: Fault[] = ['delay', 'drop', 'duplicate', 'half-open', 'slow-link', 'broker-restart', 'lost-acks'];

function scheduleOf(r: Rng): { faults: Fault[]; sales: number; windowMs: number } {
  const n = r.int(1, 3);
  const faults = new Set<Fault>();
  while (faults.size < n) faults.add(r.pick(FAULTS));
  return { faults: [...faults], sales: r.int(1, 4), windowMs: r.int(200, 900) };
}

export async function runHqLink(o: {
  seed: number;
  schedules: number;
  log?: (s: string) => void;
}): Promise<SuiteResult> {
  const log = o.log ?? (() => {});
  const r = rng(o.seed);
  const failures: string[] = [];
  const faultCounts: Record<string, number> = Object.fromEntries(FAULTS.map((f) => [f, 0]));
  const broker = await HqBroker.start();
  const proxy = new FaultProxy(broker.port, r);
  await proxy.start();
  const hq = await HqClient.connect(broker.url, 'S001', `hq-chaos-${process.pid}`);
  const conflicts: number[] = [];
  let delivered = 0;
  let outOfOrderBatches = 0;
  hq.client.on('message', (topic, payload) => {
    if (topic !== 'hq/S001/batch') return;
    const batch = JSON.parse(payload.toString()) as { rows: Array<{ seq: number; payload: unknown; topic: string }> };
    for (let i = 1; i < batch.rows.length; i++) if (batch.rows[i].seq <= batch.rows[i - 1].seq) outOfOrderBatches++;
    for (const row of batch.rows) {
      delivered++;
      const first = hq.rows.get(row.seq);
      if (first && JSON.stringify(first.payload) !== JSON.stringify(row.payload)) conflicts.push(row.seq);
    }
  });
  const t = await startTestBox({
    uplink: {
      enabled: true,
      url: `mqtt://127.0.0.1:${proxy.port}`,
      username: STORE_USER,
      password: STORE_PASSWORD,
      batchRows: 3,
      intervalMs: 20,
      ackTimeoutMs: 300,
      reconnectMinMs: 20,
      reconnectMaxMs: 200,
      keepaliveSeconds: 1,
    },
  });
  const products = demoProducts().filter((p) => p.unit === 'each' && p.barcodes.length > 0);
  let sold = 0;
  let brokerRestarts = 0;
  try {
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const lastSeq = async () => (await t.api('/api/v1/uplink/status', { token: admin })).body.data.lastSeq as number;
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    const sell = async () => {
      await lane.send('cart.open');
      const scanned = await lane.send('cart.scan', { code: products[sold % products.length].barcodes[0] });
      const due = scanned.data.cart!.totals.dueFen;
      await lane.send('cart.tenderCash', { amountFen: due });
      const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
      if (!done.ok) throw new Error(`sale refused: ${JSON.stringify(done.error)}`);
      sold++;
    };
    for (let s = 0; s < o.schedules; s++) {
      const plan = scheduleOf(r);
      const f: Faults = { ...HEALTHY };
      for (const x of plan.faults) {
        faultCounts[x]++;
        if (x === 'delay') f.delayMs = r.int(20, 300);
        if (x === 'duplicate') f.duplicate = 0.5;
        if (x === 'lost-acks') f.dropAcks = 0.6;
        if (x === 'slow-link') f.bytesPerSecond = 1024;
        if (x === 'half-open') f.halfOpen = true;
      }
      proxy.faults = f;
      const restart = plan.faults.includes('broker-restart');
      const drop = plan.faults.includes('drop');
      for (let i = 0; i < plan.sales; i++) {
        await sell();
        if (drop && i === 0) proxy.cutAll();
      }
      if (restart) {
        await broker.stop();
        brokerRestarts++;
      }
      await new Promise((res) => setTimeout(res, plan.windowMs));
      if (drop) proxy.cutAll();
      if (restart) await broker.start();
      // heal: a half-open link stays dead, so its connections are cut when it ends
      if (f.halfOpen) proxy.cutAll();
      proxy.faults = { ...HEALTHY };
      const upTo = await lastSeq();
      try {
        await hq.until(
          () => hq.contiguous >= upTo,
          `HQ to hold seq ${upTo} (schedule ${s}: ${plan.faults.join('+')})`,
          30_000,
        );
      } catch (e) {
        failures.push(`schedule ${s} (seed ${o.seed}, ${plan.faults.join('+')}): ${(e as Error).message}`);
        break;
      }
      if ((s + 1) % 50 === 0) log(`hq link: ${s + 1}/${o.schedules} schedules, seq ${upTo}`);
    }
    lane.close();
    // the verdict: HQ's deduped rows are the box's outbox, seq by seq
    const db = new Database(join(t.dataDir, 'storebox.db'), { readonly: true });
    const outbox = db.prepare('SELECT seq, topic, payload FROM outbox ORDER BY seq').all() as Array<{
      seq: number;
      topic: string;
      payload: string;
    }>;
    db.close();
    let missing = 0;
    let differing = 0;
    for (const row of outbox) {
      const at = hq.rows.get(row.seq);
      if (!at) missing++;
      else if (at.topic !== row.topic || JSON.stringify(at.payload) !== JSON.stringify(JSON.parse(row.payload)))
        differing++;
    }
    const extra = [...hq.rows.keys()].filter((k) => k > outbox.length).length;
    if (missing) failures.push(`${missing} outbox rows never reached HQ`);
    if (differing) failures.push(`${differing} rows at HQ differ from the box's outbox`);
    if (extra) failures.push(`${extra} rows at HQ the box never wrote`);
    if (conflicts.length) failures.push(`${conflicts.length} redelivered rows differ from their first delivery`);
    if (outOfOrderBatches) failures.push(`${outOfOrderBatches} batches with rows out of seq order`);
    if (hq.invalid) failures.push(`${hq.invalid} batches failed the batch schema`);
    return {
      suite: 'hq-link',
      seed: o.seed,
      figures: {
        schedules: o.schedules,
        sales: sold,
        outboxRows: outbox.length,
        atHqAfterDedupe: hq.rows.size,
        rowsDelivered: delivered,
        duplicatesDeduped: delivered - hq.rows.size,
        batches: hq.batches.length,
        lost: missing,
        doubles: conflicts.length + extra,
        brokerRestarts,
        proxyConnections: proxy.counts.connections,
        proxyCuts: proxy.counts.cuts,
        packetsDropped: proxy.counts.dropped,
        packetsDuplicated: proxy.counts.duplicated,
        packetsBlackholed: proxy.counts.blackholed,
        ...Object.fromEntries(Object.entries(faultCounts).map(([k, v]) => [`schedulesWith:${k}`, v])),
      },
      failures,
    };
  } finally {
    await t.stop();
    removeDir(t.dataDir);
    await hq.close();
    await proxy.stop();
    await broker.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const full = process.argv.includes('--full');
  const result = await runHqLink({
    seed: numberArg(process.argv, '--seed', Date.now() % 100_000),
    schedules: numberArg(process.argv, '--schedules', full ? 1000 : 12),
    log: (s) => process.stderr.write(`${s}\n`),
  });
  printResult(result);
  process.exitCode = result.failures.length === 0 ? 0 : 1;
}
