import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../devices/agent/agent-config.ts';
import { DeviceAgent } from '../../devices/agent/device-agent.ts';
import { startVirtualLane, type VirtualLane } from '../../devices/simulators/virtual-lane.ts';
import { commandNames, decodeEscPos } from '../../devices/testing/escpos-decoder.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { openLane, saleId, waitFor } from './device-test-kit.ts';

// The store's day end to end: the real box (MQTT over TLS on an ephemeral port), an in-process
// device agent with a virtual scale, display and scanner on socat pty pairs, and a virtual
// network printer on TCP that the box drives itself.
let t: TestBox;
let store: VirtualLane;
let agent: DeviceAgent;
let manager: string;
let lane: Awaited<ReturnType<typeof openLane>>;
const codes: string[] = [];
const consoleEvents: any[] = [];
let consoleWs: WebSocket;

beforeAll(async () => {
  t = await startTestBox({ mqtt: { port: 0, tlsPort: 0 }, devices: { printRetrySeconds: 0.2 } });
  manager = await t.login('manager1', 'manager1pass');
  store = await startVirtualLane({ scaleProtocol: 'toledo-8217', displayProtocol: 'cd5220' });
  const config = parseAgentConfig({
    box: { host: '127.0.0.1', apiPort: t.box.http.port },
    stateDir: mkdtempSync(join(tmpdir(), 'agent-state-')),
    deviceId: 'lane1-agent',
    name: '1号收银机',
    laneHint: 'L01',
    reconnectMinMs: 100,
    peripherals: {
      scale: { path: store.paths.scale, protocol: 'toledo-8217', pollIntervalMs: 50 },
      display: { path: store.paths.display, protocol: 'cd5220' },
      scanner: { path: store.paths.scanner },
    },
  });
  agent = new DeviceAgent({ config, log: pino({ level: 'silent' }), onPairingCode: (c) => codes.push(c) });
  await agent.start();
  consoleWs = new WebSocket(`ws://127.0.0.1:${t.box.http.port}/ws/events?token=${manager}`);
  consoleWs.on('message', (raw) => consoleEvents.push(JSON.parse(raw.toString())));
  await new Promise((r) => consoleWs.once('open', r));
}, 30_000);

afterAll(async () => {
  lane?.close();
  consoleWs?.close();
  await agent?.stop();
  await store?.stop();
  await t?.stop();
  removeDir(t.dataDir);
});

/** The print job of a sale as the console lists it, once it has `status` (the queue settles it asynchronously). */
async function printJobOf(saleId: string, status: string) {
  const jobs = await t.api('/api/v1/devices/print-jobs', { token: manager });
  const job = (jobs.body.data as Array<{ saleId: string; status: string }>).find((j) => j.saleId === saleId);
  return job?.status === status ? job : undefined;
}

describe('the store day with devices', () => {
  it('pairs the agent with the code it shows, and it comes online over pinned TLS', async () => {
    const code = await waitFor('pairing code', () => codes[0]);
    const approved = await t.api('/api/v1/devices/lane1-agent/approve', {
      token: manager,
      body: { code, laneId: 'L01' },
    });
    expect(approved.body.data).toMatchObject({
      status: 'approved',
      laneId: 'L01',
      capabilities: ['scale', 'display', 'scanner'],
    });
    await waitFor('agent online', () => t.box.devices.hub.isOnline('lane1-agent'), 10_000);
    expect(agent.phase).toBe('online');
    expect(t.box.broker.tlsPort).toBeGreaterThan(0);
    await waitFor('presence on the console stream', () =>
      consoleEvents.some(
        (e) => e.topic === 'device.presence' && e.payload.deviceId === 'lane1-agent' && e.payload.online,
      ),
    );
  });

  it('uses a stable scale weight for a weighed item and shows it on the lane screen', async () => {
    lane = await openLane(t, 'L01');
    await lane.send('cart.open');
    store.scale.place(1234);
    await waitFor('stable weight', () => t.box.devices.hub.stableWeight('L01') === 1234);
    // the WebSocket push may land a moment after the hub has the weight
    await waitFor('weight on the lane screen', () =>
      lane.events.some((e) => e.kind === 'weight' && e.grams === 1234 && e.stable),
    );
    const scanned = await lane.send('cart.scan', { code: '1001' });
    expect(scanned.ok).toBe(true);
    const line = scanned.data.cart.lines.at(-1);
    expect(line).toMatchObject({ unit: 'kg', quantity: 1234 });
    // the customer display shows the item just scanned
    await waitFor(
      'display item',
      () =>
        store.display.lines()[0].trim().length > 0 && store.display.lines().join('').includes(line.name.zh.slice(0, 2)),
    );
    store.scale.place(0);
  });

  it('passes a serial scan to the lane screen', async () => {
    store.scanner.scan('6901234567892');
    const scan = await waitFor('scan event', () => lane.events.find((e) => e.kind === 'scan'));
    expect(scan).toMatchObject({ code: '6901234567892' });
  });

  it('prints the receipt of a completed cash sale on the lane network printer, with the drawer kick', async () => {
    const added = await t.api('/api/v1/devices/printers', {
      token: manager,
      body: { host: store.printer.host, port: store.printer.port, name: '1号小票机', laneId: 'L01', paperWidth: 58 },
    });
    expect(added.status).toBe(201);
    const total = await lane.send('cart.total');
    const due = total.data.cart.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: due + 1000 });
    const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
    expect(done.ok).toBe(true);
    const bytes = await waitFor('receipt bytes', () => {
      const b = store.printer.received();
      return decodeEscPos(b).commands.some((c) => c.name.startsWith('cut')) ? b : undefined;
    });
    const receipt = decodeEscPos(bytes);
    const text = receipt.lines.join('\n');
    expect(text).toContain(done.data.sale.receiptNo);
    expect(text).toContain('找零');
    expect(text).toContain('10.00');
    expect(commandNames(receipt)).toContain('drawer-kick');
    await waitFor('display change', () => store.display.lines().join(' ').includes('10.00'));
    // the job is marked printed after the printer's status reply that follows the last byte: wait for it
    const job = await waitFor('the print job marked printed', () => printJobOf(done.data.sale.saleId, 'printed'));
    expect(job).toMatchObject({ status: 'printed', lastError: null });
  });

  it('raises paper out on the lane and the console, waits, and resumes the job when paper is back', async () => {
    store.printer.clearReceived();
    store.printer.setPaperOut(true);
    await lane.send('cart.scan', { code: '1001', weightGrams: 500 });
    const total = await lane.send('cart.total');
    const due = total.data.cart.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: due });
    const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
    expect(done.ok).toBe(true);
    await waitFor('paper-out alert on the lane', () =>
      lane.events.find((e) => e.kind === 'alert' && e.alert === 'paper-out'),
    );
    await waitFor('paper-out alert on the console', () =>
      consoleEvents.find((e) => e.topic === 'device.alert' && e.payload.kind === 'paper-out'),
    );
    const waiting = await waitFor('the print job waiting', () => printJobOf(done.data.sale.saleId, 'waiting'));
    expect(waiting).toMatchObject({ status: 'waiting', lastError: 'PRINTER_PAPER_OUT' });
    store.printer.setPaperOut(false);
    await waitFor('resumed receipt', () =>
      decodeEscPos(store.printer.received()).lines.join('\n').includes(done.data.sale.receiptNo),
    );
    await waitFor('resumed alert', () => lane.events.find((e) => e.kind === 'alert' && e.alert === 'print-resumed'));
  });

  it('disconnects a revoked agent at once and the agent goes back to pairing', async () => {
    const revoked = await t.api('/api/v1/devices/lane1-agent/revoke', { token: manager, body: {} });
    expect(revoked.body.data.status).toBe('revoked');
    expect(t.box.devices.hub.isOnline('lane1-agent')).toBe(false);
    await waitFor('offline alert', () => lane.events.find((e) => e.kind === 'alert' && e.alert === 'offline'));
    await waitFor('a new pairing code', () => codes.length >= 2 && codes[1], 10_000);
    expect(agent.phase).toBe('pairing');
  });
});
