import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { loyaltyTime } from '../../server/app/loyalty/loyalty-time.ts';
import {
  lotsOf,
  maxRedeemablePoints,
  pointsBalance,
  pointsValueFen,
  redemptionCapFen,
  storedValueBalance,
  type PointsEntry,
} from '../../server/core/loyalty/index.ts';
import { LaneClient } from '../support/lane-client.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const products = demoProducts();
const rice = products.find((p) => p.names.zh === '金龙鱼东北大米 5kg')!; // ¥49.90
const oil = products.find((p) => p.names.zh === '鲁花花生油 5L')!; // ¥159.90
const refundId = () => randomUUID().replaceAll('-', '');
const SUPERVISOR = { username: 'super1', password: 'super1pass' };

let t: TestBox;
let cashier: string;
let manager: string;

beforeAll(async () => {
  t = await startTestBox();
  cashier = (
    await t.api('/api/v1/auth/login', { body: { username: 'cashier1', password: 'cashier1pass', laneId: 'L01' } })
  ).body.data.token;
  manager = await t.login('manager1', 'manager1pass');
});
afterAll(async () => {
  await t.stop();
  removeDir(t.dataDir);
});

const loyalty = () => t.box.loyalty;
const entriesOf = (memberId: string): PointsEntry[] => loyalty().stores.points.entriesOf(memberId);
const returnLines = (
  saleId: string,
  lines: Array<{ lineNo: number; quantity: number }>,
  extra: Record<string, unknown> = {},
) =>
  t.api('/api/v1/returns', {
    token: cashier,
    // every refund above ¥0 needs a supervisor by default (store setting refundSupervisorAboveFen)
    body: { refundId: refundId(), saleId, lines, reason: '顾客退货', supervisor: SUPERVISOR, ...extra },
  });
const spendDay = (memberId: string, date: string) =>
  t.box.ctx.db
    .prepare(
      'SELECT coalesce(sum(d.net_fen), 0) AS netFen, coalesce(sum(d.discounted_fen), 0) AS discountedFen, coalesce(sum(d.orders), 0) AS orders FROM member_spend_day d JOIN member m ON m.serial = d.member_serial WHERE m.id = ? AND d.date = ?',
    )
    .get(memberId, date) as { netFen: number; discountedFen: number; orders: number };
/** Remaining points by expiry date: what the member can use, and until when. */
const remainingByExpiry = (memberId: string) => {
  const out: Record<string, number> = {};
  for (const lot of lotsOf(entriesOf(memberId)))
    if (lot.remaining > 0) out[lot.expiresOn] = (out[lot.expiresOn] ?? 0) + lot.remaining;
  return out;
};
/** Points owed for a refunded net on a line, as docs/loyalty.md states it: ⌊P × after / net⌋ − ⌊P × before / net⌋. */
const owed = (points: number, lineNet: number, before: number, after: number) =>
  Math.floor((points * after) / lineNet) - Math.floor((points * before) / lineNet);

async function ledgerAgrees(): Promise<void> {
  const verify = await t.api('/api/v1/loyalty/verify', { token: manager, method: 'POST' });
  expect(verify.body.data).toMatchObject({ ok: true, mismatches: [] });
  // stored value: every account's cached buckets are its ledger's sum
  const accounts = t.box.ctx.db
    .prepare('SELECT member_id AS id, principal_fen AS principalFen, bonus_fen AS bonusFen FROM stored_value_account')
    .all() as Array<{ id: string; principalFen: number; bonusFen: number }>;
  for (const a of accounts)
    expect(storedValueBalance(loyalty().stores.storedValue.entries(a.id))).toEqual({
      principalFen: a.principalFen,
      bonusFen: a.bonusFen,
    });
}

describe('a gold member’s sale (tier rate, 满减, coupon, points) returned in two steps', () => {
  let memberId: string;
  let sale: { saleId: string; dueFen: number; businessDate: string };
  let before: { balance: number; lots: Record<string, number>; spend: ReturnType<typeof spendDay>; couponCode: string };
  let earn: PointsEntry;
  let redeem: PointsEntry;

  beforeAll(async () => {
    const gold = (await t.api('/api/v1/members?phone=13800000002', { token: manager })).body.data[0];
    memberId = gold.id;
    expect(gold.tier.code).toBe('gold');
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: oil.barcodes[0] });
    await lane.send('cart.scan', { code: rice.barcodes[0], quantity: 3 });
    const identified = await lane.send('cart.identifyMember', { query: '13800000002' });
    const applied = identified.data.cart!.coupons.applied;
    expect(applied).toHaveLength(1);
    expect(gold.pointsBalance).toBe(pointsBalance(entriesOf(memberId)));
    before = {
      balance: gold.pointsBalance,
      lots: remainingByExpiry(memberId),
      spend: spendDay(memberId, loyaltyTime(t.box.ctx).date),
      couponCode: applied[0].code,
    };
    const redeemed = await lane.send('cart.redeemPoints', { points: 1000 });
    expect(redeemed.data.cart!.pointsRedeemed).toMatchObject({ used: 1000, fen: 1000 });
    const due = redeemed.data.cart!.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: due });
    const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    expect(done.ok).toBe(true);
    lane.close();
    const stored = t.box.ctx.repos.sales.byId(done.data.sale!.saleId)!;
    sale = { saleId: stored.id, dueFen: stored.dueFen, businessDate: stored.businessDate };
    const own = entriesOf(memberId).filter((e) => e.saleId === sale.saleId);
    earn = own.find((e) => e.kind === 'earn')!;
    redeem = own.find((e) => e.kind === 'redeem')!;
    expect([earn.points, redeem.points]).toEqual([expect.any(Number), -1000]);
    expect(earn.points).toBeGreaterThan(0);
  });

  it('the sale moved points, the coupon and the spend as loyalty says', () => {
    expect(pointsBalance(entriesOf(memberId))).toBe(before.balance - 1000 + earn.points);
    expect(loyalty().stores.coupons.byId(before.couponCode)).toMatchObject({ status: 'redeemed', saleId: sale.saleId });
    expect(sale.businessDate).toBe(loyaltyTime(t.box.ctx).date);
    expect(spendDay(memberId, sale.businessDate)).toMatchObject({
      netFen: before.spend.netFen + sale.dueFen,
      orders: before.spend.orders + 1,
    });
  });

  it('a partial return claws back to the point and gives back the redeemed share by policy; the coupon stays used (full-refund policy)', async () => {
    const detail = (await t.api(`/api/v1/sales/${sale.saleId}`, { token: cashier })).body.data;
    const riceLine = detail.lines.find((l: any) => l.sku === rice.sku);
    const lineId =
      riceLine.lineId ?? t.box.ctx.repos.sales.lines(sale.saleId).find((l) => l.lineNo === riceLine.lineNo)!.lineId;
    const earned = earn.lines!.find((l) => l.lineId === lineId)!;
    const spent = redeem.lines!.find((l) => l.lineId === lineId)!;
    const balance0 = pointsBalance(entriesOf(memberId));

    const first = await returnLines(sale.saleId, [{ lineNo: riceLine.lineNo, quantity: 1 }]);
    expect(first.status).toBe(201);
    const net = first.body.data.refundFen;
    expect(net).toBe(Math.round(riceLine.netFen / 3));

    const mine = entriesOf(memberId).filter((e) => e.refundId === first.body.data.id);
    const clawback = mine.find((e) => e.kind === 'clawback')!;
    const restore = mine.find((e) => e.kind === 'restore')!;
    expect(loyalty().program.config().points.restoreRedeemedOnRefund).toBe('original-expiry');
    expect(clawback.points).toBe(-owed(earned.points, earned.netFen, 0, net));
    // the redeemed points come back as the sale line stored them (pricing's allocation), a third of them half-up
    const storedPoints = t.box.ctx.repos.sales.lines(sale.saleId).find((l) => l.lineId === lineId)!.pointsRedeemed!;
    expect(spent.points).toBe(storedPoints);
    expect(restore.points).toBe(Math.round(storedPoints / 3));
    expect(clawback.shortfall).toBeUndefined();
    expect(pointsBalance(entriesOf(memberId))).toBe(balance0 + restore.points + clawback.points);
    expect(loyalty().stores.coupons.byId(before.couponCode)!.status).toBe('redeemed');
    expect(spendDay(memberId, sale.businessDate).netFen).toBe(before.spend.netFen + sale.dueFen - net);
    // one HQ fact for the loyalty side, in the refund's transaction
    const fact = t.box.ctx.db
      .prepare("SELECT payload FROM outbox WHERE topic = 'loyalty.refund' ORDER BY seq DESC LIMIT 1")
      .get() as { payload: string };
    expect(JSON.parse(fact.payload)).toMatchObject({
      refundId: first.body.data.id,
      saleId: sale.saleId,
      memberId,
      couponsRestored: [],
      spend: { netFen: net, orders: 0 },
    });
  });

  it('returning the rest brings the points back to exactly the balance and lots before the sale, restores the coupon and the spend', async () => {
    const detail = (await t.api(`/api/v1/sales/${sale.saleId}`, { token: cashier })).body.data;
    const rest = detail.lines
      .map((l: any) => ({ lineNo: l.lineNo, quantity: l.quantity - l.returnedQuantity }))
      .filter((l: any) => l.quantity > 0);
    const second = await returnLines(sale.saleId, rest);
    expect(second.status).toBe(201);

    const own = entriesOf(memberId).filter((e) => e.saleId === sale.saleId);
    const sum = (kind: string) => own.filter((e) => e.kind === kind).reduce((s, e) => s + e.points, 0);
    expect(sum('clawback')).toBe(-earn.points);
    expect(sum('restore')).toBe(1000);
    // original-expiry: the redeemed points come back into the lots they were taken from
    expect(pointsBalance(entriesOf(memberId))).toBe(before.balance);
    expect(remainingByExpiry(memberId)).toEqual(before.lots);
    expect(loyalty().stores.coupons.byId(before.couponCode)).toMatchObject({ status: 'restored' });
    expect(loyalty().stores.coupons.byId(before.couponCode)!.saleId).toBeUndefined();
    expect(spendDay(memberId, sale.businessDate)).toEqual(before.spend);
    // the tier is reviewed at night, never lowered at the counter
    expect(loyalty().stores.members.byId(memberId)!.tier).toBe('gold');
    await ledgerAgrees();
  });
});

describe('stored value refunds', () => {
  async function memberWithBalance(phone: string): Promise<{ id: string; code: string }> {
    const m = (await t.api('/api/v1/members', { token: manager, body: { phone } })).body.data.member;
    expect(
      (
        await t.api(`/api/v1/members/${m.id}/stored-value/pin`, {
          token: manager,
          method: 'PUT',
          body: { pin: '135790' },
        })
      ).status,
    ).toBe(200);
    const top = await t.api(`/api/v1/members/${m.id}/stored-value/top-ups`, {
      token: manager,
      body: { amountFen: 30_000, tenderKind: 'cash' },
    });
    expect(top.body.data.balance).toEqual({ principalFen: 30_000, bonusFen: 2_000 }); // 充100送20, not repeating
    return m;
  }

  async function buy(
    member: { code: string } | null,
    tender: 'stored_value' | 'cash',
  ): Promise<{ saleId: string; dueFen: number }> {
    const lane = await LaneClient.login(t.baseUrl, 'L02', 'cashier2', 'cashier2pass');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: rice.barcodes[0], quantity: 3 });
    if (member) {
      const identified = await lane.send('cart.identifyMember', { query: member.code });
      for (const c of identified.data.cart!.coupons.applied) await lane.send('cart.removeCoupon', { code: c.code });
    }
    const total = await lane.send('cart.total');
    const due = total.data.cart!.totals.dueFen;
    const paid =
      tender === 'stored_value'
        ? await lane.send('cart.tenderStoredValue', { pin: '135790' })
        : await lane.send('cart.tenderCash', { amountFen: due });
    expect(paid.ok).toBe(true);
    const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    expect(done.ok).toBe(true);
    lane.close();
    return { saleId: done.data.sale!.saleId, dueFen: due };
  }

  it('a stored-value sale returned unit by unit goes back to principal and bonus exactly', async () => {
    const m = await memberWithBalance('13566660001');
    const sale = await buy(m, 'stored_value');
    const pay = loyalty()
      .stores.storedValue.entries(m.id)
      .find((e) => e.kind === 'pay')!;
    expect(-(pay.principalFen + pay.bonusFen)).toBe(sale.dueFen);
    expect(pay.bonusFen).toBeLessThan(0); // drawn from both buckets in proportion

    const refunds = [];
    for (let i = 0; i < 3; i++) {
      const r = await returnLines(sale.saleId, [{ lineNo: 1, quantity: 1 }]);
      expect(r.status).toBe(201);
      expect(r.body.data.tenders).toMatchObject([
        { kind: 'stored_value', status: 'succeeded', amountFen: r.body.data.refundFen },
      ]);
      refunds.push(r.body.data);
    }
    const back = loyalty()
      .stores.storedValue.entries(m.id)
      .filter((e) => e.kind === 'refund');
    expect(back).toHaveLength(3);
    expect(back.every((e) => e.payEntryId === pay.id && e.principalFen >= 0 && e.bonusFen >= 0)).toBe(true);
    expect(back.reduce((s, e) => s + e.principalFen, 0)).toBe(-pay.principalFen);
    expect(back.reduce((s, e) => s + e.bonusFen, 0)).toBe(-pay.bonusFen);
    expect(loyalty().stores.storedValue.account(m.id)).toMatchObject({ principalFen: 30_000, bonusFen: 2_000 });
    await ledgerAgrees();
  });

  it('a supervisor sends a cash sale’s refund to the member’s stored value as principal; a cashier alone or a walk-in sale cannot', async () => {
    const m = await memberWithBalance('13566660002');
    const sale = await buy(m, 'cash');
    expect(
      (
        await returnLines(sale.saleId, [{ lineNo: 1, quantity: 1 }], {
          refundTo: 'stored_value',
          supervisor: undefined,
        })
      ).body.error.code,
    ).toBe('RETURN_SUPERVISOR_REQUIRED');
    const r = await returnLines(sale.saleId, [{ lineNo: 1, quantity: 1 }], {
      refundTo: 'stored_value',
      supervisor: SUPERVISOR,
    });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ refundTo: 'stored_value', supervisor: 'super1' });
    expect(r.body.data.tenders).toMatchObject([
      { kind: 'stored_value', status: 'succeeded', amountFen: r.body.data.refundFen },
    ]);
    expect(loyalty().stores.storedValue.account(m.id)).toMatchObject({
      principalFen: 30_000 + r.body.data.refundFen,
      bonusFen: 2_000,
    });
    const credit = loyalty().stores.storedValue.entries(m.id).at(-1)!;
    expect(credit).toMatchObject({
      kind: 'topup',
      principalFen: r.body.data.refundFen,
      bonusFen: 0,
      ref: r.body.data.tenders[0].id,
    });

    const walkIn = await buy(null, 'cash');
    const refused = await returnLines(walkIn.saleId, [{ lineNo: 1, quantity: 1 }], {
      refundTo: 'stored_value',
      supervisor: SUPERVISOR,
    });
    expect(refused.body.error).toMatchObject({ code: 'RETURN_REFUND_TARGET_UNAVAILABLE', field: 'refundTo' });
    expect((await t.api(`/api/v1/sales/${walkIn.saleId}`, { token: cashier })).body.data.refunds).toHaveLength(0);
    await ledgerAgrees();
  });
});

describe('points redemption limits: the loyalty rule from the lane’s check through the priced cart to the commit and the refund', () => {
  it('a cart that shrinks after the points were accepted is re-capped by the same rule; the commit redeems what the cart shows; a full return gives it all back', async () => {
    const rule = loyalty().program.config().points.redemption;
    expect(t.box.pricing.settings().pointsRedemption).toEqual({
      pointsPerYuan: (rule.points * 100) / rule.fen,
      minPoints: rule.minimumPoints,
      maxShareBp: rule.capBp,
    });
    const supervisor = await t.login('super1', 'super1pass');
    const m = (await t.api('/api/v1/members', { token: manager, body: { phone: '13577770001' } })).body.data.member;
    expect(
      (
        await t.api(`/api/v1/members/${m.id}/points`, {
          token: supervisor,
          body: { points: 20_000, note: 'test balance' },
        })
      ).status,
    ).toBe(201);
    const balance0 = pointsBalance(entriesOf(m.id));

    const lane = await LaneClient.login(t.baseUrl, 'L03', 'cashier2', 'cashier2pass');
    await lane.send('cart.open');
    const withOil = await lane.send('cart.scan', { code: oil.barcodes[0] });
    await lane.send('cart.scan', { code: rice.barcodes[0] });
    const identified = await lane.send('cart.identifyMember', { query: m.code });
    for (const c of identified.data.cart!.coupons.applied) await lane.send('cart.removeCoupon', { code: c.code });
    const due = (await lane.send('cart.total')).data.cart!.totals.dueFen;
    const cap = maxRedeemablePoints(rule, balance0, due);
    expect(cap).toBeGreaterThan(0);
    const tooMany = await lane.send('cart.redeemPoints', { points: cap + rule.points / rule.fen });
    expect(tooMany.error).toMatchObject({ code: 'LOYALTY_ABOVE_CAP', params: { maxPoints: cap } });
    const atCap = await lane.send('cart.redeemPoints', { points: cap });
    expect(atCap.data.cart!.pointsRedeemed).toMatchObject({ used: cap, fen: pointsValueFen(rule, cap) });

    // the oil goes back on the shelf: the same rule caps the points at the smaller amount due
    const shrunk = await lane.send('cart.removeLine', {
      lineId: withOil.data.cart!.lines[0].lineId,
      supervisor: SUPERVISOR,
    });
    expect(shrunk.ok).toBe(true);
    const dueBefore = shrunk.data.cart!.totals.dueFen + shrunk.data.cart!.pointsRedeemed!.fen;
    const recapped = maxRedeemablePoints(rule, balance0, dueBefore);
    expect(recapped).toBeLessThan(cap);
    expect(shrunk.data.cart!.pointsRedeemed).toMatchObject({
      requested: cap,
      used: recapped,
      fen: pointsValueFen(rule, recapped),
    });
    expect(shrunk.data.cart!.pointsRedeemed!.fen).toBeLessThanOrEqual(redemptionCapFen(rule, dueBefore));

    await lane.send('cart.tenderCash', { amountFen: shrunk.data.cart!.totals.dueFen });
    const done = await lane.send('cart.complete', {
      saleId: uuidv7(),
      expectedDueFen: shrunk.data.cart!.totals.dueFen,
    });
    expect(done.ok).toBe(true);
    lane.close();
    const own = entriesOf(m.id).filter((e) => e.saleId === done.data.sale!.saleId);
    expect(own.find((e) => e.kind === 'redeem')!.points).toBe(-recapped);
    const earned = own.find((e) => e.kind === 'earn')?.points ?? 0;

    const back = await returnLines(done.data.sale!.saleId, [{ lineNo: 1, quantity: 1 }]);
    expect(back.status).toBe(201);
    const refunded = entriesOf(m.id).filter((e) => e.refundId === back.body.data.id);
    expect(refunded.filter((e) => e.kind === 'restore').reduce((s, e) => s + e.points, 0)).toBe(recapped);
    expect(refunded.filter((e) => e.kind === 'clawback').reduce((s, e) => s + e.points, 0)).toBe(-earned);
    expect(pointsBalance(entriesOf(m.id))).toBe(balance0);
    await ledgerAgrees();
  });
});

describe('redeemed points on a partial return: one allocation stored at the sale, read by the slip and the ledger', () => {
  it('returning a line unit by unit restores, each time, exactly the points the refund slip shows, and in all exactly the line’s stored share', async () => {
    const cola = products.find((p) => p.names.zh === '可口可乐 330ml')!; // ¥3.00
    const gold = (await t.api('/api/v1/members?phone=13800000002', { token: manager })).body.data[0];
    const lane = await LaneClient.login(t.baseUrl, 'L03');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: oil.barcodes[0] });
    await lane.send('cart.scan', { code: cola.barcodes[0], quantity: 7 });
    await lane.send('cart.scan', { code: rice.barcodes[0], quantity: 3 });
    await lane.send('cart.identifyMember', { query: '13800000002' });
    const redeemed = await lane.send('cart.redeemPoints', { points: 1337 });
    expect(redeemed.data.cart!.pointsRedeemed).toMatchObject({ used: 1337, fen: 1337 }); // 100 points = ¥1
    const due = redeemed.data.cart!.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: due });
    const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    expect(done.ok).toBe(true);
    lane.close();
    const saleId: string = done.data.sale!.saleId;

    // the allocation is stored with each sale line and is the one the sale's points share and ledger entry carry
    const stored = t.box.ctx.db
      .prepare(
        'SELECT line_no AS lineNo, line_id AS lineId, points_redeemed AS points FROM sale_line WHERE sale_id = ?',
      )
      .all(saleId) as Array<{ lineNo: number; lineId: string; points: number }>;
    expect(stored.reduce((s, l) => s + l.points, 0)).toBe(1337);
    const redeem = entriesOf(gold.id).find((e) => e.kind === 'redeem' && e.saleId === saleId)!;
    expect(redeem.lines!.map((l) => [l.lineId, l.points])).toEqual(stored.map((l) => [l.lineId, l.points]));

    const colaLine = stored[1];
    let restoredInAll = 0;
    for (let unit = 0; unit < 7; unit++) {
      const r = await returnLines(saleId, [{ lineNo: colaLine.lineNo, quantity: 1 }]);
      expect(r.status).toBe(201);
      const restore = entriesOf(gold.id).find((e) => e.kind === 'restore' && e.refundId === r.body.data.id);
      const restoredPoints = restore?.points ?? 0;
      const slip = t.box.ctx.db.prepare('SELECT receipt FROM refund WHERE id = ?').get(r.body.data.id) as {
        receipt: string;
      };
      const receipt = JSON.parse(slip.receipt) as {
        lines: Array<{ discounts: Array<{ label: string; amountFen: number }> }>;
        footer: string[];
      };
      // the points-as-cash share the slip gives back on the line, in fen = points at 100 points = ¥1
      const slipShare = receipt.lines[0].discounts
        .filter((d) => d.label === '积分抵现')
        .reduce((s, d) => s + d.amountFen, 0);
      expect({ unit, restored: restoredPoints }).toEqual({ unit, restored: slipShare });
      expect(receipt.footer).toContain(`退还积分 ${restoredPoints} / Points restored ${restoredPoints}`);
      restoredInAll += restoredPoints;
    }
    expect(restoredInAll).toBe(colaLine.points);
    await ledgerAgrees();
  });
});
