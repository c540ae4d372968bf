import type { Result } from '../../../server/core/result.ts';
import type { ByteTransport } from '../../transports/byte-transport.ts';
import type { SerialSettings } from '../../transports/serial-settings.ts';
import { scaleProtocols } from './scale-protocols.ts';
import type { ScaleProtocol } from './scale-protocols.ts';

/**
 * Finds which scale protocol answers on a port: opens it with each protocol's line settings, sends
 * its weight request and waits at most `timeoutMs` (probing is time-bounded). Any well-formed
 * answer counts, a syntax error included: an MT-SICS `ES` after the 8217 probe's stray `W` still
 * proves an MT-SICS device.
 */
export async function probeScaleProtocol(
  open: (settings: SerialSettings) => Promise<Result<ByteTransport, 'DEVICE_UNREACHABLE'>>,
  timeoutMs: number,
  candidates: readonly ScaleProtocol[] = scaleProtocols,
): Promise<ScaleProtocol | undefined> {
  for (const protocol of candidates) {
    const opened = await open(protocol.serial);
    if (!opened.ok) return undefined;
    const transport = opened.value;
    const parse = protocol.createParser();
    const answered = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const unsubscribe = transport.onData((chunk) => {
        if (parse(chunk).some((m) => m.kind !== 'garbage')) done(true);
      });
      function done(value: boolean) {
        clearTimeout(timer);
        unsubscribe();
        resolve(value);
      }
      transport.write(protocol.poll).catch(() => done(false));
    });
    await transport.close();
    if (answered) return protocol;
  }
  return undefined;
}
