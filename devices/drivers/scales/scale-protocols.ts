import type { SerialSettings } from '../../transports/serial-settings.ts';
import { MT_SICS_COMMANDS, MT_SICS_SERIAL, createMtSicsParser } from './mt-sics.protocol.ts';
import type { ScaleCommand, ScaleMessage } from './scale-reading.ts';
import { TOLEDO_8217_COMMANDS, TOLEDO_8217_SERIAL, createToledo8217Parser } from './toledo-8217.protocol.ts';

/** A scale protocol as data (STYLE.md habit 9): line settings, the bytes to send, a parser factory. */
export type ScaleProtocol = {
  readonly name: 'toledo-8217' | 'mt-sics';
  readonly serial: SerialSettings;
  readonly poll: Uint8Array;
  readonly commands: Readonly<Record<ScaleCommand, Uint8Array>>;
  /** MT-SICS answers Z/T with an ack; the 8217 answers nothing (the next poll shows the effect) */
  readonly acknowledgesCommands: boolean;
  readonly createParser: () => (chunk: Uint8Array) => ScaleMessage[];
};

export const scaleProtocols: readonly ScaleProtocol[] = [
  {
    name: 'toledo-8217',
    serial: TOLEDO_8217_SERIAL,
    poll: TOLEDO_8217_COMMANDS.weight,
    commands: {
      zero: TOLEDO_8217_COMMANDS.zero,
      tare: TOLEDO_8217_COMMANDS.tare,
      'clear-tare': TOLEDO_8217_COMMANDS.clearTare,
    },
    acknowledgesCommands: false,
    createParser: createToledo8217Parser,
  },
  {
    name: 'mt-sics',
    serial: MT_SICS_SERIAL,
    poll: MT_SICS_COMMANDS.weightImmediately,
    commands: { zero: MT_SICS_COMMANDS.zero, tare: MT_SICS_COMMANDS.tare, 'clear-tare': MT_SICS_COMMANDS.clearTare },
    acknowledgesCommands: true,
    createParser: createMtSicsParser,
  },
];

export function scaleProtocol(name: ScaleProtocol['name']): ScaleProtocol {
  const found = scaleProtocols.find((p) => p.name === name);
  if (!found) throw new Error(`unknown scale protocol ${name}`);
  return found;
}
