import { err, ok } from '../../../server/core/result.ts';
import type { Result } from '../../../server/core/result.ts';
import type { ByteTransport } from '../../transports/byte-transport.ts';
import { queryPrinterStatus } from './printer-status.query.ts';
import { statusProblem } from './printer-status.ts';
import type { PrinterStatus } from './printer-status.ts';

export type PrintJob = { readonly id: string; readonly bytes: Uint8Array };

export type PrintErrorCode =
  | 'DEVICE_UNREACHABLE'
  | 'DEVICE_NOT_RESPONDING'
  | 'PRINTER_PAPER_OUT'
  | 'PRINTER_COVER_OPEN'
  | 'PRINTER_ERROR'
  | 'PRINTER_OFFLINE'
  | 'PRINTER_JOB_INTERRUPTED';

export type PrintOutcome = { readonly jobId: string; readonly attempts: number; readonly status: PrinterStatus };

export type PrintJobRunnerOptions = {
  /** name used in error params and logs, e.g. "192.168.1.50:9100" */
  readonly device: string;
  /** opens a fresh link per attempt: openTcpTransport(...) or openSerialTransport(...) */
  readonly open: () => Promise<Result<ByteTransport, 'DEVICE_UNREACHABLE'>>;
  readonly statusTimeoutMs?: number;
  readonly writeTimeoutMs?: number;
  /** attempts while nothing has been sent yet (unreachable, no status answer) */
  readonly attempts?: number;
  readonly retryDelayMs?: number;
  readonly chunkBytes?: number;
};

/**
 * Prints jobs on one printer, one at a time: status before (refuse on paper out / cover open),
 * the bytes in chunks with a bounded write, status after (the printer must still answer).
 * Connection failures before any byte is sent are retried. A job is kept in `pending()` until a
 * print is confirmed, so a failure is never silently lost: the caller shows the error and calls
 * `resume(jobId)` (or `discard`). Resume reprints the whole job: after a dropped link the printer's
 * buffer state is unknown and restarting mid-stream could land inside a command's arguments.
 */
export class PrintJobRunner {
  #options: Required<PrintJobRunnerOptions>;
  #pending = new Map<string, PrintJob>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: PrintJobRunnerOptions) {
    this.#options = {
      statusTimeoutMs: 1000,
      writeTimeoutMs: 3000,
      attempts: 3,
      retryDelayMs: 200,
      chunkBytes: 1024,
      ...options,
    };
  }

  print(job: PrintJob): Promise<Result<PrintOutcome, PrintErrorCode>> {
    this.#pending.set(job.id, job);
    const run = this.#queue.then(() => this.#run(job));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  resume(jobId: string): Promise<Result<PrintOutcome, PrintErrorCode>> | undefined {
    const job = this.#pending.get(jobId);
    return job ? this.print(job) : undefined;
  }

  /** Jobs not yet confirmed printed, oldest first. */
  pending(): PrintJob[] {
    return [...this.#pending.values()];
  }

  discard(jobId: string): boolean {
    return this.#pending.delete(jobId);
  }

  async #run(job: PrintJob): Promise<Result<PrintOutcome, PrintErrorCode>> {
    const o = this.#options;
    let last: Result<never, PrintErrorCode> = err('DEVICE_UNREACHABLE', undefined, {
      device: o.device,
      reason: 'not tried',
    });
    for (let attempt = 1; attempt <= o.attempts; attempt++) {
      if (attempt > 1) await delay(o.retryDelayMs);
      const opened = await o.open();
      if (!opened.ok) {
        last = err('DEVICE_UNREACHABLE', undefined, { device: o.device, reason: String(opened.params?.reason ?? '') });
        continue;
      }
      const transport = opened.value;
      try {
        const before = await queryPrinterStatus(transport, o.statusTimeoutMs);
        if (!before.ok) {
          last = err('DEVICE_NOT_RESPONDING', undefined, { device: o.device });
          continue;
        }
        const problem = statusProblem(before.value);
        if (problem) return err(problem, undefined, { device: o.device, jobId: job.id });

        let sent = 0;
        while (sent < job.bytes.length) {
          const chunk = job.bytes.subarray(sent, sent + o.chunkBytes);
          if (!(await withTimeout(transport.write(chunk), o.writeTimeoutMs))) return this.#interrupted(job, sent);
          sent += chunk.length;
        }
        const after = await queryPrinterStatus(transport, o.statusTimeoutMs);
        if (!after.ok) return this.#interrupted(job, sent);
        const afterProblem = statusProblem(after.value);
        if (afterProblem) return err(afterProblem, undefined, { device: o.device, jobId: job.id });
        this.#pending.delete(job.id);
        return ok({ jobId: job.id, attempts: attempt, status: after.value });
      } finally {
        await transport.close();
      }
    }
    return last;
  }

  #interrupted(job: PrintJob, sentBytes: number): Result<never, PrintErrorCode> {
    return err('PRINTER_JOB_INTERRUPTED', undefined, {
      device: this.#options.device,
      jobId: job.id,
      sentBytes,
      totalBytes: job.bytes.length,
    });
  }
}

/** True when the write finished in time; false on timeout or a failed write. */
function withTimeout(write: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    write.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
