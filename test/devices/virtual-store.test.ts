import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { startVirtualStore, type StoreLane, type VirtualStore } from '../../devices/simulators/virtual-store.ts';
import { commandNames, decodeEscPos } from '../../devices/testing/escpos-decoder.ts';
import { removeDir, useTestBox } from '../support/test-box.ts';
import { openLane, saleId, waitFor } from './device-test-kit.ts';

// `npm run simulate` from code: three virtual lanes against a real box (HTTPS and MQTT over TLS
// on), with the simulator approving its own agents as manager1 and adding each lane's printer.
const t = useTestBox({
  http: { port: 0, tlsPort: 0 },
  mqtt: { port: 0, tlsPort: 0 },
  devices: { printRetrySeconds: 0.2 },
});
const cola = demoProducts().find((p) => p.names.zh === '可口可乐 330ml')!;
let store: VirtualStore;
let stateDir: string;
const reports: string[] = [];

const lane = (laneId: string): StoreLane => store.lanes.find((l) => l.laneId === laneId)!;
const printed = (l: StoreLane) => decodeEscPos(l.devices.printer.received());

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'virtual-store-'));
  store = await startVirtualStore({
    lanes: 3,
    box: { host: '127.0.0.1', apiPort: t.box.http.port },
    approve: { username: 'manager1', password: 'manager1pass' },
    stateDir,
    agentConfig: { reconnectMinMs: 100 },
    log: pino({ level: 'silent' }),
    report: (laneId, message) => reports.push(`${laneId} ${message}`),
  });
}, 30_000);

afterAll(async () => {
  await store?.stop();
  await store?.stop();
  if (stateDir) removeDir(stateDir);
});

describe('a virtual store of three lanes', () => {
  it('brings all three agents online, each approved onto its lane, and adds each lane printer', async () => {
    expect(store.lanes.map((l) => l.laneId)).toEqual(['L01', 'L02', 'L03']);
    for (const l of store.lanes)
      await waitFor(`${l.deviceId} online`, () => t.box.devices.hub.isOnline(l.deviceId), 15_000);
    const manager = await t.login('manager1', 'manager1pass');
    const listed = (await t.api('/api/v1/devices', { token: manager })).body.data as {
      id: string;
      kind: string;
      status: string;
      laneId: string;
      address: string;
      online: boolean;
    }[];
    for (const l of store.lanes) {
      expect(listed.find((d) => d.id === l.deviceId)).toMatchObject({
        kind: 'agent',
        status: 'approved',
        laneId: l.laneId,
        online: true,
      });
      const printer = listed.filter((d) => d.kind === 'network-printer' && d.laneId === l.laneId);
      expect(printer.map((p) => p.address)).toEqual([`${l.devices.printer.host}:${l.devices.printer.port}`]);
      expect(reports).toContain(`${l.laneId} ${l.deviceId} approved onto ${l.laneId}`);
      expect(reports.some((r) => r.startsWith(`${l.laneId} pairing code `))).toBe(true);
      await waitFor(
        `${l.laneId} display cleared of its pairing code`,
        () => !l.devices.display.lines().join('').includes('配对码'),
      );
    }
    // every printer is a different TCP listener
    expect(new Set(store.lanes.map((l) => l.devices.printer.port)).size).toBe(3);
  });

  it('prints a sale completed on L02 on L02 printer only, and shows its change on L02 display only', async () => {
    const screen = await openLane(t, 'L02');
    try {
      await screen.send('cart.open');
      expect((await screen.send('cart.scan', { code: cola.barcodes[0] })).ok).toBe(true);
      const due = (await screen.send('cart.total')).data.cart.totals.dueFen as number;
      await screen.send('cart.tenderCash', { amountFen: due + 1234 });
      const done = await screen.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
      expect(done.ok).toBe(true);

      const receipt = await waitFor('L02 receipt', () => {
        const r = printed(lane('L02'));
        return commandNames(r).some((n) => n.startsWith('cut')) ? r : undefined;
      });
      const text = receipt.lines.join('\n');
      expect(text).toContain(done.data.sale.receiptNo);
      expect(text).toContain('12.34');
      expect(commandNames(receipt)).toContain('drawer-kick');
      await waitFor(
        'change on the L02 display',
        () => lane('L02').devices.display.lines().join(' ').includes('12.34'),
        10_000,
      );

      for (const other of ['L01', 'L03'].map(lane)) {
        const r = printed(other);
        expect(r.lines.join('\n')).not.toContain(done.data.sale.receiptNo);
        expect(commandNames(r).some((n) => n.startsWith('cut'))).toBe(false);
        expect(other.devices.display.lines().join(' ')).not.toContain('12.34');
      }
    } finally {
      screen.close();
    }
  });
});
