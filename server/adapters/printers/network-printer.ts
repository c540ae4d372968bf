import { PrintJobRunner } from '../../../devices/drivers/escpos/print-job.runner.ts';
import { openTcpTransport } from '../../../devices/transports/tcp.transport.ts';
import type { PrinterTarget } from '../../app/devices/print-queue.ts';
import { err, ok, type Result } from '../../core/result.ts';

/** Parses a network printer's `host:port` (port 9100 when absent: raw "JetDirect", docs/formats.md §7.1). */
export function printerAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return { host: address, port: 9100 };
  return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) || 9100 };
}

/**
 * A network ESC/POS printer the box drives itself over TCP with the drivers' PrintJobRunner
 * (status before and after, 1 KiB chunks, bounded writes, retries while nothing was sent).
 */
export class NetworkPrinter implements PrinterTarget {
  private readonly runner: PrintJobRunner;

  constructor(
    address: string,
    options: {
      connectTimeoutMs?: number;
      statusTimeoutMs?: number;
      writeTimeoutMs?: number;
      attempts?: number;
      retryDelayMs?: number;
    } = {},
  ) {
    const { host, port } = printerAddress(address);
    this.runner = new PrintJobRunner({
      device: `${host}:${port}`,
      open: () => openTcpTransport({ host, port, connectTimeoutMs: options.connectTimeoutMs ?? 2000 }),
      statusTimeoutMs: options.statusTimeoutMs ?? 1000,
      writeTimeoutMs: options.writeTimeoutMs ?? 3000,
      attempts: options.attempts ?? 2,
      retryDelayMs: options.retryDelayMs ?? 200,
    });
  }

  async print(job: { id: string; bytes: Uint8Array }): Promise<Result<void>> {
    const outcome = await this.runner.print(job);
    return outcome.ok
      ? ok(undefined)
      : err(outcome.code, outcome.field, outcome.params ? { ...outcome.params } : undefined);
  }

  discard(jobId: string): void {
    this.runner.discard(jobId);
  }
}
