import { err, ok } from '../../../server/core/result.ts';
import type { Result } from '../../../server/core/result.ts';
import type { ByteTransport } from '../../transports/byte-transport.ts';
import { statusRequest } from './escpos.commands.ts';
import type { StatusQuery } from './escpos.commands.ts';
import { isStatusByte, parsePrinterStatus } from './printer-status.ts';
import type { PrinterStatus } from './printer-status.ts';

/**
 * Asks DLE EOT 1, 2 and 4 one at a time (the replies look alike, so order is the only key) and
 * waits at most `timeoutMs` for each reply. Bytes that are not status replies are skipped.
 */
export async function queryPrinterStatus(
  transport: ByteTransport,
  timeoutMs: number,
): Promise<Result<PrinterStatus, 'DEVICE_NOT_RESPONDING'>> {
  const replies: number[] = [];
  for (const n of [1, 2, 4] as const satisfies readonly StatusQuery[]) {
    const reply = await askOne(transport, n, timeoutMs);
    if (reply === undefined) return err('DEVICE_NOT_RESPONDING', undefined, { query: `DLE EOT ${n}` });
    replies.push(reply);
  }
  const status = parsePrinterStatus(replies[0], replies[1], replies[2]);
  // askOne only accepts status bytes, so the parse cannot fail here.
  if (!status) throw new Error('status bytes without fixed bits');
  return ok(status);
}

function askOne(transport: ByteTransport, n: StatusQuery, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: number | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      unsubscribeClose();
      resolve(value);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const unsubscribe = transport.onData((chunk) => {
      for (const b of chunk) if (isStatusByte(b)) return finish(b);
    });
    const unsubscribeClose = transport.onClose(() => finish(undefined));
    transport.write(statusRequest(n)).catch(() => finish(undefined));
  });
}
