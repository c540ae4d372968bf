import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, type TestBox } from '../support/test-box.ts';
import { barcodeOf, startLoyaltyBox, type TestClock } from './loyalty-box.ts';
import { openLane, saleId } from '../support/lane-client.ts';

let tb: TestBox & { clock: TestClock };
let cashier: string;
let manager: string;

beforeAll(async () => {
  tb = await startLoyaltyBox();
  cashier = await tb.login('cashier1', 'cashier1pass');
  manager = await tb.login('manager1', 'manager1pass');
});
afterAll(async () => {
  await tb.stop();
  removeDir(tb.dataDir);
});

describe('members API', () => {
  it('registers with a normalised phone, 100 points and the welcome coupon; refuses a taken or invalid phone', async () => {
    const r = await tb.api('/api/v1/members', {
      token: cashier,
      body: { phone: '+86 139-1234-5678', name: '赵六', birthday: '1990-05-01' },
    });
    expect(r.status).toBe(201);
    expect(r.body.data.member).toMatchObject({
      phone: '139****5678',
      pointsBalance: 100,
      tier: { code: 'regular', name: '普通' },
    });
    expect(r.body.data.welcomeCoupons).toHaveLength(1);
    expect(tb.box.loyalty.stores.coupons.byId(r.body.data.welcomeCoupons[0])?.templateId).toBe('WELCOME-50-10');
    const again = await tb.api('/api/v1/members', { token: cashier, body: { phone: '13912345678' } });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'MEMBER_PHONE_TAKEN', field: 'phone' } } });
    const bad = await tb.api('/api/v1/members', { token: cashier, body: { phone: '12345' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'MEMBER_PHONE_INVALID', field: 'phone' } } });
  });

  it('looks up by phone, suffix and code with the phone masked; a manager opening the profile sees it whole (audited)', async () => {
    const byPhone = await tb.api('/api/v1/members?phone=13800000002', { token: cashier });
    expect(byPhone.body.data).toHaveLength(1);
    const { id, code } = byPhone.body.data[0];
    expect(byPhone.body.data[0].phone).toBe('138****0002');
    const bySuffix = await tb.api('/api/v1/members?suffix=0002', { token: cashier });
    expect(bySuffix.body.data.map((m: { id: string }) => m.id)).toEqual([id]);
    const byCode = await tb.api(`/api/v1/members?code=${code.toLowerCase()}`, { token: cashier });
    expect(byCode.body.data[0].id).toBe(id);
    expect(JSON.stringify([byPhone.body, bySuffix.body, byCode.body])).not.toContain('13800000002');

    const asCashier = await tb.api(`/api/v1/members/${id}`, { token: cashier });
    expect(asCashier.body.data.phone).toBe('138****0002');
    const asManager = await tb.api(`/api/v1/members/${id}`, { token: manager });
    expect(asManager.body.data.phone).toBe('13800000002');
    expect(asManager.body.data.tier.code).toBe('gold');
    const audit = tb.box.ctx.db
      .prepare("SELECT actor FROM audit_log WHERE action = 'member.profile_opened' AND subject = ?")
      .all(id);
    expect(audit).toEqual([{ actor: 'manager1' }]);
    expect((await tb.api('/api/v1/members?suffix=12', { token: cashier })).body.error.code).toBe(
      'MEMBER_QUERY_INVALID',
    );
  });

  it('registers at the lane right after payment: the sale is attached and earns its points in the same step', async () => {
    const lane = await openLane(tb, 'L02');
    await lane.send('cart.scan', { code: barcodeOf(tb, '金龙鱼调和油 5L') });
    const total = await lane.send('cart.total');
    const due = total.data.cart!.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: due });
    const sale = (await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due })).data.sale;
    const reg = await lane.send('member.register', { phone: '13700001111', saleId: sale!.saleId });
    expect(reg.ok).toBe(true);
    expect(reg.data.pointsEarned).toBe(Math.floor(due / 100));
    const memberId = (await tb.api(`/api/v1/sales/${sale!.saleId}`, { token: cashier })).body.data.memberId as string;
    expect(tb.box.loyalty.stores.members.byId(memberId)).toMatchObject({
      pointsBalance: 100 + Math.floor(due / 100),
      orderCount: 1,
    });
    // a second attach of the same sale is refused and writes nothing (no second member)
    const twice = await lane.send('member.register', { phone: '13700002222', saleId: sale!.saleId });
    expect(twice.error?.code).toBe('MEMBER_SALE_HAS_MEMBER');
    expect((await tb.api('/api/v1/members?phone=13700002222', { token: cashier })).body.data).toEqual([]);
    lane.close();
  });

  it('refuses a referral cycle and unknown referral codes', async () => {
    const a = (await tb.api('/api/v1/members', { token: cashier, body: { phone: '13600000001' } })).body.data.member;
    const b = (
      await tb.api('/api/v1/members', { token: cashier, body: { phone: '13600000002', referralCode: a.code } })
    ).body.data.member;
    const supervisor = await tb.login('super1', 'super1pass');
    const cycle = await tb.api(`/api/v1/members/${a.id}/referrer`, {
      token: supervisor,
      body: { referralCode: b.code },
    });
    expect(cycle.body.error.code).toBe('LOYALTY_REFERRAL_CYCLE');
    expect(tb.box.loyalty.stores.members.byId(a.id)!.referrerId).toBeNull();
    const unknown = await tb.api('/api/v1/members', {
      token: cashier,
      body: { phone: '13600000003', referralCode: 'M00000009999' },
    });
    expect(unknown.body.error.code).toBe('MEMBER_REFERRER_NOT_FOUND');
  });
});
