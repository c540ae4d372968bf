import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { startPaymentSimulators, type PaymentSimulators } from '../simulators/payments/payment-simulators.ts';
import { LaneClient } from '../support/lane-client.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const rice = demoProducts().find((p) => p.names.zh === '金龙鱼东北大米 5kg')!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a crash in the middle of a QR payment', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'storebox-crash-'));
  let sims: PaymentSimulators | undefined;
  let box: TestBox | undefined;
  afterAll(async () => {
    await box?.stop();
    await sims?.stop();
    removeDir(dataDir);
  });

  it('stops while the channel hangs; the next start queries the channel and settles the payment, which is never sent twice', async () => {
    sims = await startPaymentSimulators();
    const payments = {
      alipay: { ...sims.config.alipay, timeoutMs: 3000 },
      deadlineMs: 20_000,
      firstQueryDelayMs: 100,
      maxQueryDelayMs: 300,
      recoveryIntervalSeconds: 3600,
    };
    box = await startTestBox({ payments }, dataDir);
    const authCode = '280000000000009991';
    // the pay call hangs 2.5 s; the customer's payment goes through 300 ms after it arrived
    sims.alipay.script(authCode, { kind: 'late-success', hangMs: 2500, successAfterMs: 300 });
    const lane = await LaneClient.login(box.baseUrl, 'L01');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: rice.barcodes[0] });
    void lane.send('cart.tenderQr', { authCode });

    const db = new Database(join(dataDir, 'storebox.db'), { readonly: true });
    let row: { id: string; status: string } | undefined;
    for (let i = 0; i < 200 && !row; i++) {
      row = db.prepare("SELECT id, status FROM payment WHERE status = 'pending'").get() as typeof row;
      if (!row) await sleep(10);
    }
    db.close();
    expect(row?.status).toBe('pending'); // written before the call went out
    // the box goes down with the call in flight
    lane.close();
    await box.stop();
    box = undefined;

    await sleep(400);
    box = await startTestBox({ payments }, dataDir);
    const manager = await box.login('manager1', 'manager1pass');
    let p: any;
    for (let i = 0; i < 100; i++) {
      p = (await box.api(`/api/v1/payments/${row!.id}`, { token: manager })).body.data;
      if (p.status !== 'pending') break;
      await sleep(50);
    }
    // paid at the channel, but the cart died with the old process: recorded as 支付成功但未出单
    expect(p).toMatchObject({ status: 'succeeded', saleId: null, orphan: { reason: 'restart' } });
    expect(p.events.map((e: any) => e.toStatus)).toEqual(['created', 'pending', 'succeeded', 'succeeded']);
    expect(sims.alipay.calls.filter((c) => c.op === 'pay')).toHaveLength(1);
    expect(sims.alipay.calls.filter((c) => c.op === 'query').length).toBeGreaterThanOrEqual(1);
  });
});
