import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { JobRunner } from '../../app/ports/job-runner.port.ts';
import type { WorkerMessage } from './job.worker.ts';
import { runJobHere, type JobMap, type JobName, type JobProgress } from './reconciliation.jobs.ts';
import { workerScript, type WorkerScript } from './worker-script.ts';

/** Heap for one job: a 1M-row bill parsed into row objects, or 1M tenders × 1M rows in maps. */
const WORKER_HEAP_MB = 4096;

/**
 * Runs heavy jobs (statement parsing, 1M × 1M matching) on a worker thread so the event loop keeps
 * answering lanes. One job at a time: they compete for the same two cores and the database's writer.
 */
export class WorkerJobRunner implements JobRunner {
  private readonly log: Logger;
  private readonly script: WorkerScript;
  private readonly running = new Set<Worker>();
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(log: Logger, script: WorkerScript = workerScript()) {
    this.log = log;
    this.script = script;
    if (script.kind === 'inline')
      log.warn('this binary carries no worker bundle: reconciliation jobs run on the main thread');
  }

  run<N extends JobName>(
    name: N,
    input: JobMap[N]['input'],
    onProgress: (p: JobProgress) => void = () => {},
  ): Promise<JobMap[N]['output']> {
    const next = this.queue.then(() => this.runNow(name, input, onProgress));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private runNow<N extends JobName>(
    name: N,
    input: JobMap[N]['input'],
    onProgress: (p: JobProgress) => void,
  ): Promise<JobMap[N]['output']> {
    if (this.stopped) return Promise.reject(new Error('job runner stopped'));
    if (this.script.kind === 'inline') return runJobHere(name, input, onProgress);
    const options = { workerData: { job: name, input }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
    const worker =
      this.script.kind === 'file'
        ? new Worker(this.script.url, options)
        : new Worker(this.script.code, { ...options, eval: true });
    this.running.add(worker);
    const started = performance.now();
    return new Promise<JobMap[N]['output']>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        this.running.delete(worker);
        fn();
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') onProgress({ stage: m.stage, done: m.done });
        else if (m.type === 'done') {
          this.log.info({ job: name, ms: Math.round(performance.now() - started) }, 'worker job done');
          finish(() => resolve(m.result as JobMap[N]['output']));
        } else
          finish(() =>
            reject(Object.assign(new Error(`worker job ${name} failed: ${m.message}`), { workerStack: m.stack })),
          );
      });
      worker.on('error', (e) => finish(() => reject(e)));
      worker.on('exit', (code) =>
        finish(() => reject(new Error(`worker job ${name} exited with code ${code} before answering`))),
      );
    });
  }

  /** Terminates running jobs (an import left 'importing' is discarded by the next start or re-import). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.running].map((w) => w.terminate()));
    this.running.clear();
  }
}
