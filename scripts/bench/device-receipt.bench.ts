/**
 * Receipt job → first byte at the printer: a completed sale's receipt is rendered, persisted as a
 * print job and sent by the box to a network printer (the virtual printer on TCP). Measured from
 * the print request to the first byte the printer receives (the status query that precedes every
 * job) and to the first receipt byte (ESC @ after the status answer). 200 jobs or 20 s.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { VirtualPrinter } from '../../devices/simulators/virtual-printer.ts';
import type { BenchResult } from './bench-result.ts';
import { percentile, round } from './bench-result.ts';
import { startBenchBox } from './device-bench-box.ts';

function uuidv7(): string {
  const h = Date.now().toString(16).padStart(12, '0');
  const r = randomBytes(10).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8)}-7${r.slice(0, 3)}-8${r.slice(3, 6)}-${r.slice(6, 18)}`;
}

/** Resolves with the time `probe` first held, checking on every turn of the event loop. */
function whenTrue(probe: () => boolean, limitMs: number): Promise<number | undefined> {
  const until = performance.now() + limitMs;
  return new Promise((resolve) => {
    const tick = () => {
      if (probe()) return resolve(performance.now());
      if (performance.now() > until) return resolve(undefined);
      setImmediate(tick);
    };
    tick();
  });
}

export default async function (): Promise<BenchResult[]> {
  const { box, stop } = await startBenchBox();
  const printer = new VirtualPrinter();
  await printer.start();
  try {
    const base = `http://127.0.0.1:${box.http.port}`;
    const post = async (path: string, body: unknown, token?: string) =>
      (await (
        await fetch(base + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        })
      ).json()) as { data: any };
    const admin = (await post('/api/v1/auth/login', { username: 'admin', password: 'bench-admin-pass' })).data
      .token as string;
    await post(
      '/api/v1/devices/printers',
      { host: '127.0.0.1', port: printer.port, name: 'bench printer', laneId: 'L01' },
      admin,
    );
    const laneToken = (
      await post('/api/v1/auth/login', { username: 'cashier1', password: 'cashier1pass', laneId: 'L01' })
    ).data.token as string;
    const ws = new WebSocket(`ws://127.0.0.1:${box.http.port}/ws/lane?token=${laneToken}`);
    await new Promise((r) => ws.once('open', r));
    let n = 0;
    const send = (topic: string, payload: unknown = {}) =>
      new Promise<any>((resolve) => {
        const transaction = `b${++n}`;
        const on = (raw: Buffer) => {
          const m = JSON.parse(raw.toString());
          if (m.transaction !== transaction) return;
          ws.off('message', on);
          resolve(m);
        };
        ws.on('message', on);
        ws.send(JSON.stringify({ transaction, topic, payload }));
      });
    await send('cart.scan', { code: '1001', weightGrams: 750 });
    const due = (await send('cart.total')).data.cart.totals.dueFen as number;
    await send('cart.tenderCash', { amountFen: due + 500 });
    const sale = (await send('cart.complete', { saleId: uuidv7(), expectedDueFen: due })).data.sale.saleId as string;
    ws.close();
    // the completed sale printed once already; wait for it, then measure reprints of the same receipt
    await whenTrue(() => printer.received().includes(0x56), 5000);

    const first: number[] = [];
    const receiptStart: number[] = [];
    const end = performance.now() + 20_000;
    for (let i = 0; i < 200 && performance.now() < end; i++) {
      printer.clearReceived();
      const t0 = performance.now();
      box.devices.laneDevices.printReceipt(sale);
      const tFirst = await whenTrue(() => printer.received().length > 0, 2000);
      // ESC @ (1B 40) starts the receipt after the DLE EOT status exchange
      const tReceipt = await whenTrue(() => {
        const b = printer.received();
        for (let k = 0; k + 1 < b.length; k++) if (b[k] === 0x1b && b[k + 1] === 0x40) return true;
        return false;
      }, 2000);
      if (tFirst === undefined || tReceipt === undefined) continue;
      first.push(tFirst - t0);
      receiptStart.push(tReceipt - t0);
      // let the job finish (status after) before the next one
      await whenTrue(() => box.devices.jobs.open().length === 0, 2000);
    }
    const p99 = round(percentile(first, 99));
    return [
      {
        name: 'receipt job → first byte at the printer, p99',
        value: p99,
        unit: 'ms',
        target: '≤ 50 ms',
        ok: p99 <= 50,
      },
      {
        name: 'receipt job → first receipt byte (after status), p99',
        value: round(percentile(receiptStart, 99)),
        unit: 'ms',
        target: 'info',
        ok: true,
      },
      { name: 'receipt jobs measured', value: first.length, unit: 'jobs', target: '200', ok: first.length === 200 },
    ];
  } finally {
    await printer.stop();
    await stop();
  }
}
