import { PtyPair } from './pty-pair.ts';
import { VirtualDisplay } from './virtual-display.ts';
import { VirtualPrinter } from './virtual-printer.ts';
import { VirtualScale } from './virtual-scale.ts';
import { VirtualScanner } from './virtual-scanner.ts';

export type VirtualLaneOptions = {
  /** the network printer's TCP port (0 = any free port) */
  readonly printerPort?: number;
  readonly scaleProtocol?: 'toledo-8217' | 'mt-sics';
  readonly displayProtocol?: 'epson' | 'cd5220' | 'led8';
};

export type VirtualLane = {
  readonly printer: VirtualPrinter;
  readonly scale: VirtualScale;
  readonly display: VirtualDisplay;
  readonly scanner: VirtualScanner;
  /** the paths a driver opens (the host end of each pty pair) */
  readonly paths: { readonly scale: string; readonly display: string; readonly scanner: string };
  stop(): Promise<void>;
};

/**
 * The devices of one checkout lane: a network receipt printer on TCP, and a scale, a pole display
 * and a scanner, each on its own socat pty pair; drivers open the `paths`. On failure, whatever
 * already started is stopped again; `stop()` is safe twice.
 */
export async function startVirtualLane(options: VirtualLaneOptions = {}): Promise<VirtualLane> {
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

    return {
      printer,
      scale,
      display,
      scanner,
      paths: { scale: scalePty.hostPath, display: displayPty.hostPath, scanner: scannerPty.hostPath },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
