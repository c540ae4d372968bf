import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, type TestBox } from '../support/test-box.ts';
import { barcodeOf, startLoyaltyBox, type TestClock } from './loyalty-box.ts';
import { openLane, saleId, type LaneClient } from '../support/lane-client.ts';

let tb: TestBox & { clock: TestClock };
let manager: string;

beforeAll(async () => {
  tb = await startLoyaltyBox();
  manager = await tb.login('manager1', 'manager1pass');
});
afterAll(async () => {
  await tb.stop();
  removeDir(tb.dataDir);
});

async function member(phone: string) {
  const r = await tb.api(`/api/v1/members?phone=${phone}`, { token: manager });
  return tb.box.loyalty.stores.members.byId(r.body.data[0].id)!;
}

async function pay(lane: LaneClient): Promise<any> {
  const total = await lane.send('cart.total');
  const due = total.data.cart!.totals.dueFen;
  if (total.data.cart!.remainingFen > 0)
    expect((await lane.send('cart.tenderCash', { amountFen: total.data.cart!.remainingFen })).ok).toBe(true);
  const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
  expect(done.error).toBeUndefined();
  return done.data.sale;
}

describe('a gold member buys at the lane', () => {
  it('gets the tier discount and the best coupon automatically, redeems points, earns ×1.5 on the net and is upgraded to diamond', async () => {
    const gold = await member('13800000002');
    expect(gold.tier).toBe('gold');
    const before = gold.pointsBalance;
    const lane = await openLane(tb, 'L01');
    const oil = barcodeOf(tb, '鲁花花生油 5L');
    expect((await lane.send('cart.scan', { code: oil, quantity: 120 })).ok).toBe(true);
    const identified = await lane.send('cart.identifyMember', { query: '13800000002' });
    expect(identified.ok).toBe(true);
    expect(identified.data.member!.phone).toBe('138****0002');
    const cart = identified.data.cart;
    // 金卡 9折 from the tier-rate promotion, and the 满100减20 coupon chosen over 满50减10
    expect(cart!.promotions.map((p: { id: string }) => p.id)).toContain('tier-rate');
    expect(cart!.coupons.applied).toHaveLength(1);
    const coupon = tb.box.loyalty.stores.coupons.byId(cart!.coupons.applied[0].code)!;
    expect(coupon.templateId).toBe('NEXT-100-20');

    const redeemed = await lane.send('cart.redeemPoints', { points: 1000 });
    expect(redeemed.ok).toBe(true);
    expect(redeemed.data.cart!.pointsRedeemed!.fen).toBe(1000);
    const sale = await pay(lane);

    const stored = tb.box.ctx.repos.sales.byId(sale.saleId)!;
    // 1 point per ¥1 of net, ×1.5 for 金卡 (the tier at the time of the sale), rounded down once
    const expected = Math.floor((stored.dueFen * 15_000) / (100 * 10_000));
    expect(stored.pointsEarned).toBe(expected);
    const after = tb.box.loyalty.stores.members.byId(gold.id)!;
    expect(after.pointsBalance).toBe(before - 1000 + expected);
    expect(after.tier).toBe('diamond');
    expect(tb.box.loyalty.stores.tiers.ofMember(gold.id).at(-1)).toMatchObject({
      fromCode: 'gold',
      toCode: 'diamond',
      reason: 'sale',
      saleId: sale.saleId,
    });
    expect(tb.box.loyalty.stores.coupons.byId(coupon.id)).toMatchObject({
      status: 'redeemed',
      saleId: sale.saleId,
      discountFen: 2000,
    });
    // the spend-100 promotion issued a next-visit coupon
    expect(
      tb.box.loyalty.stores.coupons
        .ofMember(gold.id)
        .filter((c) => c.source.kind === 'next-visit' && c.source.refId === sale.saleId),
    ).toHaveLength(1);
    const verify = await tb.api('/api/v1/loyalty/verify', { token: manager, method: 'POST' });
    expect(verify.body.data).toMatchObject({ ok: true, mismatches: [] });
    lane.close();
  });
});
