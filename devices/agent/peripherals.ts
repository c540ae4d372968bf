import type { Logger } from 'pino';
import type {
  AckPayload,
  DisplayPayload,
  PrintPayload,
  ScanPayload,
  TarePayload,
  WeightPayload,
} from '../../server/contracts/devices/device-messages.schema.ts';
import type { DeviceStatePayload } from '../../server/contracts/devices/device-messages.schema.ts';
import { DisplayDriver } from '../drivers/displays/display.driver.ts';
import { displayProtocol } from '../drivers/displays/display-protocols.ts';
import { EscPosEncoder } from '../drivers/escpos/escpos.encoder.ts';
import { PrintJobRunner } from '../drivers/escpos/print-job.runner.ts';
import { ScaleDriver } from '../drivers/scales/scale.driver.ts';
import { scaleProtocol } from '../drivers/scales/scale-protocols.ts';
import type { ScaleReading } from '../drivers/scales/scale-reading.ts';
import { ScannerDriver } from '../drivers/scanners/scanner.driver.ts';
import type { ByteTransport } from '../transports/byte-transport.ts';
import { openSerialTransport } from '../transports/serial.transport.ts';
import { SERIAL_9600_8N1 } from '../transports/serial-settings.ts';
import type { AgentConfig } from './agent-config.ts';

type Peripheral = DeviceStatePayload['peripherals'][number];

/** What the peripherals report upward (the agent publishes it on MQTT). */
export type PeripheralEvents = {
  weight(payload: WeightPayload): void;
  scan(payload: ScanPayload): void;
  /** a peripheral's online/status changed: republish the retained state */
  stateChanged(): void;
};

export function weightPayload(r: ScaleReading): WeightPayload {
  return {
    grams: r.grams ?? 0,
    stable: r.stable && r.grams !== null,
    condition: r.overload ? 'overload' : r.underZero ? 'under-zero' : 'ok',
  };
}

/**
 * The lane PC's serial devices behind one object: opened from the agent config, each bridged to
 * the events above and to the box's commands. A device that cannot be opened is logged with its
 * path and reported offline; the others keep working (STYLE.md habit 6).
 */
export class Peripherals {
  private readonly config: AgentConfig['peripherals'];
  private readonly log: Logger;
  private readonly events: PeripheralEvents;
  private readonly transports: ByteTransport[] = [];
  private scale: ScaleDriver | undefined;
  private scaleOnline = false;
  private scanner: ScannerDriver | undefined;
  private display: DisplayDriver | undefined;
  private printer: PrintJobRunner | undefined;
  private printerStatus = 'ok';

  constructor(config: AgentConfig['peripherals'], log: Logger, events: PeripheralEvents) {
    this.config = config;
    this.log = log;
    this.events = events;
  }

  capabilities(): Array<Peripheral['kind']> {
    const c = this.config;
    return [
      ...(c.scale ? ['scale' as const] : []),
      ...(c.display ? ['display' as const] : []),
      ...(c.scanner ? ['scanner' as const] : []),
      ...(c.printer ? ['printer' as const, 'drawer' as const] : []),
    ];
  }

  state(): Peripheral[] {
    const out: Peripheral[] = [];
    if (this.config.scale) out.push({ kind: 'scale', online: this.scaleOnline });
    if (this.config.display) out.push({ kind: 'display', online: this.display !== undefined });
    if (this.config.scanner) out.push({ kind: 'scanner', online: this.scanner !== undefined });
    if (this.config.printer)
      out.push({ kind: 'printer', online: this.printerStatus !== 'offline', status: this.printerStatus });
    return out;
  }

  async start(): Promise<void> {
    const c = this.config;
    if (c.scale) {
      const protocol = scaleProtocol(c.scale.protocol);
      const t = await this.open('scale', { path: c.scale.path, ...protocol.serial });
      if (t) {
        this.scale = new ScaleDriver({
          transport: t,
          protocol,
          pollIntervalMs: c.scale.pollIntervalMs ?? 200,
          onGarbage: (text) =>
            this.log.debug({ peripheral: 'scale', text: text.slice(0, 40) }, 'garbage from the scale'),
          onListenerError: (e) => this.log.error({ err: e, peripheral: 'scale' }, 'scale listener failed'),
        });
        this.scale.onWeight((r) => this.events.weight(weightPayload(r)));
        this.scale.onOnline((online) => {
          this.scaleOnline = online;
          this.events.stateChanged();
        });
        this.scale.start();
      }
    }
    if (c.scanner) {
      const t = await this.open('scanner', { path: c.scanner.path, ...SERIAL_9600_8N1 });
      if (t) {
        this.scanner = new ScannerDriver({
          transport: t,
          framing:
            c.scanner.prefix !== undefined || c.scanner.suffix !== undefined
              ? { aim: false, prefix: c.scanner.prefix ?? '', suffix: c.scanner.suffix ?? '' }
              : undefined,
          onGarbage: (text) =>
            this.log.debug({ peripheral: 'scanner', text: text.slice(0, 40) }, 'garbage from the scanner'),
          onListenerError: (e) => this.log.error({ err: e, peripheral: 'scanner' }, 'scanner listener failed'),
        });
        this.scanner.onScan((s) => this.events.scan({ code: s.code, symbology: s.symbology }));
        this.scanner.start();
      }
    }
    if (c.display) {
      const protocol = displayProtocol(c.display.protocol);
      const t = await this.open('display', { path: c.display.path, ...protocol.serial });
      if (t) {
        this.display = new DisplayDriver({ transport: t, protocol });
        await this.display.start();
      }
    }
    if (c.printer) {
      const settings = { path: c.printer.path, ...SERIAL_9600_8N1, baudRate: c.printer.baudRate };
      // a fresh serial link per job, as for network printers: the runner owns open/close
      this.printer = new PrintJobRunner({
        device: c.printer.path,
        open: () => openSerialTransport(settings),
        attempts: 2,
      });
    }
  }

  private async open(
    kind: string,
    settings: Parameters<typeof openSerialTransport>[0],
  ): Promise<ByteTransport | undefined> {
    const opened = await openSerialTransport(settings);
    if (!opened.ok) {
      this.log.error(
        { peripheral: kind, path: settings.path, reason: opened.params?.reason },
        'cannot open serial device',
      );
      return undefined;
    }
    this.transports.push(opened.value);
    return opened.value;
  }

  async stop(): Promise<void> {
    await this.scale?.stop();
    this.scanner?.stop();
    this.scale = undefined;
    this.scanner = undefined;
    this.display = undefined;
    for (const t of this.transports.splice(0)) await t.close();
  }

  async print(cmd: Pick<PrintPayload, 'jobId' | 'escposBase64'>): Promise<AckPayload> {
    if (!this.printer)
      return { ok: false, code: 'DEVICE_UNREACHABLE', params: { device: 'printer', reason: 'no printer configured' } };
    const outcome = await this.printer.print({
      id: cmd.jobId,
      bytes: new Uint8Array(Buffer.from(cmd.escposBase64, 'base64')),
    });
    // the box keeps the job and resends it; this agent keeps nothing
    this.printer.discard(cmd.jobId);
    const status = outcome.ok
      ? 'ok'
      : outcome.code === 'PRINTER_PAPER_OUT'
        ? 'paper-out'
        : outcome.code === 'PRINTER_COVER_OPEN'
          ? 'cover-open'
          : outcome.code === 'DEVICE_UNREACHABLE' || outcome.code === 'DEVICE_NOT_RESPONDING'
            ? 'offline'
            : 'error';
    if (status !== this.printerStatus) {
      this.printerStatus = status;
      this.events.stateChanged();
    }
    return outcome.ok
      ? { ok: true }
      : { ok: false, code: outcome.code, ...(outcome.params ? { params: { ...outcome.params } } : {}) };
  }

  drawer(): Promise<AckPayload> {
    // ESC p 0 25 250: pulse drawer pin 2 (docs/formats.md §4.1)
    return this.print({
      jobId: `drawer-${Date.now()}`,
      escposBase64: Buffer.from(new EscPosEncoder().drawerKick().encode()).toString('base64'),
    });
  }

  async show(cmd: Pick<DisplayPayload, 'event'>): Promise<AckPayload> {
    if (!this.display)
      return { ok: false, code: 'DEVICE_UNREACHABLE', params: { device: 'display', reason: 'no display' } };
    await this.display.show(cmd.event);
    return { ok: true };
  }

  async tare(cmd: Pick<TarePayload, 'action'>): Promise<AckPayload> {
    if (!this.scale) return { ok: false, code: 'DEVICE_UNREACHABLE', params: { device: 'scale', reason: 'no scale' } };
    const r =
      cmd.action === 'tare'
        ? await this.scale.tare()
        : cmd.action === 'zero'
          ? await this.scale.zero()
          : await this.scale.clearTare();
    return r.ok ? { ok: true } : { ok: false, code: r.code, ...(r.params ? { params: { ...r.params } } : {}) };
  }
}
