import { describe, expect, it } from 'vitest';
import { useTestBox } from '../support/test-box.ts';

const t = useTestBox();

function notices(memberId: string): Array<{ kind: string; channels: { wechat: boolean; sms: boolean } }> {
  return (
    t.box.ctx.db.prepare("SELECT payload FROM outbox WHERE topic = 'member.notification'").pluck().all() as string[]
  )
    .map((p) => JSON.parse(p))
    .filter((n) => n.memberId === memberId);
}

describe('member notices honour consent', () => {
  it('sends offers only to members who agreed to marketing; service notices to all; SMS only with SMS consent', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const quiet = (await t.api('/api/v1/members', { token: manager, body: { phone: '13588880001' } })).body.data.member;
    const keen = (
      await t.api('/api/v1/members', {
        token: manager,
        body: { phone: '13588880002', consent: { marketing: true, sms: true } },
      })
    ).body.data.member;
    for (const m of [quiet, keen]) {
      expect(
        (await t.api('/api/v1/coupons/issue', { token: manager, body: { memberId: m.id, templateId: 'NEXT-100-20' } }))
          .status,
      ).toBe(201);
      expect(
        (await t.api(`/api/v1/members/${m.id}/points`, { token: manager, body: { behaviour: 'review' } })).status,
      ).toBe(201);
    }
    const quietKinds = notices(quiet.id).map((n) => n.kind);
    const keenKinds = notices(keen.id).map((n) => n.kind);
    expect(quietKinds).toContain('points-earned');
    expect(quietKinds).not.toContain('coupon-issued');
    expect(keenKinds).toEqual(expect.arrayContaining(['points-earned', 'coupon-issued']));
    expect(notices(quiet.id).every((n) => n.channels.sms === false)).toBe(true);
    expect(notices(keen.id).every((n) => n.channels.sms === true && n.channels.wechat === true)).toBe(true);
  });
});
