/**
 * Worker-thread entry: runs one job named in workerData and posts its progress and result.
 * Started by WorkerJobRunner; the SEA build bundles this file as its own asset (see worker-script.ts).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runJobHere, type JobName } from './reconciliation.jobs.ts';

export type WorkerMessage =
  | { readonly type: 'progress'; readonly stage: string; readonly done: number }
  | { readonly type: 'done'; readonly result: unknown }
  | { readonly type: 'failed'; readonly message: string; readonly stack?: string };

/** Nice value of a job thread: on two cores the event loop thread must win the CPU over a long parse. */
const JOB_NICENESS = 10;

/**
 * Linux schedules threads, and nice applies per thread: /proc/thread-self names this thread's id, which
 * setpriority(2) accepts. Best effort: elsewhere the job simply runs at normal priority.
 */
function lowerThisThreadsPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, JOB_NICENESS);
  } catch {
    // not Linux, or not permitted: keep the default priority
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  lowerThisThreadsPriority();
  const { job, input } = workerData as { job: JobName; input: never };
  runJobHere(job, input, (p) => port.postMessage({ type: 'progress', ...p } satisfies WorkerMessage)).then(
    (result) => port.postMessage({ type: 'done', result } satisfies WorkerMessage),
    (e: unknown) => port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e), ...(e instanceof Error && e.stack ? { stack: e.stack } : {}) } satisfies WorkerMessage),
  );
}
