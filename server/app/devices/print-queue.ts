import { err, ok, type Result } from '../../core/result.ts';
import type { Service } from '../../runtime/service.ts';
import type { DeviceRecord, DeviceStore } from '../ports/device-store.port.ts';
import type { PrintJobStore } from '../ports/print-job-store.port.ts';
import type { StoreContext } from '../store-context.ts';
import type { DeviceHub } from './device-hub.ts';

/** One printer as the queue sees it: print these bytes, or say why not (an error catalog code). */
export type PrinterTarget = {
  print(job: { id: string; bytes: Uint8Array }): Promise<Result<void>>;
  discard?(jobId: string): void;
};

/** Alert kinds for print failures the queue waits out. */
const ALERT_OF: Record<string, string> = {
  PRINTER_PAPER_OUT: 'paper-out',
  PRINTER_COVER_OPEN: 'cover-open',
  PRINTER_OFFLINE: 'printer-offline',
  PRINTER_ERROR: 'printer-error',
  PRINTER_JOB_INTERRUPTED: 'print-interrupted',
  DEVICE_UNREACHABLE: 'printer-unreachable',
  DEVICE_NOT_RESPONDING: 'printer-unreachable',
  DEVICE_OFFLINE: 'printer-unreachable',
  DEVICE_COMMAND_TIMEOUT: 'printer-unreachable',
};

/**
 * Print jobs per printer, one at a time, persisted before the first byte: a job that fails (paper
 * out, cover open, printer gone, agent offline) waits and is tried again every
 * devices.printRetrySeconds until it prints, also after a restart. Nothing vanishes.
 */
export class PrintQueue implements Service {
  readonly name = 'print-queue';
  private readonly ctx: StoreContext;
  private readonly jobs: PrintJobStore;
  private readonly devices: DeviceStore;
  private readonly hub: DeviceHub;
  private readonly targetFor: (device: DeviceRecord) => PrinterTarget;
  private readonly targets = new Map<string, PrinterTarget>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private readonly waiting = new Set<string>();
  private stopped = true;

  constructor(options: {
    ctx: StoreContext;
    jobs: PrintJobStore;
    devices: DeviceStore;
    hub: DeviceHub;
    targetFor: (device: DeviceRecord) => PrinterTarget;
  }) {
    this.ctx = options.ctx;
    this.jobs = options.jobs;
    this.devices = options.devices;
    this.hub = options.hub;
    this.targetFor = options.targetFor;
  }

  async start(): Promise<void> {
    this.stopped = false;
    const open = this.jobs.open();
    if (open.length > 0) this.ctx.log.info({ jobs: open.length }, 'resuming print jobs left from before the restart');
    for (const deviceId of new Set(open.map((j) => j.deviceId))) this.kick(deviceId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    await Promise.all(this.running.values());
  }

  /** Persists a job for a printer and starts it; returns the job id. */
  enqueue(deviceId: string, saleId: string | null, bytes: Uint8Array): string {
    const id = this.ctx.ids.uuid();
    this.jobs.insert({ id, deviceId, saleId, bytes, at: this.ctx.clock.now().toISOString() });
    this.kick(deviceId);
    return id;
  }

  /** A manager's "print again now" for a waiting job. */
  retry(jobId: string): Result<{ jobId: string }> {
    const job = this.jobs.byId(jobId);
    if (!job || (job.status !== 'pending' && job.status !== 'waiting'))
      return err('PRINT_JOB_NOT_FOUND', 'id', { jobId });
    this.kick(job.deviceId);
    return ok({ jobId });
  }

  discard(actor: string, jobId: string): Result<{ jobId: string }> {
    const job = this.jobs.byId(jobId);
    if (!job || (job.status !== 'pending' && job.status !== 'waiting'))
      return err('PRINT_JOB_NOT_FOUND', 'id', { jobId });
    const at = this.ctx.clock.now().toISOString();
    this.ctx.tx.run(() => {
      this.jobs.mark(jobId, 'discarded', at, `discarded by ${actor}`);
      this.ctx.repos.audit.append({
        at,
        actor,
        action: 'print_job.discarded',
        subject: jobId,
        detail: { deviceId: job.deviceId, saleId: job.saleId },
      });
    });
    this.targets.get(job.deviceId)?.discard?.(jobId);
    return ok({ jobId });
  }

  /**
   * Sends bytes to a printer now, through the same target as its jobs (so they do not interleave
   * with a receipt being printed), without persisting or retrying: a drawer opened by hand must
   * never open minutes later when a printer comes back.
   */
  async sendNow(device: DeviceRecord, bytes: Uint8Array): Promise<Result<void>> {
    const target = this.targetOf(device);
    const id = `now-${this.ctx.ids.uuid()}`;
    const outcome = await target.print({ id, bytes });
    target.discard?.(id);
    return outcome;
  }

  private targetOf(device: DeviceRecord): PrinterTarget {
    let target = this.targets.get(device.id);
    if (!target) {
      target = this.targetFor(device);
      this.targets.set(device.id, target);
    }
    return target;
  }

  /** Runs a device's open jobs unless they are already running. */
  private kick(deviceId: string): void {
    if (this.stopped || this.running.has(deviceId)) return;
    clearTimeout(this.retryTimers.get(deviceId));
    this.retryTimers.delete(deviceId);
    const run = this.drain(deviceId).finally(() => this.running.delete(deviceId));
    this.running.set(deviceId, run);
  }

  private async drain(deviceId: string): Promise<void> {
    const device = this.devices.byId(deviceId);
    if (!device || device.status !== 'approved') return;
    const target = this.targetOf(device);
    for (;;) {
      if (this.stopped) return;
      const job = this.jobs.open().find((j) => j.deviceId === deviceId);
      if (!job) return;
      const outcome = await target.print({ id: job.id, bytes: job.bytes });
      const at = this.ctx.clock.now().toISOString();
      if (outcome.ok) {
        this.jobs.mark(job.id, 'printed', at);
        if (this.waiting.delete(deviceId))
          this.hub.alert(
            deviceId,
            device.name,
            device.laneId ?? undefined,
            'print-resumed',
            `${device.name} 已恢复打印`,
          );
        continue;
      }
      this.jobs.mark(job.id, 'waiting', at, outcome.code);
      const kind = ALERT_OF[outcome.code] ?? 'printer-error';
      if (!this.waiting.has(deviceId)) {
        this.waiting.add(deviceId);
        this.hub.alert(
          deviceId,
          device.name,
          device.laneId ?? undefined,
          kind,
          `${device.name}：${outcome.code}，小票将在恢复后继续打印`,
        );
      }
      this.ctx.log.warn({ device: deviceId, name: device.name, job: job.id, code: outcome.code }, 'print job waiting');
      if (!this.stopped) {
        const timer = setTimeout(() => {
          this.retryTimers.delete(deviceId);
          this.kick(deviceId);
        }, this.ctx.config.devices.printRetrySeconds * 1000);
        this.retryTimers.set(deviceId, timer);
      }
      return;
    }
  }
}
