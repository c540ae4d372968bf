import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, type TestBox } from '../support/test-box.ts';
import { expectNoRowsChanged } from '../support/no-rows-changed.ts';
import { barcodeOf, startLoyaltyBox, type TestClock } from './loyalty-box.ts';
import { openLane, saleId } from '../support/lane-client.ts';

let tb: TestBox & { clock: TestClock };
let manager: string;
let cashier: string;
let cashier2: string;
let phone = 13577770000;

beforeAll(async () => {
  tb = await startLoyaltyBox();
  manager = await tb.login('manager1', 'manager1pass');
  cashier = await tb.login('cashier1', 'cashier1pass');
  cashier2 = await tb.login('cashier2', 'cashier2pass');
});
afterAll(async () => {
  await tb.stop();
  removeDir(tb.dataDir);
});

const SUPERVISOR = { username: 'super1', password: 'super1pass' };
const pinPath = (id: string) => `/api/v1/members/${id}/stored-value/pin`;
const setPin = (token: string, id: string, body: Record<string, unknown>) =>
  tb.api(pinPath(id), { token, method: 'PUT', body });
const pinRows = (id: string) =>
  tb.box.ctx.db
    .prepare("SELECT actor, action, detail FROM audit_log WHERE subject = ? AND action LIKE 'stored_value.pin%'")
    .all(id) as Array<{ actor: string; action: string; detail: string }>;

/** A member with a PIN and ¥100 (+¥20 bonus) on the card, as the member set it up at the counter. */
async function memberWithBalance(pin = '135790'): Promise<{ id: string; code: string }> {
  const m = (await tb.api('/api/v1/members', { token: manager, body: { phone: String(++phone) } })).body.data.member;
  expect((await setPin(cashier, m.id, { pin })).status).toBe(200);
  const top = await tb.api(`/api/v1/members/${m.id}/stored-value/top-ups`, {
    token: manager,
    body: { amountFen: 10_000, tenderKind: 'cash' },
  });
  expect(top.status).toBe(201);
  return m;
}

describe('stored-value PIN reset', () => {
  it('a cashier cannot overwrite a member’s PIN without the old PIN or a supervisor: refused, nothing written', async () => {
    const m = await memberWithBalance();
    const r = await expectNoRowsChanged(tb.box.ctx.db, () => setPin(cashier2, m.id, { pin: '000000' }));
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'STORED_VALUE_PIN_RESET_UNAUTHORISED', field: 'oldPin' });
    expect(r.body.error.message).toContain('原支付密码');
    const lane = await openLane(tb, 'L02', 'cashier2', 'cashier2pass');
    await lane.send('cart.scan', { code: barcodeOf(tb, '金龙鱼调和油 5L') });
    await lane.send('cart.identifyMember', { query: m.code });
    expect((await lane.send('cart.tenderStoredValue', { pin: '000000' })).error?.code).toBe('LOYALTY_PIN_WRONG');
    lane.close();
  });

  it('with the old PIN the member changes it; a wrong old PIN counts towards the lockout; the audit row names the cashier and holds no PIN', async () => {
    const m = await memberWithBalance('135790');
    const wrong = await setPin(cashier, m.id, { oldPin: '999999', pin: '246802' });
    expect(wrong.body.error).toMatchObject({ code: 'LOYALTY_PIN_WRONG', params: { remaining: 4 } });
    const changed = await setPin(cashier, m.id, { oldPin: '135790', pin: '246802' });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ memberId: m.id, authorisedBy: 'old_pin' });
    const rows = pinRows(m.id).filter((r) => r.action === 'stored_value.pin_changed');
    expect(rows).toHaveLength(1);
    expect(rows[0].actor).toBe('cashier1');
    expect(JSON.parse(rows[0].detail)).toMatchObject({ authorisedBy: 'old_pin' });
    for (const r of pinRows(m.id)) expect(r.detail).not.toMatch(/135790|246802|999999/);
  });

  it('a supervisor resets a forgotten PIN from the cashier’s screen; the reset is audited with the supervisor and the new PIN pays', async () => {
    const m = await memberWithBalance();
    const badSupervisor = await setPin(cashier, m.id, {
      pin: '112233',
      supervisor: { username: 'super1', password: 'wrong-pass' },
    });
    expect(badSupervisor.body.error).toMatchObject({
      code: 'STORED_VALUE_PIN_RESET_UNAUTHORISED',
      field: 'supervisor',
    });
    const reset = await setPin(cashier, m.id, { pin: '112233', supervisor: SUPERVISOR });
    expect(reset.status).toBe(200);
    expect(reset.body.data.authorisedBy).toBe('supervisor');
    const [row] = pinRows(m.id).filter((r) => r.action === 'stored_value.pin_reset');
    expect(row).toBeDefined();
    expect(row.actor).toBe('super1');
    expect(JSON.parse(row.detail)).toMatchObject({ authorisedBy: 'supervisor', cashier: 'cashier1' });
    // the member is told, so a reset they did not make does not go unnoticed
    const notices = (
      tb.box.ctx.db.prepare("SELECT payload FROM outbox WHERE topic = 'member.notification'").all() as Array<{
        payload: string;
      }>
    )
      .map((r) => JSON.parse(r.payload))
      .filter((n) => n.memberId === m.id && n.kind === 'stored-value-pin-changed');
    expect(notices).toHaveLength(1);
    expect(notices[0].data.keyword2.value).toBe('门店主管重置');
    expect(JSON.stringify(notices[0])).not.toContain('112233');

    const lane = await openLane(tb, 'L03');
    await lane.send('cart.scan', { code: barcodeOf(tb, '金龙鱼调和油 5L') });
    await lane.send('cart.identifyMember', { query: m.code });
    const paid = await lane.send('cart.tenderStoredValue', { pin: '112233' });
    expect(paid.ok).toBe(true);
    const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: paid.data.cart!.totals.dueFen });
    expect(done.ok).toBe(true);
    lane.close();
  });

  it('the store setting storedValuePinReset=oldPinOrManager refuses a supervisor and accepts a manager', async () => {
    const set = await tb.api('/api/v1/store/settings', {
      token: manager,
      method: 'PUT',
      body: { storedValuePinReset: 'oldPinOrManager' },
    });
    expect(set.status).toBe(200);
    try {
      const m = await memberWithBalance();
      const bySupervisor = await setPin(cashier, m.id, { pin: '121212', supervisor: SUPERVISOR });
      expect(bySupervisor.body.error?.code).toBe('STORED_VALUE_PIN_RESET_UNAUTHORISED');
      const byManager = await setPin(cashier, m.id, {
        pin: '121212',
        supervisor: { username: 'manager1', password: 'manager1pass' },
      });
      expect(byManager.status).toBe(200);
    } finally {
      await tb.api('/api/v1/store/settings', {
        token: manager,
        method: 'PUT',
        body: { storedValuePinReset: 'oldPinOrSupervisor' },
      });
    }
  });

  it('resets are rate limited per member and per staff: walking the sequential member ids stops after a few', async () => {
    const m = await memberWithBalance();
    const codes: string[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await setPin(manager, m.id, { pin: `54321${i}` })).body.error?.code ?? 'ok');
    expect(codes).toEqual(['ok', 'ok', 'ok', 'STORED_VALUE_PIN_RESET_THROTTLED']);

    const supervisor = await tb.login('super1', 'super1pass');
    const members = [];
    for (let i = 0; i < 11; i++) members.push(await memberWithBalance());
    const answers: number[] = [];
    for (const x of members) answers.push((await setPin(supervisor, x.id, { pin: '777777' })).status);
    expect(answers.filter((s) => s === 200).length).toBeLessThan(answers.length);
    expect(answers.at(-1)).toBe(429);
  });
});
