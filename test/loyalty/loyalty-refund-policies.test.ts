import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, lotExpiry, pointsBalance, type PointsEntry } from '../../server/core/loyalty/index.ts';
import { loyaltyTime } from '../../server/app/loyalty/loyalty-time.ts';
import { removeDir, type TestBox } from '../support/test-box.ts';
import { barcodeOf, startLoyaltyBox, type TestClock } from './loyalty-box.ts';
import { openLane, saleId } from '../support/lane-client.ts';

let tb: TestBox & { clock: TestClock };
let manager: string;
let supervisor: string;
let cashier: string;
// every refund above ¥0 needs a supervisor by default (store setting refundSupervisorAboveFen)
const SUPERVISOR = { username: 'super1', password: 'super1pass' };

beforeAll(async () => {
  tb = await startLoyaltyBox();
  manager = await tb.login('manager1', 'manager1pass');
  supervisor = await tb.login('super1', 'super1pass');
  cashier = await tb.login('cashier1', 'cashier1pass');
});
afterAll(async () => {
  await tb.stop();
  removeDir(tb.dataDir);
});

/** Moves the test clock; sessions lapse with it, so staff log in again. */
async function advanceDays(days: number): Promise<void> {
  tb.clock.advanceDays(days);
  [manager, supervisor, cashier] = await Promise.all([
    tb.login('manager1', 'manager1pass'),
    tb.login('super1', 'super1pass'),
    tb.login('cashier1', 'cashier1pass'),
  ]);
}
const loyalty = () => tb.box.loyalty;
const entriesOf = (memberId: string): PointsEntry[] => loyalty().stores.points.entriesOf(memberId);
const returnAll = async (sale: string) => {
  const detail = (await tb.api(`/api/v1/sales/${sale}`, { token: cashier })).body.data;
  const lines = detail.lines
    .map((l: any) => ({ lineNo: l.lineNo, quantity: l.quantity - l.returnedQuantity }))
    .filter((l: any) => l.quantity > 0);
  return tb.api('/api/v1/returns', {
    token: cashier,
    body: { refundId: randomUUID().replaceAll('-', ''), saleId: sale, lines, supervisor: SUPERVISOR },
  });
};

async function member(phone: string, points: number): Promise<{ id: string; code: string }> {
  const m = (await tb.api('/api/v1/members', { token: manager, body: { phone } })).body.data.member;
  if (points !== 0)
    expect(
      (await tb.api(`/api/v1/members/${m.id}/points`, { token: supervisor, body: { points, note: 'test balance' } }))
        .status,
    ).toBe(201);
  return m;
}

/** Two 5L oils (¥319.80 before promotions); `points` redeemed; the coupons the lane chose kept unless `noCoupons`. */
async function buy(
  m: { code: string },
  points: number,
  noCoupons = false,
): Promise<{ saleId: string; coupons: string[] }> {
  const lane = await openLane(tb, 'L01');
  await lane.send('cart.scan', { code: barcodeOf(tb, '金龙鱼调和油 5L'), quantity: 2 });
  const identified = await lane.send('cart.identifyMember', { query: m.code });
  const coupons: string[] = identified.data.cart!.coupons.applied.map((c: { code: string }) => c.code);
  if (noCoupons) for (const code of coupons) await lane.send('cart.removeCoupon', { code });
  if (points > 0) expect((await lane.send('cart.redeemPoints', { points })).ok).toBe(true);
  const due = (await lane.send('cart.total')).data.cart!.totals.dueFen;
  await lane.send('cart.tenderCash', { amountFen: due });
  const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
  expect(done.ok).toBe(true);
  lane.close();
  return { saleId: done.data.sale!.saleId, coupons: noCoupons ? [] : coupons };
}

async function setPolicies(
  points: 'none' | 'original-expiry' | 'new-expiry',
  coupons: 'never' | 'full-refund' | 'any-refund',
): Promise<void> {
  const config = structuredClone(loyalty().program.config());
  config.points.restoreRedeemedOnRefund = points;
  config.couponTemplates = config.couponTemplates.map((t) => ({ ...t, restorePolicy: coupons }));
  const put = await tb.api('/api/v1/loyalty/config', { token: manager, method: 'PUT', body: config });
  expect(put.status).toBe(200);
}

describe('refund policies from the programme', () => {
  it("'new-expiry' gives the redeemed points back as one lot dated today; an 'any-refund' coupon comes back on the first partial return", async () => {
    await setPolicies('new-expiry', 'any-refund');
    const m = await member('13588880001', 2_000);
    const before = pointsBalance(entriesOf(m.id));
    const sale = await buy(m, 1_000);
    expect(sale.coupons).toHaveLength(1); // the welcome coupon 满50减10
    // a week later, one of the two oils comes back
    await advanceDays(7);
    const first = await tb.api('/api/v1/returns', {
      token: cashier,
      body: {
        refundId: randomUUID().replaceAll('-', ''),
        saleId: sale.saleId,
        lines: [{ lineNo: 1, quantity: 1 }],
        supervisor: SUPERVISOR,
      },
    });
    expect(first.status).toBe(201);
    const restore = entriesOf(m.id).find((e) => e.kind === 'restore' && e.refundId === first.body.data.id)!;
    const today = loyaltyTime(tb.box.ctx).date;
    expect(restore.grants).toEqual([
      { expiresOn: lotExpiry(loyalty().program.config().points.earn.expiry, today), points: restore.points },
    ]);
    expect(loyalty().stores.coupons.byId(sale.coupons[0])!.status).toBe('restored');

    const second = await returnAll(sale.saleId);
    expect(second.status).toBe(201);
    const own = entriesOf(m.id).filter((e) => e.saleId === sale.saleId);
    expect(own.filter((e) => e.kind === 'restore').reduce((s, e) => s + e.points, 0)).toBe(1_000);
    expect(pointsBalance(entriesOf(m.id))).toBe(before);
    expect(loyalty().stores.coupons.byId(sale.coupons[0])!.status).toBe('restored'); // not restored twice
  });

  it("'none' keeps the redeemed points spent and 'never' keeps the coupon used, even when the whole sale comes back", async () => {
    await setPolicies('none', 'never');
    const m = await member('13588880002', 2_000);
    const before = pointsBalance(entriesOf(m.id));
    const sale = await buy(m, 1_000);
    expect((await returnAll(sale.saleId)).status).toBe(201);
    const own = entriesOf(m.id).filter((e) => e.saleId === sale.saleId);
    expect(own.some((e) => e.kind === 'restore')).toBe(false);
    expect(own.filter((e) => e.kind === 'clawback').reduce((s, e) => s + e.points, 0)).toBe(
      -own.find((e) => e.kind === 'earn')!.points,
    );
    expect(pointsBalance(entriesOf(m.id))).toBe(before - 1_000);
    expect(loyalty().stores.coupons.byId(sale.coupons[0])!.status).toBe('redeemed');
  });

  it('points already spent elsewhere are clawed back as far as the member holds them; the rest is a recorded shortfall, never a negative balance', async () => {
    await setPolicies('original-expiry', 'full-refund');
    const m = await member('13588880003', 0); // 100 registration points
    const first = await buy(m, 0, true);
    const earned = entriesOf(m.id).find((e) => e.kind === 'earn' && e.saleId === first.saleId)!.points;
    expect(earned).toBeGreaterThan(0);
    // the member spends every point they hold on a second sale
    const all = pointsBalance(entriesOf(m.id));
    const rule = loyalty().program.config().points.redemption;
    const spend = Math.floor(all / (rule.points / rule.fen)) * (rule.points / rule.fen);
    await buy(m, spend, true);
    const left = pointsBalance(entriesOf(m.id));
    expect(left).toBeLessThan(earned);

    const back = await returnAll(first.saleId);
    expect(back.status).toBe(201);
    const clawback = entriesOf(m.id).find((e) => e.kind === 'clawback' && e.refundId === back.body.data.id)!;
    expect(clawback.points).toBe(-left);
    expect(clawback.shortfall).toBe(earned - left);
    expect(pointsBalance(entriesOf(m.id))).toBe(0);
    expect((await tb.api('/api/v1/loyalty/verify', { token: manager, method: 'POST' })).body.data.ok).toBe(true);
  });

  it('a refund on a later day lowers the spend of the sale’s day, not of the refund’s', async () => {
    const m = await member('13588880004', 0);
    const sale = await buy(m, 0, true);
    const saleDay = tb.box.ctx.repos.sales.byId(sale.saleId)!.businessDate;
    await advanceDays(3);
    expect((await returnAll(sale.saleId)).status).toBe(201);
    const days = tb.box.ctx.db
      .prepare(
        'SELECT d.date, d.net_fen AS netFen, d.orders FROM member_spend_day d JOIN member x ON x.serial = d.member_serial WHERE x.id = ? ORDER BY d.date',
      )
      .all(m.id);
    expect(days).toEqual([{ date: saleDay, netFen: 0, orders: 0 }]);
    expect(addDays(saleDay, 3)).toBe(loyaltyTime(tb.box.ctx).date);
  });
});
