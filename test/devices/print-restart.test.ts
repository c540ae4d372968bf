import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../devices/simulators/virtual-printer.ts';
import { decodeEscPos } from '../../devices/testing/escpos-decoder.ts';
import { removeDir, startTestBox, TEST_ADMIN_PASSWORD, type TestBox } from '../support/test-box.ts';
import { connectMqtt, openLane, saleId, waitFor } from './device-test-kit.ts';

let t: TestBox;
let printer: VirtualPrinter;
beforeAll(async () => {
  printer = new VirtualPrinter();
  await printer.start();
  t = await startTestBox({ devices: { printRetrySeconds: 0.1 } });
});
afterAll(async () => {
  await t.stop();
  await printer.stop();
  removeDir(t.dataDir);
});

describe('print jobs across a restart', () => {
  it('a receipt waiting for paper when the box stops prints after the restart', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    expect(
      (
        await t.api('/api/v1/devices/printers', {
          token: manager,
          body: { host: '127.0.0.1', port: printer.port, name: '小票机', laneId: 'L01' },
        })
      ).status,
    ).toBe(201);
    printer.setPaperOut(true);
    const lane = await openLane(t, 'L01');
    await lane.send('cart.scan', { code: '1001', weightGrams: 800 });
    const due = (await lane.send('cart.total')).data.cart.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: due });
    const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
    lane.close();
    await waitFor('job waiting', () => t.box.devices.jobs.open().find((j) => j.status === 'waiting'));
    await t.stop();

    printer.setPaperOut(false);
    printer.clearReceived();
    t = await startTestBox({ devices: { printRetrySeconds: 0.1 } }, t.dataDir);
    await waitFor('receipt printed after restart', () =>
      decodeEscPos(printer.received()).lines.join('\n').includes(done.data.sale.receiptNo),
    );
    await waitFor('no open jobs', () => t.box.devices.jobs.open().length === 0);
  });

  it('publishes the customer display for web displays on the lane display topic (retained)', async () => {
    const lane = await openLane(t, 'L01');
    await lane.send('cart.scan', { code: '1001', weightGrams: 250 });
    const due = (await lane.send('cart.total')).data.cart.totals.dueFen;
    lane.close();
    const { client } = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: 'admin',
      password: TEST_ADMIN_PASSWORD,
    });
    const got = new Promise<string>((resolve) =>
      client!.on('message', (_topic, payload) => resolve(payload.toString())),
    );
    await client!.subscribeAsync('sb/S001/lane/L01/display');
    expect(JSON.parse(await got)).toEqual({ kind: 'total', totalFen: due });
    await client!.endAsync();
  });
});
