import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, type TestBox } from '../support/test-box.ts';
import { barcodeOf, startLoyaltyBox, type TestClock } from './loyalty-box.ts';
import { openLane, saleId, type LaneClient } from '../support/lane-client.ts';

let tb: TestBox & { clock: TestClock };
let manager: string;
let supervisor: string;

beforeAll(async () => {
  tb = await startLoyaltyBox();
  manager = await tb.login('manager1', 'manager1pass');
  supervisor = await tb.login('super1', 'super1pass');
});
afterAll(async () => {
  await tb.stop();
  removeDir(tb.dataDir);
});

const stores = () => tb.box.loyalty.stores;

async function buy(
  lane: LaneClient,
  memberQuery: string,
  items: Array<[string, number]>,
): Promise<{ saleId: string; dueFen: number }> {
  for (const [name, quantity] of items)
    expect((await lane.send('cart.scan', { code: barcodeOf(tb, name), quantity })).ok).toBe(true);
  expect((await lane.send('cart.identifyMember', { query: memberQuery })).ok).toBe(true);
  const total = await lane.send('cart.total');
  const due = total.data.cart!.totals.dueFen;
  await lane.send('cart.tenderCash', { amountFen: due });
  const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
  expect(done.error).toBeUndefined();
  return { saleId: done.data.sale!.saleId, dueFen: due };
}

describe('referral chain', () => {
  it('A refers B refers C: C’s first purchase pays B 200 points, C’s repeat purchase pays A 2% of the net as points; the tree reports it', async () => {
    const lane = await openLane(tb, 'L01');
    const a = (await lane.send('member.register', { phone: '13511110001' })).data.member;
    await lane.send('cart.clearMember');
    const b = (await lane.send('member.register', { phone: '13511110002', referralCode: a!.code })).data.member;
    await lane.send('cart.clearMember');
    const c = (await lane.send('member.register', { phone: '13511110003', referralCode: b!.code })).data.member;
    await lane.send('cart.clearMember');
    const balance = (id: string) => stores().members.byId(id)!.pointsBalance;
    const [a0, b0] = [balance(a!.id), balance(b!.id)];

    await buy(lane, c!.code, [['金龙鱼调和油 5L', 1]]);
    const rule = tb.box.loyalty.program.config().referral!;
    expect(balance(b!.id)).toBe(b0 + (rule.firstPurchase.kind === 'points' ? rule.firstPurchase.points : 0));
    expect(balance(a!.id)).toBe(a0);

    const second = await buy(lane, c!.code, [['金龙鱼调和油 5L', 2]]);
    const share = Math.floor(
      (second.dueFen * rule.repeatShareBp.level2 * rule.shareRate.points) / (10_000 * rule.shareRate.perFen),
    );
    expect(share).toBeGreaterThan(0);
    expect(balance(a!.id)).toBe(a0 + share);

    const tree = await tb.api(`/api/v1/members/${a!.id}/referrals`, { token: manager });
    expect(JSON.stringify(tree.body.data)).toContain(b!.id);
    expect(JSON.stringify(tree.body.data)).toContain(c!.id);
    lane.close();
  });
});

describe('two lanes redeem the same member’s points at the same moment', () => {
  it('one sale completes, the other gets LOYALTY_INSUFFICIENT_POINTS and nothing of it is written; the balance never goes negative', async () => {
    const m = (await tb.api('/api/v1/members', { token: manager, body: { phone: '13522220001' } })).body.data.member;
    expect(
      (
        await tb.api(`/api/v1/members/${m.id}/points`, {
          token: supervisor,
          body: { points: 50, note: 'test top-up of points' },
        })
      ).status,
    ).toBe(201);
    expect(stores().members.byId(m.id)!.pointsBalance).toBe(150);
    const [l1, l2] = [await openLane(tb, 'L02'), await openLane(tb, 'L03', 'cashier2', 'cashier2pass')];
    const dues: number[] = [];
    for (const lane of [l1, l2]) {
      await lane.send('cart.scan', { code: barcodeOf(tb, '金龙鱼调和油 5L') });
      const identified = await lane.send('cart.identifyMember', { query: m.id });
      // only the points compete here: the cashier takes the welcome coupon off on both lanes
      for (const c of identified.data.cart!.coupons.applied) await lane.send('cart.removeCoupon', { code: c.code });
      const asked = await lane.send('cart.redeemPoints', { points: 150 });
      expect(asked.ok).toBe(true); // both see 150 available when the cashier asks
      const total = await lane.send('cart.total');
      dues.push(total.data.cart!.totals.dueFen);
      await lane.send('cart.tenderCash', { amountFen: total.data.cart!.totals.dueFen });
    }
    const sales = [saleId(), saleId()];
    const [r1, r2] = await Promise.all([
      l1.send('cart.complete', { saleId: sales[0], expectedDueFen: dues[0] }),
      l2.send('cart.complete', { saleId: sales[1], expectedDueFen: dues[1] }),
    ]);
    const outcomes = [r1, r2];
    expect(outcomes.filter((r) => r.ok)).toHaveLength(1);
    const failed = outcomes.find((r) => !r.ok)!;
    expect(failed.error).toMatchObject({ code: 'LOYALTY_INSUFFICIENT_POINTS', field: 'points' });
    expect(failed.error!.message).toContain('积分不足');
    const lost = sales[outcomes.indexOf(failed)];
    expect(tb.box.ctx.repos.sales.byId(lost)).toBeUndefined();
    const won = sales[outcomes.findIndex((r) => r.ok)];
    const earned = tb.box.ctx.repos.sales.byId(won)!.pointsEarned;
    expect(earned).toBeLessThan(150); // so the second redemption cannot be paid from the first sale's points
    expect(stores().members.byId(m.id)!.pointsBalance).toBe(150 - 150 + earned);
    expect((await tb.api('/api/v1/loyalty/verify', { token: manager, method: 'POST' })).body.data.ok).toBe(true);
    l1.close();
    l2.close();
  });
});

describe('stored value', () => {
  it('充100送20, pays at the lane with the PIN; wrong PINs count down and the 5th locks even the right PIN', async () => {
    const m = (await tb.api('/api/v1/members', { token: manager, body: { phone: '13533330001' } })).body.data.member;
    expect(
      (
        await tb.api(`/api/v1/members/${m.id}/stored-value/pin`, {
          token: manager,
          method: 'PUT',
          body: { pin: '246810' },
        })
      ).status,
    ).toBe(200);
    const zero = await tb.api(`/api/v1/members/${m.id}/stored-value/top-ups`, {
      token: manager,
      body: { amountFen: 0, tenderKind: 'cash' },
    });
    expect(zero.body.error.code).toBe('LOYALTY_TOPUP_AMOUNT_INVALID');
    const top = await tb.api(`/api/v1/members/${m.id}/stored-value/top-ups`, {
      token: manager,
      body: { amountFen: 10_000, tenderKind: 'wechat' },
    });
    expect(top.body.data.balance).toEqual({ principalFen: 10_000, bonusFen: 2_000 });
    const stored = tb.box.ctx.db
      .prepare('SELECT pin_hash AS h FROM stored_value_account WHERE member_id = ?')
      .get(m.id) as { h: string };
    expect(stored.h).not.toContain('246810');

    const lane = await openLane(tb, 'L01');
    await lane.send('cart.scan', { code: barcodeOf(tb, '金龙鱼调和油 5L') });
    await lane.send('cart.identifyMember', { query: m.code });
    const wrong = await lane.send('cart.tenderStoredValue', { pin: '000000' });
    expect(wrong.error).toMatchObject({ code: 'LOYALTY_PIN_WRONG', params: { remaining: 4 } });
    const paid = await lane.send('cart.tenderStoredValue', { pin: '246810' });
    expect(paid.ok).toBe(true);
    const due = paid.data.cart!.totals.dueFen;
    expect(paid.data.cart!.remainingFen).toBe(0);
    const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
    expect(done.ok).toBe(true);
    const account = stores().storedValue.account(m.id)!;
    expect(account.principalFen + account.bonusFen).toBe(12_000 - due);
    expect(account.principalFen).toBeGreaterThan(account.bonusFen); // drawn in proportion, buckets apart

    await lane.send('cart.scan', { code: barcodeOf(tb, '金龙鱼调和油 5L') });
    await lane.send('cart.identifyMember', { query: m.code });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await lane.send('cart.tenderStoredValue', { pin: '111111' })).error!.code);
    expect(codes).toEqual([
      'LOYALTY_PIN_WRONG',
      'LOYALTY_PIN_WRONG',
      'LOYALTY_PIN_WRONG',
      'LOYALTY_PIN_WRONG',
      'LOYALTY_PIN_LOCKED',
    ]);
    expect((await lane.send('cart.tenderStoredValue', { pin: '246810' })).error?.code).toBe('LOYALTY_PIN_LOCKED');
    const liability = await tb.api('/api/v1/loyalty/stored-value/liability', { token: manager });
    expect(liability.body.data.at(-1)).toMatchObject({
      closingPrincipalFen: account.principalFen,
      closingBonusFen: account.bonusFen,
    });
    lane.close();
  });
});

describe('dormant-member campaign', () => {
  it('tags 沉睡 at night, issues wake-up coupons to the segment, and counts the one redeemed at the lane', async () => {
    const m = (await tb.api('/api/v1/members', { token: manager, body: { phone: '13544440001' } })).body.data.member;
    tb.clock.advanceDays(100);
    manager = await tb.login('manager1', 'manager1pass');
    const tags = await tb.api('/api/v1/loyalty/jobs/tags', { token: manager, method: 'POST' });
    expect(tags.body.data.members).toBeGreaterThan(0);
    expect(stores().members.byId(m.id)!.tags.auto).toContain('沉睡');
    const template = {
      id: 'WAKE-30-5',
      name: '唤醒券 满30减5',
      effect: { kind: 'amount-off', amountFen: 500, thresholdFen: 3000 },
      scope: { categoryPaths: [], skus: [] },
      validity: { kind: 'relative', days: 14, startsAfterDays: 0 },
      perSaleLimit: 1,
      perMemberLimit: 1,
      restorePolicy: 'full-refund',
    };
    expect((await tb.api('/api/v1/coupons/templates', { token: manager, body: template })).status).toBe(201);
    const started = await tb.api('/api/v1/campaigns', {
      token: manager,
      body: {
        id: 'wake-up-1',
        name: '沉睡唤醒',
        segment: { tag: '沉睡' },
        holdoutBp: 0,
        action: { kind: 'coupon', templateId: 'WAKE-30-5' },
        days: 14,
      },
    });
    expect(started.status).toBe(201);
    expect(started.body.data.coupons).toBe(started.body.data.target);
    const wake = stores()
      .coupons.ofMember(m.id)
      .find((c) => c.templateId === 'WAKE-30-5')!;
    expect(wake.source).toEqual({ kind: 'campaign', refId: 'wake-up-1' });

    const lane = await openLane(tb, 'L02');
    await buy(lane, m.id, [['金龙鱼调和油 5L', 1]]);
    // the welcome coupon (满50减10) lapsed after 30 days; the wake-up coupon applied by itself
    expect(stores().coupons.byId(wake.id)!.status).toBe('redeemed');
    const effect = await tb.api('/api/v1/campaigns/wake-up-1/effect', { token: manager });
    expect(effect.body.data.coupons).toEqual({ issued: started.body.data.coupons, redeemed: 1 });
    expect(effect.body.data.effect.target.buyers).toBe(1);
    expect(effect.body.data.effect.couponCostFen).toBe(500);
    const figures = await tb.api('/api/v1/coupons/figures', { token: manager });
    expect(figures.body.data.find((f: { templateId: string }) => f.templateId === 'WAKE-30-5')).toMatchObject({
      redeemed: 1,
    });
    lane.close();
  });

  it('the nightly tier review downgrades members whose spend left the window', async () => {
    const gold = (await tb.api('/api/v1/members?phone=13800000002', { token: manager })).body.data[0];
    expect(gold.tier.code).toBe('gold');
    tb.clock.advanceDays(365);
    manager = await tb.login('manager1', 'manager1pass');
    const review = await tb.api('/api/v1/loyalty/jobs/tiers', { token: manager, method: 'POST' });
    expect(review.body.data.changed).toBeGreaterThan(0);
    expect(stores().members.byId(gold.id)!.tier).toBe('regular');
    expect(stores().tiers.ofMember(gold.id).at(-1)).toMatchObject({
      fromCode: 'gold',
      toCode: 'regular',
      reason: 'nightly',
    });
    tb.clock.advanceDays(120); // past 2026-12-31: points earned in 2025 lapse (end of next year)
    manager = await tb.login('manager1', 'manager1pass');
    const expiry = await tb.api('/api/v1/loyalty/jobs/points-expiry', { token: manager, method: 'POST' });
    expect(expiry.body.data.members).toBeGreaterThan(0);
    expect((await tb.api('/api/v1/loyalty/verify', { token: manager, method: 'POST' })).body.data.ok).toBe(true);
  });
});
