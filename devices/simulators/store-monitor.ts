import { commandNames, decodeEscPos } from '../testing/escpos-decoder.ts';
import type { StoreLane } from './virtual-store.ts';

const POLL_MS = 200;

/**
 * What a person standing at each virtual lane would see, for `npm run simulate`: every receipt a
 * lane's printer has printed (decoded by the independent test decoder once its cut arrives) and
 * every change on its pole display, one line each, prefixed by the lane.
 */
export class StoreMonitor {
  readonly #lanes: readonly StoreLane[];
  readonly #out: (laneId: string, line: string) => void;
  readonly #printed = new Map<string, number>();
  readonly #shown = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;

  constructor(lanes: readonly StoreLane[], out: (laneId: string, line: string) => void) {
    this.#lanes = lanes;
    this.#out = out;
  }

  start(): void {
    this.#timer ??= setInterval(() => this.#poll(), POLL_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #poll(): void {
    for (const { laneId, devices } of this.#lanes) {
      const bytes = devices.printer.received();
      const from = this.#printed.get(laneId) ?? 0;
      const receipt = decodeEscPos(bytes.subarray(from));
      const names = commandNames(receipt);
      if (names.some((n) => n.startsWith('cut'))) {
        this.#printed.set(laneId, bytes.length);
        const text = receipt.lines.filter((l) => l.trim() !== '');
        this.#out(
          laneId,
          `printer: receipt of ${text.length} lines${names.includes('drawer-kick') ? ', drawer opened' : ''}`,
        );
        for (const line of text) this.#out(laneId, `  │ ${line}`);
      }
      const updates = devices.display.updates;
      if (updates !== (this.#shown.get(laneId) ?? 0)) {
        this.#shown.set(laneId, updates);
        const led = devices.display.led();
        const [top, bottom] = devices.display.lines();
        this.#out(
          laneId,
          led.text ? `display: ${led.text} (${led.lamp})` : `display: ${top.trimEnd()} │ ${bottom.trimEnd()}`,
        );
      }
    }
  }
}
