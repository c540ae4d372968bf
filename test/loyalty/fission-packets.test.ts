import { beforeAll, describe, expect, it } from 'vitest';
import { splitFissionPacket } from '../../server/core/loyalty/index.ts';
import { useTestBox, type TestBox } from '../support/test-box.ts';
import { barcodeOf } from './loyalty-box.ts';
import { openLane, saleId, type LaneClient } from '../support/lane-client.ts';

const t = useTestBox();
let manager: string;
let supervisor: string;
let cashier: string;

beforeAll(async () => {
  manager = await t.login('manager1', 'manager1pass');
  supervisor = await t.login('super1', 'super1pass');
  cashier = await t.login('cashier1', 'cashier1pass');
});

const stores = () => t.box.loyalty.stores;
const outbox = (topic: string) =>
  (
    t.box.ctx.db.prepare('SELECT payload FROM outbox WHERE topic = ? ORDER BY seq').all(topic) as Array<{
      payload: string;
    }>
  ).map((r) => JSON.parse(r.payload));

/** Members who agreed to marketing (red-packet notices are marketing; docs/members.md). */
async function register(phone: string): Promise<{ id: string; code: string }> {
  const r = await t.api('/api/v1/members', { token: cashier, body: { phone, consent: { marketing: true } } });
  expect(r.status).toBe(201);
  return r.body.data.member;
}

async function buy(
  tb: TestBox,
  lane: LaneClient,
  memberQuery: string,
  items: Array<[string, number]>,
  dropCoupons = false,
) {
  for (const [name, quantity] of items)
    expect((await lane.send('cart.scan', { code: barcodeOf(tb, name), quantity })).ok).toBe(true);
  const identified = await lane.send('cart.identifyMember', { query: memberQuery });
  expect(identified.ok).toBe(true);
  if (dropCoupons)
    for (const c of identified.data.cart!.coupons.applied) await lane.send('cart.removeCoupon', { code: c.code });
  const total = await lane.send('cart.total');
  const due = total.data.cart!.totals.dueFen;
  await lane.send('cart.tenderCash', { amountFen: due });
  const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
  expect(done.error).toBeUndefined();
  return { saleId: done.data.sale!.saleId as string, dueFen: due as number, cart: total.data.cart };
}

describe('fission red packets (裂变红包)', () => {
  const rule = {
    id: 'share-20-3',
    templateId: 'FISSION-SHARE',
    totalFen: 2000,
    shares: 3,
    minShareFen: 100,
    minSaleFen: 5000,
    claimDays: 7,
  };

  it('rules: a manager adds one; the template must be amount-off, the total must cover the minimum shares, ids are unique', async () => {
    const percent = {
      id: 'PCT-85',
      name: '8.5折券',
      effect: { kind: 'percent-off', payBp: 8500, thresholdFen: 0 },
      scope: { categoryPaths: [], skus: [] },
      validity: { kind: 'relative', days: 7, startsAfterDays: 0 },
      perSaleLimit: 1,
      restorePolicy: 'full-refund',
    };
    expect((await t.api('/api/v1/coupons/templates', { token: manager, body: percent })).status).toBe(201);
    const notAmount = await t.api('/api/v1/fission/rules', { token: manager, body: { ...rule, templateId: 'PCT-85' } });
    expect(notAmount).toMatchObject({
      status: 422,
      body: { error: { code: 'FISSION_TEMPLATE_INVALID', field: 'templateId' } },
    });
    const tooSmall = await t.api('/api/v1/fission/rules', { token: manager, body: { ...rule, minShareFen: 700 } });
    expect(tooSmall).toMatchObject({
      status: 422,
      body: { error: { code: 'FISSION_SPLIT_INVALID', field: 'totalFen' } },
    });
    expect(tooSmall.body.error.message).toContain('¥20.00');
    expect((await t.api('/api/v1/fission/rules', { token: supervisor, body: rule })).status).toBe(403);
    expect((await t.api('/api/v1/fission/rules', { token: manager, body: { ...rule, claimDays: 0 } })).status).toBe(
      400,
    );

    const created = await t.api('/api/v1/fission/rules', { token: manager, body: rule });
    expect(created).toMatchObject({ status: 201, body: { data: { ...rule, active: true, createdBy: 'manager1' } } });
    expect((await t.api('/api/v1/fission/rules', { token: manager, body: rule })).body.error.code).toBe(
      'FISSION_RULE_EXISTS',
    );
  });

  it('a sale reaching the rule gives the member a packet split reproducibly from its id; one below it gives none', async () => {
    const owner = await register('13722220001');
    const lane = await openLane(t, 'L01');
    await buy(t, lane, owner.code, [['可口可乐 330ml', 1]]);
    expect(stores().fission.ofOwner(owner.id)).toEqual([]);
    const sale = await buy(t, lane, owner.code, [['金龙鱼调和油 5L', 1]]);
    lane.close();
    expect(sale.dueFen).toBeGreaterThanOrEqual(rule.minSaleFen);

    const mine = await t.api(`/api/v1/fission/packets?memberId=${owner.id}`, { token: cashier });
    expect(mine.body.data).toHaveLength(1);
    const packet = mine.body.data[0];
    expect(packet).toMatchObject({
      ownerId: owner.id,
      templateId: 'FISSION-SHARE',
      totalFen: 2000,
      claimed: 0,
      remaining: 3,
      source: { kind: 'sale', ref: sale.saleId, ruleId: rule.id },
    });
    expect(packet.shares).toEqual(splitFissionPacket(packet.id, 2000, 3, 100));
    expect(packet.shares.reduce((a: number, b: number) => a + b, 0)).toBe(2000);
    expect(packet.shareCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    // HQ gets the packet (the mini-app builds the share link from it) and the owner a notice
    expect(outbox('fission.packet_issued').map((p) => p.id)).toContain(packet.id);
    expect(outbox('member.notification').find((n) => n.dedupeKey === `fission-packet:${packet.id}`)).toMatchObject({
      memberId: owner.id,
      kind: 'fission-packet',
    });
  });

  it('members claim shares by the code until none is left; each share is a coupon of its amount; a newcomer is registered, referred by the owner', async () => {
    const [packet] = stores().fission.ofOwner(
      (await t.api('/api/v1/members?phone=13722220001', { token: cashier })).body.data[0].id,
    );
    const friend = await register('13722220002');

    const first = await t.api('/api/v1/fission/claims', {
      token: cashier,
      body: { shareCode: packet.shareCode.toLowerCase(), memberId: friend.id },
    });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      newMember: false,
      claim: { packetId: packet.id, shareIndex: 0, memberId: friend.id, amountFen: packet.shares[0] },
    });
    expect(stores().coupons.byId(first.body.data.claim.couponId)).toMatchObject({
      memberId: friend.id,
      templateId: 'FISSION-SHARE',
      faceValueFen: packet.shares[0],
      source: { kind: 'fission', refId: packet.id },
    });
    const again = await t.api('/api/v1/fission/claims', {
      token: cashier,
      body: { shareCode: packet.shareCode, memberId: friend.id },
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'LOYALTY_PACKET_ALREADY_CLAIMED' } } });

    const newcomer = await t.api('/api/v1/fission/claims', {
      token: cashier,
      body: { shareCode: packet.shareCode, phone: '137 2222 0003', name: '新朋友' },
    });
    expect(newcomer.status).toBe(201);
    expect(newcomer.body.data).toMatchObject({
      newMember: true,
      member: { phone: '137****0003' },
      claim: { shareIndex: 1, amountFen: packet.shares[1], newMember: true },
    });
    const registered = stores().members.byId(newcomer.body.data.member.id)!;
    expect(registered.referrerId).toBe(packet.ownerId);

    // the owner may open the link too: the third share is theirs
    expect(
      (
        await t.api('/api/v1/fission/claims', {
          token: cashier,
          body: { shareCode: packet.shareCode, memberId: packet.ownerId },
        })
      ).status,
    ).toBe(201);
    const late = await t.api('/api/v1/fission/claims', {
      token: cashier,
      body: { shareCode: packet.shareCode, phone: '13722220004' },
    });
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'LOYALTY_PACKET_EXHAUSTED' } } });
    // the refused claim registered nobody
    expect((await t.api('/api/v1/members?phone=13722220004', { token: cashier })).body.data).toEqual([]);

    const claims = await t.api(`/api/v1/fission/packets/${packet.id}/claims`, { token: cashier });
    expect(claims.body.data.map((c: { shareIndex: number; amountFen: number }) => [c.shareIndex, c.amountFen])).toEqual(
      packet.shares.map((s, i) => [i, s]),
    );
    const byCode = await t.api(`/api/v1/fission/shares/${packet.shareCode}`, { token: cashier });
    expect(byCode.body.data).toMatchObject({ id: packet.id, claimed: 3, remaining: 0, newMembers: 1 });
    expect(outbox('fission.share_claimed').filter((c) => c.packetId === packet.id)).toHaveLength(3);
    expect((await t.api('/api/v1/fission/shares/NOSUCHCODE', { token: cashier })).body.error.code).toBe(
      'FISSION_PACKET_NOT_FOUND',
    );
  });

  it('a claimed share takes its own amount off at the lane, and the newcomer’s first purchase pays the owner the referral reward', async () => {
    const friend = (await t.api('/api/v1/members?phone=13722220002', { token: cashier })).body.data[0];
    const share = stores()
      .coupons.ofMember(friend.id)
      .find((c) => c.source.kind === 'fission')!;
    const lane = await openLane(t, 'L02');
    expect((await lane.send('cart.scan', { code: barcodeOf(t, '蓝月亮洗衣液 3kg'), quantity: 1 })).ok).toBe(true);
    const cart = (await lane.send('cart.identifyMember', { query: friend.id })).data.cart;
    for (const c of cart!.coupons.applied)
      if (c.code !== share.id) await lane.send('cart.removeCoupon', { code: c.code });
    let total = (await lane.send('cart.total')).data.cart;
    if (!total!.coupons.applied.some((c: { code: string }) => c.code === share.id))
      total = (await lane.send('cart.addCoupon', { code: share.id })).data.cart;
    expect(total!.coupons.applied).toEqual([
      expect.objectContaining({ code: share.id, amountFen: share.faceValueFen }),
    ]);
    lane.close();

    const newcomer = stores().members.byPhone('13722220003')!;
    const owner = stores().members.byId(newcomer.referrerId!)!;
    const before = owner.pointsBalance;
    const lane2 = await openLane(t, 'L03');
    await buy(t, lane2, newcomer.id, [['金龙鱼调和油 5L', 1]], true);
    lane2.close();
    const reward = t.box.loyalty.program.config().referral!.firstPurchase;
    expect(reward.kind).toBe('points');
    expect(stores().members.byId(owner.id)!.pointsBalance - before).toBe(reward.kind === 'points' ? reward.points : 0);
    expect(
      stores()
        .referrals.ofBeneficiaries([owner.id])
        .some((r) => r.refereeId === newcomer.id && r.kind === 'first-purchase'),
    ).toBe(true);
  });

  it('by hand or for a campaign (supervisor), claimable through its last day only', async () => {
    const owner = await register('13722220010');
    const body = {
      memberId: owner.id,
      templateId: 'FISSION-SHARE',
      totalFen: 1000,
      shares: 2,
      minShareFen: 200,
      claimDays: 1,
    };
    expect((await t.api('/api/v1/fission/packets', { token: cashier, body })).status).toBe(403);
    expect(
      (await t.api('/api/v1/fission/packets', { token: supervisor, body: { ...body, campaignId: 'nope' } })).body.error
        .code,
    ).toBe('CAMPAIGN_NOT_FOUND');
    expect(
      (await t.api('/api/v1/fission/packets', { token: supervisor, body: { ...body, memberId: 'S001-999999' } })).body
        .error.code,
    ).toBe('MEMBER_NOT_FOUND');
    const issued = await t.api('/api/v1/fission/packets', { token: supervisor, body });
    expect(issued).toMatchObject({
      status: 201,
      body: { data: { ownerId: owner.id, source: { kind: 'manual', ref: 'super1' }, remaining: 2 } },
    });
    expect(issued.body.data.shares).toEqual(splitFissionPacket(issued.body.data.id, 1000, 2, 200));

    // a packet whose last claim day has passed (the box's clock is real: move the packet's day back)
    t.box.ctx.db
      .prepare('UPDATE fission_packet SET claim_until = ? WHERE id = ?')
      .run('2000-01-01', issued.body.data.id);
    const closed = await t.api('/api/v1/fission/claims', {
      token: cashier,
      body: { shareCode: issued.body.data.shareCode, phone: '13722220011' },
    });
    expect(closed).toMatchObject({
      status: 410,
      body: { error: { code: 'FISSION_PACKET_CLOSED', params: { claimUntil: '2000-01-01' } } },
    });
    expect(stores().members.byPhone('13722220011')).toBeUndefined();
  });

  it('a rule switched off issues no more packets', async () => {
    expect(
      (
        await t.api(`/api/v1/fission/rules/${rule.id}/active`, {
          method: 'PUT',
          token: manager,
          body: { active: false },
        })
      ).body.data.active,
    ).toBe(false);
    expect(
      (await t.api('/api/v1/fission/rules/none/active', { method: 'PUT', token: manager, body: { active: false } }))
        .body.error.code,
    ).toBe('FISSION_RULE_NOT_FOUND');
    const owner = await register('13722220020');
    const lane = await openLane(t, 'L01');
    await buy(t, lane, owner.code, [['金龙鱼调和油 5L', 1]]);
    lane.close();
    expect(stores().fission.ofOwner(owner.id)).toEqual([]);
  });
});
