import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canTransition,
  checkCouponsForSale,
  checkCouponUsable,
  claimFissionShare,
  couponFigures,
  couponsExpiringSoon,
  couponsForEvent,
  couponWindow,
  expireCoupons,
  issueCoupon,
  redeemCoupon,
  restoreCoupon,
  splitFissionPacket,
  type CouponInstance,
  type CouponTemplate,
  type FissionPacket,
} from './index.ts';

const nextVisit: CouponTemplate = {
  id: 'next-100-20',
  name: '满100减20',
  effect: { kind: 'amount-off', amountFen: 2000, thresholdFen: 10000 },
  scope: { categoryPaths: [], skus: [] },
  validity: { kind: 'relative', days: 30, startsAfterDays: 1 },
  perSaleLimit: 1,
  perMemberLimit: 2,
  issueLimit: 1000,
  restorePolicy: 'full-refund',
};
const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
const issue = (id: string, date = '2025-03-01', memberId = 'm1', time = '10:00') => {
  const r = issueCoupon(
    nextVisit,
    { id, memberId, at: at(date, time), source: { kind: 'next-visit', refId: 'sale-1' } },
    { issuedTotal: 0, issuedToMember: 0 },
  );
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

describe('coupon lifecycle', () => {
  it('windows: relative (next visit starts tomorrow, 30 days) and fixed', () => {
    expect(couponWindow(nextVisit.validity, '2025-03-01')).toEqual({ validFrom: '2025-03-02', validTo: '2025-03-31' });
    expect(couponWindow({ kind: 'fixed', from: '2025-05-01', to: '2025-05-05' }, '2025-03-01')).toEqual({
      validFrom: '2025-05-01',
      validTo: '2025-05-05',
    });
  });
  it('issues within limits', () => {
    const cmd = { id: 'c1', memberId: 'm1', at: at('2025-03-01'), source: { kind: 'manual' as const } };
    expect(issueCoupon(nextVisit, cmd, { issuedTotal: 1000, issuedToMember: 0 })).toMatchObject({
      ok: false,
      code: 'LOYALTY_COUPON_ISSUE_LIMIT',
    });
    expect(issueCoupon(nextVisit, cmd, { issuedTotal: 5, issuedToMember: 2 })).toMatchObject({
      ok: false,
      code: 'LOYALTY_COUPON_MEMBER_LIMIT',
      params: { limit: 2 },
    });
    expect(
      issueCoupon({ ...nextVisit, validity: { kind: 'fixed', from: '2025-01-01', to: '2025-02-01' } }, cmd, {
        issuedTotal: 0,
        issuedToMember: 0,
      }),
    ).toMatchObject({ ok: false, code: 'LOYALTY_COUPON_EXPIRED' });
    expect(issue('c1')).toMatchObject({ status: 'issued', validFrom: '2025-03-02', validTo: '2025-03-31' });
  });
  it('checks status, window and owner', () => {
    const c = issue('c1');
    expect(checkCouponUsable(c, 'm1', '2025-03-01')).toEqual({
      ok: false,
      code: 'LOYALTY_COUPON_NOT_YET_VALID',
      field: 'couponId',
      params: { validFrom: '2025-03-02' },
    });
    expect(checkCouponUsable(c, 'm2', '2025-03-05')).toMatchObject({ ok: false, code: 'LOYALTY_COUPON_NOT_OWNER' });
    expect(checkCouponUsable(c, 'm1', '2025-04-01')).toMatchObject({ ok: false, code: 'LOYALTY_COUPON_EXPIRED' });
    expect(checkCouponUsable(c, 'm1', '2025-03-31').ok).toBe(true);
  });
  it('limits coupons of one template per sale', () => {
    const templates = new Map([[nextVisit.id, nextVisit]]);
    const a = issue('a');
    const b = issue('b');
    expect(checkCouponsForSale([a], templates, 'm1', '2025-03-10').ok).toBe(true);
    expect(checkCouponsForSale([a, b], templates, 'm1', '2025-03-10')).toEqual({
      ok: false,
      code: 'LOYALTY_COUPON_SALE_LIMIT',
      field: 'coupons[1]',
      params: { limit: 1 },
    });
    expect(
      checkCouponsForSale([a, a], new Map([[nextVisit.id, { ...nextVisit, perSaleLimit: 5 }]]), 'm1', '2025-03-10'),
    ).toMatchObject({ ok: false, code: 'LOYALTY_COUPON_SALE_LIMIT' });
  });
  it('issued → redeemed → restored (full refund policy) → redeemed; expired is final', () => {
    const c = issue('c1');
    const red = redeemCoupon(c, {
      memberId: 'm1',
      at: at('2025-03-05'),
      saleId: 's9',
      discountFen: 2000,
      saleNetFen: 12000,
    });
    expect(red).toMatchObject({ ok: true, value: { status: 'redeemed', saleId: 's9' } });
    if (!red.ok) return;
    expect(
      redeemCoupon(red.value, {
        memberId: 'm1',
        at: at('2025-03-06'),
        saleId: 's10',
        discountFen: 2000,
        saleNetFen: 12000,
      }),
    ).toMatchObject({ ok: false, code: 'LOYALTY_COUPON_USED' });
    expect(restoreCoupon(red.value, nextVisit, { at: at('2025-03-07'), fullRefund: false })).toMatchObject({
      ok: false,
      code: 'LOYALTY_COUPON_NOT_RESTORABLE',
    });
    const back = restoreCoupon(red.value, nextVisit, { at: at('2025-03-07'), fullRefund: true });
    expect(back).toMatchObject({ ok: true, value: { status: 'restored' } });
    if (!back.ok) return;
    expect(back.value.saleId).toBeUndefined();
    expect(
      restoreCoupon(red.value, { ...nextVisit, restorePolicy: 'never' }, { at: at('2025-03-07'), fullRefund: true }).ok,
    ).toBe(false);
    expect(
      redeemCoupon(back.value, {
        memberId: 'm1',
        at: at('2025-03-08'),
        saleId: 's11',
        discountFen: 2000,
        saleNetFen: 15000,
      }).ok,
    ).toBe(true);
    expect(expireCoupons([back.value, red.value, c], '2025-04-01').map((x) => [x.id, x.status])).toEqual([
      ['c1', 'expired'],
      ['c1', 'expired'],
    ]);
    expect(canTransition('expired', 'issued')).toBe(false);
    expect(canTransition('redeemed', 'expired')).toBe(false);
  });
  it('selects coupons expiring within N days', () => {
    const soon = couponsExpiringSoon([issue('a', '2025-03-01'), issue('b', '2025-03-20')], '2025-03-25', 7);
    expect(soon.map((c) => c.id)).toEqual(['a']);
  });
});

describe('issuance rules', () => {
  const rules = [
    { id: 'welcome', trigger: 'new-member' as const, templateId: 'new-50-10', quantity: 1 },
    { id: 'next', trigger: 'after-sale' as const, templateId: 'next-100-20', quantity: 1, minSaleFen: 10000 },
    { id: 'bday-gold', trigger: 'birthday' as const, templateId: 'bday', quantity: 1, tierCodes: ['gold', 'diamond'] },
  ];
  it('answers lifecycle events', () => {
    expect(couponsForEvent(rules, { trigger: 'new-member' })).toEqual([
      { ruleId: 'welcome', templateId: 'new-50-10', quantity: 1, source: 'welcome' },
    ]);
    expect(couponsForEvent(rules, { trigger: 'after-sale', saleNetFen: 9999 })).toEqual([]);
    expect(couponsForEvent(rules, { trigger: 'after-sale', saleNetFen: 10000 })).toMatchObject([
      { templateId: 'next-100-20', source: 'next-visit' },
    ]);
    expect(couponsForEvent(rules, { trigger: 'birthday', tierCode: 'silver' })).toEqual([]);
    expect(couponsForEvent(rules, { trigger: 'birthday', tierCode: 'gold' })).toHaveLength(1);
  });
});

describe('fission red packets', () => {
  it('splits ¥20 among 3 sharers exactly and reproducibly, at least ¥1 each', () => {
    const shares = splitFissionPacket('pk-1', 2000, 3, 100);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(shares.every((s) => s >= 100)).toBe(true);
    expect(splitFissionPacket('pk-1', 2000, 3, 100)).toEqual(shares);
    expect(() => splitFissionPacket('pk-1', 200, 3, 100)).toThrow(RangeError);
  });
  it('any packet: shares sum to the total and respect the minimum', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 100_000 }),
        (id, n, min, extra) => {
          const shares = splitFissionPacket(id, n * min + extra, n, min);
          expect(shares).toHaveLength(n);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(n * min + extra);
          expect(Math.min(...shares)).toBeGreaterThanOrEqual(min);
        },
      ),
    );
  });
  it('one share per member until the packet is empty', () => {
    let p: FissionPacket = { id: 'pk', templateId: 't', shares: [700, 600, 700], claims: [] };
    for (const m of ['a', 'b', 'c']) {
      const r = claimFissionShare(p, m);
      if (!r.ok) throw new Error(r.code);
      p = r.value.packet;
    }
    expect(claimFissionShare(p, 'a')).toMatchObject({ ok: false, code: 'LOYALTY_PACKET_ALREADY_CLAIMED' });
    expect(claimFissionShare(p, 'd')).toMatchObject({ ok: false, code: 'LOYALTY_PACKET_EXHAUSTED' });
    expect(p.claims).toEqual([
      { memberId: 'a', shareIndex: 0 },
      { memberId: 'b', shareIndex: 1 },
      { memberId: 'c', shareIndex: 2 },
    ]);
  });
});

describe('coupon figures', () => {
  it('issued, redeemed, 核销率, sales driven, cost, ROI, by hour issued', () => {
    const redeemed = (c: CouponInstance, net: number) => {
      const r = redeemCoupon(c, {
        memberId: c.memberId,
        at: at('2025-03-05'),
        saleId: `s-${c.id}`,
        discountFen: 2000,
        saleNetFen: net,
      });
      if (!r.ok) throw new Error(r.code);
      return r.value;
    };
    const coupons = [
      redeemed(issue('a', '2025-03-01', 'm1', '20:15'), 15000),
      redeemed(issue('b', '2025-03-01', 'm2', '20:40'), 10000),
      issue('c', '2025-03-01', 'm3', '09:00'),
    ];
    const [f] = couponFigures(coupons);
    expect(f).toMatchObject({
      templateId: 'next-100-20',
      issued: 3,
      redeemed: 2,
      redemptionRateBp: 6667,
      salesDrivenFen: 25000,
      costFen: 4000,
      roiBp: 62500,
    });
    expect(f.byHourIssued[20]).toEqual({ hour: 20, issued: 2, redeemed: 2 });
    expect(f.byHourIssued[9]).toEqual({ hour: 9, issued: 1, redeemed: 0 });
  });
});
