import { err, ok, type Result } from '../../core/result.ts';
import type { DeviceHub } from './device-hub.ts';
import type { PrinterTarget } from './print-queue.ts';

/** A serial/USB printer on a lane PC: the box sends the ESC/POS bytes as `cmd/print`; the agent's ack says how it went. */
export function agentPrinter(hub: DeviceHub, deviceId: string, timeoutMs: number): PrinterTarget {
  return {
    async print(job): Promise<Result<void>> {
      const ack = await hub.command(
        deviceId,
        'cmd/print',
        { jobId: job.id, escposBase64: Buffer.from(job.bytes).toString('base64') },
        timeoutMs,
      );
      if (!ack.ok) return ack;
      return ack.value.ok ? ok(undefined) : err(ack.value.code ?? 'PRINTER_ERROR', undefined, ack.value.params);
    },
  };
}
