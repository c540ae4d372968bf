/**
 * Worker-thread entry: runs one job named in workerData and posts its progress and result.
 * Started by WorkerJobRunner; the SEA build bundles this file as its own asset (see worker-script.ts).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runJobHere, type JobName } from './reconciliation.jobs.ts';

export type WorkerMessage =
  | { readonly type: 'progress'; readonly stage: string; readonly done: number }
  | { readonly type: 'done'; readonly result: unknown }
  | { readonly type: 'failed'; readonly message: string; readonly stack?: string };

/** Nice value of a job's threads: on two cores the event loop thread must win the CPU over a long parse. */
const JOB_NICENESS = 10;

/** Node's name for V8's platform threads (/proc/<pid>/task/<tid>/comm). */
const V8_PLATFORM_THREAD = 'V8Worker';

/**
 * Linux schedules threads, and nice applies per thread: /proc/thread-self names this thread's id, which
 * setpriority(2) accepts. A job's garbage collection mostly runs elsewhere, on V8's platform threads
 * (concurrent marking, parallel scavenges), which the process shares between its isolates: at normal
 * priority they took the event loop's core while a million-row job allocated (reconcile-box bench: lane
 * scan p99 during the jobs 8.9 ms, 4.3 ms with them at nice 10, the jobs as fast). The event loop's own
 * small heap is collected on its thread when those helpers wait. An unprivileged process cannot raise a
 * priority again, so they stay lowered once a job has run. Best effort: elsewhere jobs run at normal priority.
 */
function lowerJobThreadsPriority(): void {
  const lower = (thread: () => number | undefined): void => {
    try {
      const tid = thread();
      if (tid !== undefined && Number.isInteger(tid) && tid > 0) setPriority(tid, JOB_NICENESS);
    } catch {
      // not Linux, not permitted, or the thread has gone: keep its priority
    }
  };
  lower(() => Number(readlinkSync('/proc/thread-self').split('/').pop()));
  let tasks: string[] = [];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    // not Linux
  }
  for (const task of tasks)
    lower(() =>
      readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim() === V8_PLATFORM_THREAD ? Number(task) : undefined,
    );
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  lowerJobThreadsPriority();
  const { job, input } = workerData as { job: JobName; input: never };
  runJobHere(job, input, (p) => port.postMessage({ type: 'progress', ...p } satisfies WorkerMessage)).then(
    (result) => port.postMessage({ type: 'done', result } satisfies WorkerMessage),
    (e: unknown) =>
      port.postMessage({
        type: 'failed',
        message: e instanceof Error ? e.message : String(e),
        ...(e instanceof Error && e.stack ? { stack: e.stack } : {}),
      } satisfies WorkerMessage),
  );
}
