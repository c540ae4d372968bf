/**
 * `npm run simulate`: a virtual store of N checkout lanes (3 by default) for demos and end-to-end
 * tests (docs/devices-drivers.md). Each lane has a network receipt printer on TCP and a scale, a
 * pole display and a scanner on socat pty pairs; with a box, one device agent per lane drives the
 * lane's serial devices and pairs with it; with a manager's login the simulator also approves each
 * agent onto its lane (L01, L02, …) and adds each lane's printer. Ctrl-C stops everything.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pino, { type Logger } from 'pino';
import { parseAgentConfig } from '../agent/agent-config.ts';
import { DeviceAgent } from '../agent/device-agent.ts';
import { StoreManager } from './store-manager.ts';
import { StoreMonitor } from './store-monitor.ts';
import { startVirtualLane, type VirtualLane } from './virtual-lane.ts';

export type VirtualStoreOptions = {
  /** how many lanes, L01 upwards (default 3) */
  readonly lanes?: number;
  /** the first lane's printer port, the next lanes count up from it; 0 (default) = any free port */
  readonly printerPort?: number;
  readonly scaleProtocol?: 'toledo-8217' | 'mt-sics';
  readonly displayProtocol?: 'epson' | 'cd5220' | 'led8';
  /** the box the lanes' agents pair with; without it only the devices run */
  readonly box?: { readonly host: string; readonly apiPort: number };
  /** a manager's login: the simulator approves its agents and adds its printers itself */
  readonly approve?: { readonly username: string; readonly password: string };
  /** the agents' state (device id, key, credentials), one folder per lane */
  readonly stateDir?: string;
  /** agent.json keys every lane's agent gets on top of the simulator's own (e.g. `{ wss: true }`) */
  readonly agentConfig?: Readonly<Record<string, unknown>>;
  readonly log?: Logger;
  /** what a person at the store would see: pairing codes, approvals, printers added */
  readonly report?: (laneId: string, message: string) => void;
};

export type StoreLane = {
  readonly laneId: string;
  /** the lane agent's device id (`virtual-L01`, …) */
  readonly deviceId: string;
  readonly devices: VirtualLane;
  readonly agent: DeviceAgent | undefined;
};

export type VirtualStore = { readonly lanes: readonly StoreLane[]; stop(): Promise<void> };

export const laneIdOf = (index: number): string => `L${String(index + 1).padStart(2, '0')}`;

/** Starts every lane (devices, then agents); on failure whatever already started is stopped again. `stop()` is safe twice. */
export async function startVirtualStore(options: VirtualStoreOptions = {}): Promise<VirtualStore> {
  const count = options.lanes ?? 3;
  if (!Number.isInteger(count) || count < 1 || count > 99) throw new Error(`lanes must be 1 to 99, not ${count}`);
  const log = options.log ?? pino({ level: 'warn' });
  const report = options.report ?? ((laneId, message) => console.log(`[${laneId}] ${message}`));
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  const { box, approve } = options;
  const manager = box && approve ? new StoreManager({ box, ...approve }) : undefined;
  try {
    const lanes: StoreLane[] = [];
    for (let i = 0; i < count; i++) {
      const laneId = laneIdOf(i);
      const devices = await startVirtualLane({
        printerPort: options.printerPort ? options.printerPort + i : 0,
        scaleProtocol: options.scaleProtocol,
        displayProtocol: options.displayProtocol,
      });
      stops.push(() => devices.stop());
      if (manager) {
        const added = await manager.addPrinter({
          host: devices.printer.host,
          port: devices.printer.port,
          name: `虚拟小票机 ${laneId}`,
          laneId,
        });
        report(
          laneId,
          added.ok
            ? `printer ${devices.printer.host}:${devices.printer.port} added to ${laneId}`
            : `adding the printer refused: ${added.code}`,
        );
      }
      const deviceId = `virtual-${laneId}`;
      const agent = box
        ? await startLaneAgent({ laneId, deviceId, devices, box, options, log, report, manager })
        : undefined;
      if (agent) stops.push(() => agent.stop());
      lanes.push({ laneId, deviceId, devices, agent });
    }
    return { lanes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startLaneAgent(lane: {
  laneId: string;
  deviceId: string;
  devices: VirtualLane;
  box: { host: string; apiPort: number };
  options: VirtualStoreOptions;
  log: Logger;
  report: (laneId: string, message: string) => void;
  manager: StoreManager | undefined;
}): Promise<DeviceAgent> {
  const { laneId, deviceId, devices, options, report, manager } = lane;
  const config = parseAgentConfig({
    box: lane.box,
    stateDir: join(options.stateDir ?? './virtual-store-state', laneId),
    deviceId,
    name: `虚拟收银机 ${laneId}`,
    laneHint: laneId,
    advertise: false, // the simulator names the box itself; three agents on one host need not be browsed for
    peripherals: {
      scale: { path: devices.paths.scale, protocol: options.scaleProtocol ?? 'toledo-8217' },
      display: { path: devices.paths.display, protocol: options.displayProtocol ?? 'cd5220' },
      scanner: { path: devices.paths.scanner, prefix: ']E0' },
    },
    ...options.agentConfig,
  });
  const onPairingCode = (code: string) => {
    if (!manager) {
      report(
        laneId,
        `pairing code ${code}: approve with POST /api/v1/devices/${deviceId}/approve {"code":"${code}","laneId":"${laneId}"}`,
      );
      return;
    }
    report(laneId, `pairing code ${code}: approving ${deviceId} onto ${laneId}`);
    manager.approveAgent(deviceId, code, laneId).then(
      (r) => report(laneId, r.ok ? `${deviceId} approved onto ${laneId}` : `approving ${deviceId} refused: ${r.code}`),
      (e: Error) => report(laneId, `approving ${deviceId} failed: ${e.message}`),
    );
  };
  const agent = new DeviceAgent({ config, log: lane.log.child({ lane: laneId }), onPairingCode });
  await agent.start();
  return agent;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      box: { type: 'string' },
      lanes: { type: 'string', default: '3' },
      approve: { type: 'string' },
      'printer-port': { type: 'string', default: '9100' },
      'state-dir': { type: 'string', default: './virtual-store-state' },
    },
  });
  const hostPort = (s: string) => {
    const at = s.lastIndexOf(':');
    if (at <= 0 || !/^\d+$/.test(s.slice(at + 1))) throw new Error(`--box wants host:port, not ${s}`);
    return { host: s.slice(0, at), apiPort: Number(s.slice(at + 1)) };
  };
  const login = (s: string) => {
    const at = s.indexOf(':');
    if (at <= 0) throw new Error('--approve wants username:password');
    return { username: s.slice(0, at), password: s.slice(at + 1) };
  };
  const store = await startVirtualStore({
    lanes: Number(values.lanes),
    printerPort: Number(values['printer-port']),
    ...(values.box ? { box: hostPort(values.box) } : {}),
    ...(values.approve ? { approve: login(values.approve) } : {}),
    stateDir: values['state-dir'],
    log: pino({ level: process.env.STOREBOX_LOG_LEVEL ?? 'warn' }),
  });
  for (const lane of store.lanes) {
    const { printer, paths } = lane.devices;
    console.log(
      `[${lane.laneId}] printer ${printer.host}:${printer.port}  scale ${paths.scale}  display ${paths.display}  scanner ${paths.scanner}`,
    );
  }
  const monitor = new StoreMonitor(store.lanes, (laneId, line) => console.log(`[${laneId}] ${line}`));
  monitor.start();
  const shutdown = () => {
    monitor.stop();
    void store.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
