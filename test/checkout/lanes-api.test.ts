import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient, type LaneReply } from '../support/lane-client.ts';
import { useTestBox } from '../support/test-box.ts';
import { waitFor } from '../devices/device-test-kit.ts';

// Lanes beyond the demo's three: a manager creates, renames and retires them through the API, each
// change audited; a new lane logs in and sells at once; a retired lane keeps its history and can no
// longer log in.
const t = useTestBox();
const cola = demoProducts().find((p) => p.names.zh === '可口可乐 330ml')!;
let manager: string;
let db: Database.Database;

beforeAll(async () => {
  manager = await t.login('manager1', 'manager1pass');
  db = new Database(join(t.dataDir, 'storebox.db'), { readonly: true });
});
afterAll(() => db?.close());

const audit = (action: string) =>
  db.prepare('SELECT actor, subject, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as Array<{
    actor: string;
    subject: string;
    detail: string;
  }>;
const laneLogin = (laneId: string) =>
  t.api('/api/v1/auth/login', { body: { username: 'cashier1', password: 'cashier1pass', laneId } });

async function sellOneCola(lane: LaneClient): Promise<LaneReply<'cart.complete'>> {
  await lane.send('cart.open');
  const scanned = await lane.send('cart.scan', { code: cola.barcodes[0] });
  const due = scanned.data.cart!.totals.dueFen;
  await lane.send('cart.tenderCash', { amountFen: due });
  return lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
}

describe('lanes managed through the API', () => {
  it('adds lane L04, and a cashier logs in there and sells over the lane WebSocket at once', async () => {
    expect((await laneLogin('L04')).body.error.code).toBe('LANE_UNKNOWN');

    const created = await t.api('/api/v1/lanes', { token: manager, body: { id: 'L04', name: '4号收银台' } });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ id: 'L04', name: '4号收银台', active: true });
    const listed = await t.api('/api/v1/lanes', { token: manager });
    expect(listed.body.data.map((l: { id: string }) => l.id)).toEqual(['L01', 'L02', 'L03', 'L04']);
    expect(audit('lane.created')).toEqual([
      { actor: 'manager1', subject: 'L04', detail: JSON.stringify({ name: '4号收银台' }) },
    ]);

    const lane = await LaneClient.login(t.baseUrl, 'L04');
    const done = await sellOneCola(lane);
    lane.close();
    expect(done.ok).toBe(true);
    expect(done.data.sale!.receiptNo).toBe('S001-L04-00000001');
  });

  it('refuses bad ids and names, a taken id and a cashier, with a coded error and nothing written', async () => {
    const lanesBefore = db.prepare('SELECT count(*) AS n FROM lane').get();
    const auditBefore = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'lane.%'").get();
    for (const id of ['l05', 'L5', 'LANE-05', 'L0005', '', ' L05']) {
      const r = await t.api('/api/v1/lanes', { token: manager, body: { id, name: '5号' } });
      expect(r.status, id).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
    }
    for (const name of ['', '   ', 'x'.repeat(33)]) {
      const r = await t.api('/api/v1/lanes', { token: manager, body: { id: 'L05', name } });
      expect(r.status, JSON.stringify(name)).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    }
    const extra = await t.api('/api/v1/lanes', { token: manager, body: { id: 'L05', name: '5号', active: false } });
    expect(extra.status).toBe(400);
    const taken = await t.api('/api/v1/lanes', { token: manager, body: { id: 'L01', name: '又一个1号' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'LANE_ID_TAKEN', field: 'id' });
    expect(taken.body.error.message).toContain('L01');
    const cashier = await t.login('cashier1', 'cashier1pass');
    const forbidden = await t.api('/api/v1/lanes', { token: cashier, body: { id: 'L05', name: '5号' } });
    expect(forbidden.status).toBe(403);
    expect((await t.api('/api/v1/lanes/L01', { method: 'PATCH', token: cashier, body: { name: 'x' } })).status).toBe(
      403,
    );
    expect((await t.api('/api/v1/lanes/L01/retire', { token: cashier, body: {} })).status).toBe(403);
    expect(db.prepare('SELECT count(*) AS n FROM lane').get()).toEqual(lanesBefore);
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'lane.%'").get()).toEqual(auditBefore);
  });

  it('renames a lane, audited with the old and the new name; an unknown lane is not found', async () => {
    const renamed = await t.api('/api/v1/lanes/L04', {
      method: 'PATCH',
      token: manager,
      body: { name: ' 4号快速通道 ' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toEqual({ id: 'L04', name: '4号快速通道', active: true });
    expect(audit('lane.renamed').at(-1)).toEqual({
      actor: 'manager1',
      subject: 'L04',
      detail: JSON.stringify({ from: '4号收银台', to: '4号快速通道' }),
    });
    const unknown = await t.api('/api/v1/lanes/L99', { method: 'PATCH', token: manager, body: { name: '九十九' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'LANE_UNKNOWN', field: 'id' });
    const badName = await t.api('/api/v1/lanes/L04', { method: 'PATCH', token: manager, body: { name: ' ' } });
    expect(badName.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
  });

  it('refuses to retire a lane whose shift is open: the drawer is counted first', async () => {
    await t.api('/api/v1/lanes', { token: manager, body: { id: 'L05', name: '5号收银台' } });
    const cashier = (await laneLogin('L05')).body.data.token;
    const shift = await t.api('/api/v1/shifts', { token: cashier, body: { floatFen: 50_000 } });
    expect(shift.status).toBe(201);
    const refused = await t.api('/api/v1/lanes/L05/retire', { token: manager, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'LANE_SHIFT_OPEN', field: 'id' });
    expect(db.prepare("SELECT active FROM lane WHERE id = 'L05'").get()).toEqual({ active: 1 });
    expect((await laneLogin('L05')).status).toBe(200);
    expect(audit('lane.retired')).toEqual([]);
  });

  it('retires a lane: its cashier is logged out and its socket closed, it cannot log in again, its sales stay', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L04');
    const token = (await laneLogin('L04')).body.data.token;
    expect((await t.api('/api/v1/auth/me', { token })).status).toBe(200);
    const sessions = (
      db.prepare("SELECT count(*) AS n FROM staff_session WHERE lane_id = 'L04'").get() as { n: number }
    ).n;
    expect(sessions).toBeGreaterThanOrEqual(2);

    const retired = await t.api('/api/v1/lanes/L04/retire', { token: manager, body: {} });
    expect(retired.status).toBe(200);
    expect(retired.body.data).toEqual({ id: 'L04', name: '4号快速通道', active: false, sessionsEnded: sessions });
    expect(audit('lane.retired')).toEqual([
      { actor: 'manager1', subject: 'L04', detail: JSON.stringify({ sessionsEnded: sessions }) },
    ]);

    // the open lane screen is told and disconnected; its token and the other one no longer work
    const told = await waitFor('the retired notice on the lane', () =>
      lane.events.find((e) => e.error?.code === 'LANE_RETIRED'),
    );
    expect(told.error!.message).toContain('L04');
    expect(await lane.closed).toEqual({ code: 4403, reason: 'lane retired' });
    expect((await t.api('/api/v1/auth/me', { token })).status).toBe(401);
    const again = await laneLogin('L04');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'LANE_RETIRED', field: 'laneId' });

    // still listed, retired; its id is never given to another lane; it cannot be renamed or retired twice
    const listed = await t.api('/api/v1/lanes', { token: manager });
    expect(listed.body.data.find((l: { id: string }) => l.id === 'L04')).toEqual({
      id: 'L04',
      name: '4号快速通道',
      active: false,
    });
    expect((await t.api('/api/v1/lanes', { token: manager, body: { id: 'L04', name: '新4号' } })).body.error.code).toBe(
      'LANE_ID_TAKEN',
    );
    expect(
      (await t.api('/api/v1/lanes/L04', { method: 'PATCH', token: manager, body: { name: '新4号' } })).body.error.code,
    ).toBe('LANE_RETIRED');
    expect((await t.api('/api/v1/lanes/L04/retire', { token: manager, body: {} })).body.error.code).toBe(
      'LANE_RETIRED',
    );
    // its history stays
    expect(db.prepare("SELECT count(*) AS n FROM sale WHERE lane_id = 'L04'").get()).toEqual({ n: 1 });
  });
});
