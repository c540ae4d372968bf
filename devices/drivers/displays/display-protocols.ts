import type { SerialSettings } from '../../transports/serial-settings.ts';
import { SERIAL_9600_8N1 } from '../../transports/serial-settings.ts';
import { CD5220, encodeCd5220 } from './cd5220.encoder.ts';
import type { DisplayEvent } from '../../../server/core/devices/display-event.ts';
import { displayLines } from './display-lines.ts';
import type { DisplayTextOptions } from './display-lines.ts';
import { EPSON_DISPLAY, encodeEpsonDisplay } from './epson-display.encoder.ts';
import { LED8, encodeLed8 } from './led8.encoder.ts';

/** A customer display protocol as data: line settings, the bytes at start, event → bytes. */
export type DisplayProtocol = {
  readonly name: 'epson' | 'cd5220' | 'led8';
  readonly serial: SerialSettings;
  readonly initialize: Uint8Array;
  readonly encode: (event: DisplayEvent, text: DisplayTextOptions) => Uint8Array;
};

export const displayProtocols: readonly DisplayProtocol[] = [
  {
    name: 'epson',
    serial: SERIAL_9600_8N1,
    initialize: EPSON_DISPLAY.initialize,
    encode: (e, t) => encodeEpsonDisplay(displayLines(e, t)),
  },
  {
    name: 'cd5220',
    serial: SERIAL_9600_8N1,
    initialize: CD5220.initialize,
    encode: (e, t) => encodeCd5220(displayLines(e, t)),
  },
  { name: 'led8', serial: SERIAL_9600_8N1, initialize: LED8.initialize, encode: (e) => encodeLed8(e) },
];

export function displayProtocol(name: DisplayProtocol['name']): DisplayProtocol {
  const found = displayProtocols.find((p) => p.name === name);
  if (!found) throw new Error(`unknown display protocol ${name}`);
  return found;
}
