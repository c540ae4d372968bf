/**
 * `npm run simulate`: the devices of one virtual lane, for demos and end-to-end tests. A network
 * receipt printer on TCP, and a Toledo 8217 scale, a CD5220 pole display and a scanner, each on
 * its own socat pty pair; drivers open the printed `hostPath`s. Ctrl-C stops everything.
 * With `--box host:port` a device agent drives the virtual scale, display and scanner and pairs
 * with that box (its pairing code is printed; approve it in the console, docs/devices.md).
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { parseAgentConfig } from '../agent/agent-config.ts';
import { DeviceAgent } from '../agent/device-agent.ts';
import { PtyPair } from './pty-pair.ts';
import { VirtualDisplay } from './virtual-display.ts';
import { VirtualPrinter } from './virtual-printer.ts';
import { VirtualScale } from './virtual-scale.ts';
import { VirtualScanner } from './virtual-scanner.ts';

export type VirtualStoreOptions = {
  readonly printerPort?: number;
  readonly scaleProtocol?: 'toledo-8217' | 'mt-sics';
  readonly displayProtocol?: 'epson' | 'cd5220' | 'led8';
};

export type VirtualStore = {
  readonly printer: VirtualPrinter;
  readonly scale: VirtualScale;
  readonly display: VirtualDisplay;
  readonly scanner: VirtualScanner;
  /** the paths a driver opens (the host end of each pty pair) */
  readonly paths: { readonly scale: string; readonly display: string; readonly scanner: string };
  stop(): Promise<void>;
};

/** Starts every simulator; on failure, whatever already started is stopped again. */
export async function startVirtualStore(options: VirtualStoreOptions = {}): Promise<VirtualStore> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  try {
    const printer = new VirtualPrinter({ port: options.printerPort ?? 0 });
    await printer.start();
    stops.push(() => printer.stop());

    const pair = async (name: string) => {
      const pty = new PtyPair(name);
      await pty.start();
      stops.push(() => pty.stop());
      return pty;
    };
    const scalePty = await pair('scale');
    const scale = new VirtualScale({ path: scalePty.devicePath, protocol: options.scaleProtocol ?? 'toledo-8217' });
    await scale.start();
    stops.push(() => scale.stop());

    const displayPty = await pair('display');
    const display = new VirtualDisplay({ path: displayPty.devicePath, protocol: options.displayProtocol ?? 'cd5220' });
    await display.start();
    stops.push(() => display.stop());

    const scannerPty = await pair('scanner');
    const scanner = new VirtualScanner({ path: scannerPty.devicePath, prefix: ']E0' });
    await scanner.start();
    stops.push(() => scanner.stop());

    return { printer, scale, display, scanner, paths: { scale: scalePty.hostPath, display: displayPty.hostPath, scanner: scannerPty.hostPath }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { 'printer-port': { type: 'string', default: '9100' }, box: { type: 'string' } } });
  const store = await startVirtualStore({ printerPort: Number(values['printer-port']) });
  console.log(
    JSON.stringify(
      { printer: `${store.printer.host}:${store.printer.port}`, scale: store.paths.scale, display: store.paths.display, scanner: store.paths.scanner },
      null,
      2,
    ),
  );
  let agent: DeviceAgent | undefined;
  if (values.box) {
    const [host, port] = values.box.split(':');
    const config = parseAgentConfig({
      box: { host, apiPort: Number(port) },
      stateDir: './virtual-agent-state',
      deviceId: 'virtual-lane1',
      name: '虚拟收银机',
      laneHint: 'L01',
      peripherals: { scale: { path: store.paths.scale, protocol: 'toledo-8217' }, display: { path: store.paths.display, protocol: 'cd5220' }, scanner: { path: store.paths.scanner } },
    });
    agent = new DeviceAgent({ config, log: pino({ level: 'info' }), onPairingCode: (code) => console.log(`pairing code ${code}: approve with POST /api/v1/devices/virtual-lane1/approve {"code":"${code}","laneId":"L01"}; add the printer with POST /api/v1/devices/printers {"host":"${store.printer.host}","port":${store.printer.port},"name":"虚拟小票机","laneId":"L01"}`) });
    await agent.start();
  }
  const shutdown = () => {
    void (agent?.stop() ?? Promise.resolve()).then(() => store.stop()).then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
