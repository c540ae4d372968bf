import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient } from '../support/lane-client.ts';
import { expectNoRowsChanged } from '../support/no-rows-changed.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const rice = demoProducts().find((p) => p.names.zh === '金龙鱼东北大米 5kg')!; // ¥49.90
const refundId = () => randomUUID().replaceAll('-', '');
const SUPERVISOR = { username: 'super1', password: 'super1pass' };

describe('who may refund: store setting refundSupervisorAboveFen (default 0: a supervisor for every refund above ¥0)', () => {
  let t: TestBox;
  let cashierL02: string;
  let manager: string;

  /** A cash sale of three bags of rice on lane L01, paid with a ¥200 note (change given back). */
  async function cashSaleOnL01(): Promise<string> {
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: rice.barcodes[0], quantity: 3 });
    const total = await lane.send('cart.total');
    const due = total.data.cart!.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: 20_000 });
    const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    expect(done.ok).toBe(true);
    lane.close();
    return done.data.sale!.saleId;
  }
  const refund = (saleId: string, extra: Record<string, unknown> = {}) =>
    t.api('/api/v1/returns', {
      token: cashierL02,
      body: { refundId: refundId(), saleId, lines: [{ lineNo: 1, quantity: 1 }], ...extra },
    });

  beforeAll(async () => {
    t = await startTestBox();
    const login = await t.api('/api/v1/auth/login', {
      body: { username: 'cashier2', password: 'cashier2pass', laneId: 'L02' },
    });
    cashierL02 = login.body.data.token;
    manager = await t.login('manager1', 'manager1pass');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dataDir);
  });

  it('a cashier on another lane cannot refund a cash sale back to cash alone: refused, nothing written, no drawer opened', async () => {
    const saleId = await cashSaleOnL01();
    const r = await expectNoRowsChanged(t.box.ctx.db, () => refund(saleId));
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'RETURN_SUPERVISOR_REQUIRED', field: 'supervisor' });
    expect(r.body.error.message).toContain('主管');
  });

  it('with a supervisor’s credentials the refund goes to the original cash, and the audit row names the supervisor and the cashier', async () => {
    const saleId = await cashSaleOnL01();
    const r = await refund(saleId, { supervisor: SUPERVISOR });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ supervisor: 'super1', cashier: 'cashier2', refundFen: rice.priceFen });
    expect(r.body.data.tenders.map((x: any) => x.kind)).toEqual(['cash']);
    const audit = t.box.ctx.db
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'sale.returned' AND subject = ?")
      .get(saleId) as { actor: string; detail: string };
    expect(audit.actor).toBe('super1');
    expect(JSON.parse(audit.detail)).toMatchObject({ cashier: 'cashier2' });
  });

  it('a manager lowers the rule to refunds above ¥60: the cashier refunds one bag alone, two bags still need a supervisor, cash instead of the original always does', async () => {
    const set = await t.api('/api/v1/store/settings', {
      token: manager,
      method: 'PUT',
      body: { refundSupervisorAboveFen: 6_000 },
    });
    expect(set.status).toBe(200);
    const saleId = await cashSaleOnL01();
    const one = await refund(saleId);
    expect(one.status).toBe(201);
    expect(one.body.data.supervisor).toBeNull();
    const two = await refund(saleId, { lines: [{ lineNo: 1, quantity: 2 }] });
    expect(two.body.error).toMatchObject({ code: 'RETURN_SUPERVISOR_REQUIRED', params: { limit: '60.00' } });
    const toCash = await refund(saleId, { refundTo: 'cash' });
    expect(toCash.body.error?.code).toBe('RETURN_SUPERVISOR_REQUIRED');
  });
});
