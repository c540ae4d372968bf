import mqtt from 'mqtt';
import { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, useTestBox, type TestBox } from '../support/test-box.ts';
import { connectMqtt, pairDevice, waitFor } from '../devices/device-test-kit.ts';

const t = useTestBox();

async function createManager(t: TestBox, admin: string, username: string): Promise<number> {
  const r = await t.api('/api/v1/staff', {
    token: admin,
    body: { username, displayName: username, role: 'manager', password: `${username}-pass` },
  });
  expect(r.status).toBe(201);
  return r.body.data.id as number;
}

async function openSocket(url: string): Promise<{ ws: WebSocket; closed: () => boolean }> {
  const ws = new WebSocket(url);
  let closed = false;
  ws.on('close', () => (closed = true));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, closed: () => closed };
}

/** Everything a staff user can hold open: an HTTP session, a lane WebSocket, the event stream and an MQTT connection. */
async function openEverything(t: TestBox, username: string) {
  const password = `${username}-pass`;
  const console = await t.login(username, password);
  const laneLogin = await t.api('/api/v1/auth/login', { body: { username, password, laneId: 'L01' } });
  expect(laneLogin.status).toBe(200);
  const lane = await openSocket(`ws://127.0.0.1:${t.box.http.port}/ws/lane?token=${laneLogin.body.data.token}`);
  const events = await openSocket(`ws://127.0.0.1:${t.box.http.port}/ws/events?token=${console}`);
  const { client } = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, { username, password });
  let mqttClosed = false;
  client!.on('close', () => (mqttClosed = true));
  return { console, lane, events, mqtt: client!, mqttClosed: () => mqttClosed };
}

describe('a staff user whose role or status changes loses every open session at once', () => {
  it('demoting a manager to cashier ends their HTTP sessions, lane and event WebSockets and MQTT connection', async () => {
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const id = await createManager(t, admin, 'demoted1');
    const open = await openEverything(t, 'demoted1');
    expect((await t.api('/api/v1/auth/me', { token: open.console })).status).toBe(200);

    const changed = await t.api(`/api/v1/staff/${id}`, { method: 'PATCH', token: admin, body: { role: 'cashier' } });
    expect(changed.status).toBe(200);

    await waitFor('the MQTT connection closed', () => open.mqttClosed());
    await waitFor('the lane WebSocket closed', () => open.lane.closed());
    await waitFor('the event stream closed', () => open.events.closed());
    const me = await t.api('/api/v1/auth/me', { token: open.console });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('AUTH_TOKEN_INVALID');
    open.mqtt.end(true);
  });

  it('deactivating a manager closes their open WebSockets and MQTT connection too', async () => {
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const id = await createManager(t, admin, 'leaver1');
    const open = await openEverything(t, 'leaver1');
    await createManager(t, admin, 'stayer1');
    const bystander = await openEverything(t, 'stayer1');

    const changed = await t.api(`/api/v1/staff/${id}`, { method: 'PATCH', token: admin, body: { active: false } });
    expect(changed.status).toBe(200);

    await waitFor('the MQTT connection closed', () => open.mqttClosed());
    await waitFor('the lane WebSocket closed', () => open.lane.closed());
    await waitFor('the event stream closed', () => open.events.closed());
    // only that user: another manager's connections stay
    expect(bystander.mqtt.connected).toBe(true);
    expect(bystander.lane.closed()).toBe(false);
    expect(bystander.events.closed()).toBe(false);
    expect((await t.api('/api/v1/auth/me', { token: bystander.console })).status).toBe(200);
    open.mqtt.end(true);
    await bystander.mqtt.endAsync();
    bystander.lane.ws.close();
    bystander.events.ws.close();
  });
});

describe('every cash drawer opening is audited, whatever the path', () => {
  it('audits a manager opening a drawer by publishing cmd/drawer over MQTT', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const creds = await pairDevice(t, manager, 'drawer-pc', 'L01');
    const { client: device } = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: creds.username,
      password: creds.password,
    });
    const commands: string[] = [];
    device!.on('message', (topic) => commands.push(topic));
    await device!.subscribeAsync('sb/S001/dev/drawer-pc/cmd/#');

    const tool = await mqtt.connectAsync(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: 'manager1',
      password: 'manager1pass',
      reconnectPeriod: 0,
    });
    await tool.publishAsync('sb/S001/dev/drawer-pc/cmd/drawer', JSON.stringify({ commandId: 'by-hand-1' }), {
      qos: 1,
    });
    await waitFor('the drawer command at the device', () => commands.includes('sb/S001/dev/drawer-pc/cmd/drawer'));

    const rows = t.box.ctx.db
      .prepare(`SELECT actor, subject, detail FROM audit_log WHERE action = 'lane.drawer_opened'`)
      .all() as { actor: string; subject: string; detail: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'manager1', subject: 'L01' });
    expect(JSON.parse(rows[0].detail)).toMatchObject({ deviceId: 'drawer-pc', via: 'mqtt' });
    await tool.endAsync();
    await device!.endAsync();
  });
});
