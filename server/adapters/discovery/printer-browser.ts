import { bonjourOn, type BonjourInstance } from '../../../devices/transports/bonjour-on-interface.ts';
import type { Logger } from 'pino';
import type { Service } from '../../runtime/service.ts';

export type DiscoveredPrinter = { name: string; host: string; port: number };

/** Raw-socket printers (ESC/POS on 9100) advertise `_pdl-datastream._tcp` (Bonjour Printing Spec 1.2.1, docs/formats.md §7.1). */
export const PRINTER_SERVICE_TYPE = 'pdl-datastream';

/**
 * Browses one interface for network receipt printers and reports each one seen. Many cheap
 * printers do not advertise at all, so discovery is a convenience: printers can be added by
 * address. Re-queries every `requeryMs` so a printer switched on later is found.
 */
export class PrinterBrowser implements Service {
  readonly name = 'printer-browser';
  private bonjour: BonjourInstance | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly interfaceAddress: string;
  private readonly found: (printer: DiscoveredPrinter) => void;
  private readonly log: Logger;
  private readonly requeryMs: number;

  constructor(options: {
    interfaceAddress: string;
    found: (printer: DiscoveredPrinter) => void;
    log: Logger;
    requeryMs?: number;
  }) {
    this.interfaceAddress = options.interfaceAddress;
    this.found = options.found;
    this.log = options.log.child({ svc: 'printer-browser' });
    this.requeryMs = options.requeryMs ?? 60_000;
  }

  async start(): Promise<void> {
    if (this.bonjour) return;
    this.bonjour = bonjourOn(this.interfaceAddress, this.log);
    const browser = this.bonjour.find({ type: PRINTER_SERVICE_TYPE, protocol: 'tcp' }, (service) => {
      const host = service.addresses?.find((a) => !a.includes(':')) ?? service.referer?.address ?? service.host;
      if (!host) return;
      try {
        this.found({ name: service.name, host, port: service.port || 9100 });
      } catch (e) {
        this.log.error({ err: e, printer: service.name }, 'recording a discovered printer failed');
      }
    });
    this.timer = setInterval(() => browser.update(), this.requeryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const bonjour = this.bonjour;
    this.bonjour = undefined;
    bonjour?.destroy();
  }
}
