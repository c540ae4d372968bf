import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient } from '../support/lane-client.ts';
import { useTestBox } from '../support/test-box.ts';

const rice = demoProducts().find((p) => p.names.zh === '金龙鱼东北大米 5kg')!; // ¥49.90
const t = useTestBox();

describe('a cashier shift at a lane', () => {
  it('opens with a float, takes cash, pays out, refunds cash, and closes with over/short kept; a second close is refused', async () => {
    const login = await t.api('/api/v1/auth/login', {
      body: { username: 'cashier1', password: 'cashier1pass', laneId: 'L03' },
    });
    const token = login.body.data.token;
    const opened = await t.api('/api/v1/shifts', { token, body: { floatFen: 50_000 } });
    expect(opened.status).toBe(201);
    const shiftId = opened.body.data.id;
    expect(opened.body.data).toMatchObject({ laneId: 'L03', cashier: 'cashier1', floatFen: 50_000, status: 'open' });
    expect((await t.api('/api/v1/shifts', { token, body: { floatFen: 100 } })).body.error.code).toBe(
      'SHIFT_ALREADY_OPEN',
    );

    // two rice for ¥100 cash: ¥0.20 change
    const lane = await LaneClient.connect(t.baseUrl, token);
    await lane.send('cart.open');
    const scanned = await lane.send('cart.scan', { code: rice.barcodes[0], quantity: 2 });
    const due = scanned.data.cart!.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: 10_000 });
    const sale = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    expect(sale.data.sale!.changeFen).toBe(10_000 - due);
    lane.close();

    expect(
      (
        await t.api(`/api/v1/shifts/${shiftId}/cash-movements`, {
          token,
          body: { kind: 'pay_out', amountFen: 1_500, reason: '买打印纸' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.api(`/api/v1/shifts/${shiftId}/cash-movements`, {
          token,
          body: { kind: 'pay_in', amountFen: 2_000, reason: '补零钱' },
        })
      ).status,
    ).toBe(201);
    // one rice back in cash (a supervisor approves refunds to cash)
    const refund = await t.api('/api/v1/returns', {
      token,
      body: {
        refundId: randomUUID().replaceAll('-', ''),
        saleId: sale.data.sale!.saleId,
        lines: [{ lineNo: 1, quantity: 1 }],
        refundTo: 'cash',
        supervisor: { username: 'super1', password: 'super1pass' },
      },
    });
    expect(refund.status).toBe(201);
    const refundFen = refund.body.data.refundFen;

    const expected = 50_000 + 10_000 - (10_000 - due) - refundFen - 1_500 + 2_000;
    const x = await t.api(`/api/v1/shifts/${shiftId}/x-report`, { token });
    expect(x.body.data).toMatchObject({
      kind: 'X',
      expectedCashFen: expected,
      sales: { count: 1, dueFen: due },
      refunds: { count: 1, refundFen },
      cash: {
        floatFen: 50_000,
        cashTakenFen: 10_000,
        changeGivenFen: 10_000 - due,
        cashRefundsFen: refundFen,
        payInsFen: 2_000,
        payOutsFen: 1_500,
      },
    });
    expect(x.body.data.tenders).toEqual([{ kind: 'cash', takenFen: due, refundedFen: refundFen }]);

    // the drawer is counted ¥0.50 short: recorded as it is
    const counted = expected - 50;
    const counts = [
      { denominationFen: 10000, count: Math.floor(counted / 10000) },
      { denominationFen: 100, count: Math.floor((counted % 10000) / 100) },
      { denominationFen: 1, count: counted % 100 },
    ];
    const z = await t.api(`/api/v1/shifts/${shiftId}/close`, { token, body: { counts } });
    expect(z.status).toBe(200);
    expect(z.body.data).toMatchObject({
      kind: 'Z',
      expectedCashFen: expected,
      count: { countedFen: counted, overShortFen: -50 },
    });
    expect((await t.api(`/api/v1/shifts/${shiftId}/close`, { token, body: { counts } })).body.error.code).toBe(
      'SHIFT_CLOSED',
    );
    expect(
      (
        await t.api(`/api/v1/shifts/${shiftId}/cash-movements`, {
          token,
          body: { kind: 'pay_in', amountFen: 1, reason: 'x' },
        })
      ).body.error.code,
    ).toBe('SHIFT_CLOSED');
    expect(
      (
        await t.api(`/api/v1/shifts/${shiftId}/close`, {
          token,
          body: { counts: [{ denominationFen: 300, count: 1 }] },
        })
      ).body.error.code,
    ).toBe('SHIFT_COUNT_INVALID');

    const manager = await t.login('manager1', 'manager1pass');
    const list = await t.api('/api/v1/shifts?laneId=L03', { token: manager });
    expect(list.body.data[0]).toMatchObject({
      id: shiftId,
      status: 'closed',
      expectedFen: expected,
      countedFen: counted,
      overShortFen: -50,
    });
    expect(list.body.data[0].zReport.count.overShortFen).toBe(-50);
    // the lane can open the next shift
    expect((await t.api('/api/v1/shifts', { token, body: { floatFen: 50_000 } })).status).toBe(201);
  });
});
