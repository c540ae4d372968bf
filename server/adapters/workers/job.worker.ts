/**
 * Worker-thread entry: runs one job named in workerData and posts its progress and result.
 * Started by WorkerJobRunner; the SEA build bundles this file as its own asset (see worker-script.ts).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runJobHere, type JobName } from './reconciliation.jobs.ts';

export type WorkerMessage =
  | { readonly type: 'progress'; readonly stage: string; readonly done: number }
  | { readonly type: 'done'; readonly result: unknown }
  | { readonly type: 'failed'; readonly message: string; readonly stack?: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { job, input } = workerData as { job: JobName; input: never };
  runJobHere(job, input, (p) => port.postMessage({ type: 'progress', ...p } satisfies WorkerMessage)).then(
    (result) => port.postMessage({ type: 'done', result } satisfies WorkerMessage),
    (e: unknown) => port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e), ...(e instanceof Error && e.stack ? { stack: e.stack } : {}) } satisfies WorkerMessage),
  );
}
