import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { addDays } from '../../server/app/reconciliation/business-day.ts';
import { wechatBillBytes, type WechatFixtureRow } from '../fixtures/statements/wechat-bill.fixture.ts';
import { runCommand } from '../support/box-process.ts';
import { LaneClient } from '../support/lane-client.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { MERCHANT_IDS } from './statement-samples.ts';

const products = demoProducts();
const cola = products.find((p) => p.names.zh === '可口可乐 330ml')!;
const rice = products.find((p) => p.names.zh === '金龙鱼东北大米 5kg')!;
const oil = products.find((p) => p.names.zh === '鲁花花生油 5L')!;

let t: TestBox;
let token: string;
let day: string;
const sales: Array<{ saleId: string; tenderId: string; dueFen: number; txn: string }> = [];

function db(readonly = true): Database.Database {
  return new Database(join(t.dataDir, 'storebox.db'), { readonly });
}

async function upload(bytes: Buffer): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.baseUrl}/api/v1/statements/import?channel=wechat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: await res.json() };
}

const row = (date: string, time: string, orderNo: string, txnId: string, orderFen: number): WechatFixtureRow => ({
  time: `${date} ${time}`,
  txnId,
  orderNo,
  status: 'SUCCESS',
  orderFen,
  feeFen: Math.floor((orderFen * 6) / 1000),
});

beforeAll(async () => {
  t = await startTestBox({ reconciliation: { merchantIds: MERCHANT_IDS } });
  token = await t.login('manager1', 'manager1pass');
  // three sales through a real lane WebSocket, each paid exactly
  const lane = await LaneClient.login(t.baseUrl, 'L01');
  await lane.send('cart.open');
  for (const [i, product] of [cola, rice, oil].entries()) {
    const scanned = await lane.send('cart.scan', { code: product.barcodes[0] });
    const dueFen = scanned.data.cart!.totals.dueFen as number;
    await lane.send('cart.tenderCash', { amountFen: dueFen });
    const saleId = uuidv7();
    const done = await lane.send('cart.complete', { saleId, expectedDueFen: dueFen });
    if (!done.ok) throw new Error(JSON.stringify(done.error));
    sales.push({ saleId, tenderId: `${saleId}-T1`, dueFen, txn: `42000000000000000000000${i + 1}` });
  }
  lane.close();
  // The lane has no QR tender verb yet (the payments engineer's cart.tenderQr is not wired in): the
  // sales' tenders are turned into WeChat tenders carrying the channel transaction id, as a QR tender would be.
  const w = db(false);
  for (const s of sales)
    w.prepare("UPDATE tender SET kind = 'wechat', reference = ? WHERE id = ?").run(s.txn, s.tenderId);
  day = (w.prepare('SELECT business_date AS d FROM sale WHERE id = ?').get(sales[0].saleId) as { d: string }).d;
  w.close();
});
afterAll(async () => {
  await t.stop();
  removeDir(t.dataDir);
});

describe('reconciling a day of lane sales against a WeChat bill', () => {
  it('finds the injected anomalies, keeps a resolution across re-runs and audits it', async () => {
    const [ok1, short2, missing3] = sales;
    // the bill: sale 1 paid (and repeated under another transaction id), sale 2 charged a fen more,
    // sale 3 absent, and a payment for an order no sale carries: the QR payment that timed out at the
    // lane but succeeded at the channel (支付成功但未出单)
    const bill = wechatBillBytes('ALL', [
      row(day, '09:00:00', ok1.tenderId, ok1.txn, ok1.dueFen),
      row(day, '09:00:05', ok1.tenderId, '4200000000000000000000099', ok1.dueFen),
      row(day, '09:10:00', short2.tenderId, short2.txn, short2.dueFen + 1),
      row(day, '09:20:00', 'QR-TIMED-OUT-1', '4200000000000000000000050', 1_990),
    ]);
    const imported = await upload(bill);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);

    const run = await t.api('/api/v1/reconciliation/run', { token, body: { date: day, channel: 'wechat' } });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const summary = run.body.data.runs[0];
    expect(summary.totals).toMatchObject({
      tenderCount: 3,
      tenderFen: ok1.dueFen + short2.dueFen + missing3.dueFen,
      matchedCount: 1,
      matchedFen: ok1.dueFen,
    });
    expect(summary.anomalies.paid_without_order).toEqual({ count: 1, expectedFen: 0, statementFen: 1_990 });
    expect(summary.anomalies.amount_mismatch).toEqual({
      count: 1,
      expectedFen: short2.dueFen,
      statementFen: short2.dueFen + 1,
    });
    expect(summary.anomalies.order_without_payment).toEqual({
      count: 1,
      expectedFen: missing3.dueFen,
      statementFen: 0,
    });
    expect(summary.anomalies.duplicate_payment.count).toBe(1);

    const report = await t.api(`/api/v1/reconciliation?date=${day}&channel=wechat`, { token });
    expect(report.status).toBe(200);
    const fees = [ok1.dueFen, ok1.dueFen, short2.dueFen + 1, 1_990].reduce((a, f) => a + Math.floor((f * 6) / 1000), 0);
    const paid = ok1.dueFen * 2 + short2.dueFen + 1 + 1_990;
    expect(report.body.data.channels[0]).toMatchObject({ channel: 'wechat', anomalyCount: 4, open: 4, resolved: 0 });
    expect(report.body.data.channels[0].totals.statement).toMatchObject({
      rowCount: 4,
      paymentFen: paid,
      feeFen: fees,
      netFen: paid - fees,
    });

    const open = await t.api('/api/v1/reconciliation/anomalies?status=open', { token });
    const ids = open.body.data.map((a: any) => a.id);
    expect(ids).toEqual([
      `wechat:amount_mismatch:${short2.tenderId}`,
      `wechat:duplicate_payment:${ok1.tenderId}`,
      `wechat:order_without_payment:${missing3.tenderId}`,
      'wechat:paid_without_order:QR-TIMED-OUT-1',
    ]);

    // the orphan is refunded (no channel refund function is wired in: the intent is recorded)
    const orphanId = encodeURIComponent('wechat:paid_without_order:QR-TIMED-OUT-1');
    const wrong = await t.api(`/api/v1/reconciliation/anomalies/${orphanId}/resolve`, {
      token,
      body: { action: 'mark_settled_late', note: 'x' },
    });
    expect(wrong.body.error.code).toBe('RECON_ACTION_NOT_APPLICABLE');
    const noSale = await t.api(`/api/v1/reconciliation/anomalies/${orphanId}/resolve`, {
      token,
      body: { action: 'attach_to_sale', note: 'x', saleId: 'nope' },
    });
    expect(noSale.body.error.code).toBe('RECON_SALE_NOT_FOUND');
    const resolved = await t.api(`/api/v1/reconciliation/anomalies/${orphanId}/resolve`, {
      token,
      body: { action: 'refund_orphan', note: '顾客已离店，原路退回' },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.data).toMatchObject({
      status: 'resolved',
      resolution: {
        action: 'refund_orphan',
        actor: 'manager1',
        outcome: { refund: 'intent_recorded', amountFen: 1_990, merchantOrderNo: 'QR-TIMED-OUT-1' },
      },
    });
    const twice = await t.api(`/api/v1/reconciliation/anomalies/${orphanId}/resolve`, {
      token,
      body: { action: 'accept', note: 'again' },
    });
    expect(twice.status).toBe(409);
    const missing = await t.api(
      `/api/v1/reconciliation/anomalies/${encodeURIComponent('wechat:nothing:here')}/resolve`,
      { token, body: { action: 'accept', note: 'x' } },
    );
    expect(missing.status).toBe(404);

    // re-run: the same anomalies, the orphan still resolved
    const rerun = await t.api('/api/v1/reconciliation/run', { token, body: { date: day, channel: 'wechat' } });
    expect(rerun.body.data.runs[0].resolved).toBe(1);
    const after = await t.api(`/api/v1/reconciliation/anomalies?date=${day}`, { token });
    expect(after.body.data.find((a: any) => a.id === 'wechat:paid_without_order:QR-TIMED-OUT-1')).toMatchObject({
      status: 'resolved',
      present: true,
    });
    expect(after.body.data.filter((a: any) => a.status === 'open')).toHaveLength(3);
    const counted = await t.api(`/api/v1/reconciliation?date=${day}&channel=wechat`, { token });
    expect(counted.body.data.channels[0]).toMatchObject({ channel: 'wechat', anomalyCount: 4, open: 3, resolved: 1 });

    const r = db();
    const audit = r
      .prepare("SELECT actor, subject, detail FROM audit_log WHERE action = 'reconciliation.anomaly.resolve'")
      .all() as Array<{ actor: string; subject: string; detail: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'manager1', subject: 'wechat:paid_without_order:QR-TIMED-OUT-1' });
    expect(JSON.parse(audit[0].detail)).toMatchObject({ action: 'refund_orphan', note: '顾客已离店，原路退回' });
    expect(r.prepare('SELECT count(*) AS n FROM anomaly_resolution').get()).toEqual({ n: 1 });
    expect(r.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'reconciliation.run'").get()).toEqual({
      n: 2,
    });
    r.close();
  });

  it('turns an unpaid order into a late settlement once the next day’s bill shows it', async () => {
    const missing3 = sales[2];
    const next = addDays(day, 1);
    const imported = await upload(
      wechatBillBytes('ALL', [row(next, '08:00:00', missing3.tenderId, missing3.txn, missing3.dueFen)]),
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    await t.api('/api/v1/reconciliation/run', { token, body: { date: day, channel: 'wechat' } });
    const all = await t.api(`/api/v1/reconciliation/anomalies?date=${day}`, { token });
    const ids = all.body.data.map((a: any) => a.id);
    expect(ids).not.toContain(`wechat:order_without_payment:${missing3.tenderId}`);
    expect(ids).toContain(`wechat:late_settlement:${missing3.tenderId}`);
  });

  it('storebox reconcile --date prints the summary table', async () => {
    const res = await runCommand(['reconcile', '--date', day, '--channel', 'wechat'], {
      STOREBOX_DATA_DIR: t.dataDir,
      STOREBOX_LOG_LEVEL: 'silent',
    });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`reconciliation ${day}, store S001`);
    expect(res.stdout).toMatch(/wechat: 3 tenders ¥[\d.]+, 4 statement rows/);
    expect(res.stdout).toMatch(/matched\s+2\s/);
    expect(res.stdout).toMatch(/paid_without_order\s+1\s+¥0\.00\s+¥19\.90/);
    expect(res.stdout).toMatch(/late_settlement\s+1/);
    expect(res.stdout).toMatch(/net settlement\s+¥/);
    expect(res.stdout).toContain('(1 of the anomalies already resolved)');
    const bad = await runCommand(['reconcile', '--date', '2024-02-30'], { STOREBOX_DATA_DIR: t.dataDir });
    expect(bad.code).toBe(64);
  });
});
