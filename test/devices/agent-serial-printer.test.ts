import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PtyPair } from '../../devices/simulators/pty-pair.ts';
import { VirtualPrinter } from '../../devices/simulators/virtual-printer.ts';
import { VirtualScale } from '../../devices/simulators/virtual-scale.ts';
import { commandNames, decodeEscPos } from '../../devices/testing/escpos-decoder.ts';
import { useTestBox } from '../support/test-box.ts';
import { openLane, pairedAgent, saleId, waitFor } from './device-test-kit.ts';

// A lane whose receipt printer is the agent's serial printer: the box renders the receipt and
// sends it as cmd/print; the agent prints it on a socat pty pair whose other end is a virtual
// printer, and acknowledges. Also: a printer that stops answering, the supervisor's drawer route
// (through the agent and through a network printer), and taring the lane's scale.
const t = useTestBox({ devices: { printRetrySeconds: 0.2 } });
const printerPty = new PtyPair('agent-printer');
const scalePty = new PtyPair('agent-scale');
const serialPrinter = new VirtualPrinter();
const networkPrinter = new VirtualPrinter();
let scale: VirtualScale;
let agent: Awaited<ReturnType<typeof pairedAgent>> | undefined;
let manager: string;
let lane: Awaited<ReturnType<typeof openLane>>;

beforeAll(async () => {
  await printerPty.start();
  await scalePty.start();
  await serialPrinter.attachSerial(printerPty.devicePath);
  await networkPrinter.start();
  scale = new VirtualScale({ path: scalePty.devicePath, protocol: 'mt-sics' });
  await scale.start();
  manager = await t.login('manager1', 'manager1pass');
  agent = await pairedAgent(t, {
    deviceId: 'lane1-serial',
    laneId: 'L01',
    peripherals: {
      printer: { path: printerPty.hostPath },
      scale: { path: scalePty.hostPath, protocol: 'mt-sics', pollIntervalMs: 50 },
    },
  });
  lane = await openLane(t, 'L01');
}, 30_000);

afterAll(async () => {
  lane?.close();
  await agent?.stop();
  await scale?.stop();
  await serialPrinter.stop();
  await networkPrinter.stop();
  await printerPty.stop();
  await scalePty.stop();
});

async function cashSale(): Promise<{ saleId: string; receiptNo: string }> {
  await lane.send('cart.open');
  await lane.send('cart.scan', { code: '1001', weightGrams: 500 });
  const due = (await lane.send('cart.total')).data.cart.totals.dueFen as number;
  await lane.send('cart.tenderCash', { amountFen: due + 500 });
  const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
  expect(done.ok).toBe(true);
  return done.data.sale;
}

const jobOf = (id: string) => t.box.devices.jobs.recent(100).find((j) => j.saleId === id);

describe('serial receipt printer through the agent', () => {
  it('prints a completed cash sale on the agent serial printer, with the drawer kick', async () => {
    expect(t.box.devices.laneDevices.printerOf('L01')).toMatchObject({ id: 'lane1-serial', kind: 'agent' });
    const sale = await cashSale();
    const bytes = await waitFor(
      'receipt on the serial line',
      () => {
        const b = serialPrinter.received();
        return decodeEscPos(b).lines.join('\n').includes(sale.receiptNo) &&
          commandNames(decodeEscPos(b)).some((c) => c.startsWith('cut'))
          ? b
          : undefined;
      },
      10_000,
    );
    const receipt = decodeEscPos(bytes);
    expect(receipt.lines.join('\n')).toContain('找零');
    expect(commandNames(receipt)).toContain('drawer-kick');
    const job = await waitFor('job printed', () =>
      jobOf(sale.saleId)?.status === 'printed' ? jobOf(sale.saleId) : undefined,
    );
    expect(job).toMatchObject({ deviceId: 'lane1-serial' });
  });

  it('keeps the job waiting while the printer does not answer, and prints it whole when it answers again', async () => {
    serialPrinter.clearReceived();
    serialPrinter.stopAnswering();
    const sale = await cashSale();
    const alert = await waitFor(
      'unreachable alert on the lane',
      () => lane.events.find((e) => e.kind === 'alert' && e.alert === 'printer-unreachable'),
      15_000,
    );
    expect(alert.deviceId).toBe('lane1-serial');
    const waiting = await waitFor(
      'job waiting',
      () => (jobOf(sale.saleId)?.status === 'waiting' ? jobOf(sale.saleId) : undefined),
      15_000,
    );
    expect(waiting.lastError).toBe('DEVICE_NOT_RESPONDING');
    expect(decodeEscPos(serialPrinter.received()).lines.join('\n')).not.toContain(sale.receiptNo);
    serialPrinter.answerAgain();
    await waitFor(
      'resumed receipt',
      () => decodeEscPos(serialPrinter.received()).lines.join('\n').includes(sale.receiptNo),
      15_000,
    );
    await waitFor(
      'resumed alert',
      () => lane.events.find((e) => e.kind === 'alert' && e.alert === 'print-resumed'),
      10_000,
    );
    await waitFor('job printed after resuming', () => jobOf(sale.saleId)?.status === 'printed');
  }, 40_000);
});

describe('opening a drawer by hand', () => {
  it('a supervisor opens the lane drawer through the agent, and it is audited', async () => {
    serialPrinter.clearReceived();
    const supervisor = await t.login('super1', 'super1pass');
    const opened = await t.api('/api/v1/devices/lanes/L01/drawer', {
      token: supervisor,
      body: { reason: '找零备用金' },
    });
    expect(opened).toMatchObject({ status: 200, body: { ok: true, data: { deviceId: 'lane1-serial' } } });
    expect(commandNames(decodeEscPos(serialPrinter.received()))).toContain('drawer-kick');
    const audit = await t.api('/api/v1/audit?limit=20', { token: manager });
    expect(audit.body.data.find((e: any) => e.action === 'lane.drawer_opened')).toMatchObject({
      actor: 'super1',
      subject: 'L01',
      detail: { deviceId: 'lane1-serial', reason: '找零备用金', ok: true },
    });
  });

  it('refuses a cashier, an unknown lane and a lane without a drawer', async () => {
    const cashier = await t.login('cashier1', 'cashier1pass');
    const supervisor = await t.login('super1', 'super1pass');
    expect((await t.api('/api/v1/devices/lanes/L01/drawer', { token: cashier, body: {} })).status).toBe(403);
    expect((await t.api('/api/v1/devices/lanes/L99/drawer', { token: supervisor, body: {} })).body.error).toMatchObject(
      { code: 'DEVICE_LANE_UNKNOWN' },
    );
    const none = await t.api('/api/v1/devices/lanes/L02/drawer', { token: supervisor, body: {} });
    expect(none).toMatchObject({ status: 409, body: { error: { code: 'DEVICE_NO_DRAWER' } } });
  });

  it('opens a drawer through the lane network printer at once, without a print job', async () => {
    const added = await t.api('/api/v1/devices/printers', {
      token: manager,
      body: { host: networkPrinter.host, port: networkPrinter.port, name: '2号小票机', laneId: 'L02' },
    });
    expect(added.status).toBe(201);
    const jobsBefore = (await t.api('/api/v1/devices/print-jobs', { token: manager })).body.data.length;
    const supervisor = await t.login('super1', 'super1pass');
    const opened = await t.api('/api/v1/devices/lanes/L02/drawer', { token: supervisor, body: {} });
    expect(opened.body.data).toEqual({ deviceId: added.body.data.id });
    expect(commandNames(decodeEscPos(networkPrinter.received()))).toEqual(expect.arrayContaining(['drawer-kick']));
    expect((await t.api('/api/v1/devices/print-jobs', { token: manager })).body.data).toHaveLength(jobsBefore);
  });

  it("answers the printer's refusal instead of opening later when the network printer refuses", async () => {
    networkPrinter.setCoverOpen(true);
    networkPrinter.clearReceived();
    const supervisor = await t.login('super1', 'super1pass');
    const refused = await t.api('/api/v1/devices/lanes/L02/drawer', { token: supervisor, body: {} });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'PRINTER_COVER_OPEN' } } });
    networkPrinter.setCoverOpen(false);
    // nothing was queued that could open the drawer once the cover is closed
    const printerId = t.box.devices.laneDevices.printerOf('L02')!.id;
    expect(t.box.devices.jobs.recent(100).filter((j) => j.deviceId === printerId)).toEqual([]);
    expect(commandNames(decodeEscPos(networkPrinter.received()))).not.toContain('drawer-kick');
  });
});

describe('taring the lane scale', () => {
  it('tares through the agent; a cashier of another lane is refused', async () => {
    scale.place(180);
    await waitFor(
      'weight at the box',
      () => lane.events.some((e) => e.kind === 'weight' && e.grams === 180 && e.stable) || undefined,
    );
    const cashier = await t.login('cashier1', 'cashier1pass');
    const tared = await t.api('/api/v1/devices/lanes/L01/tare', { token: cashier, body: { action: 'tare' } });
    expect(tared).toMatchObject({ status: 200, body: { data: { deviceId: 'lane1-serial' } } });
    expect(scale.netGrams).toBe(0);
    const r = await t.api('/api/v1/auth/login', {
      body: { username: 'cashier2', password: 'cashier2pass', laneId: 'L02' },
    });
    expect(
      (await t.api('/api/v1/devices/lanes/L01/tare', { token: r.body.data.token, body: { action: 'zero' } })).status,
    ).toBe(403);
    expect(
      (await t.api('/api/v1/devices/lanes/L02/tare', { token: r.body.data.token, body: { action: 'zero' } })).body.error
        .code,
    ).toBe('DEVICE_NO_SCALE');
  });
});
