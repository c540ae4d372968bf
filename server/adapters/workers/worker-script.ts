import sea from 'node:sea';

/**
 * The single binary cannot load a .ts file from disk into a worker: its build bundles job.worker.ts
 * (with the embedded better-sqlite3 addon registered first, as scripts/sea/sea-entry.ts does) to one
 * CommonJS file stored as this SEA asset, which the worker evaluates.
 */
export const WORKER_ASSET = 'job-worker.cjs';

export type WorkerScript =
  | { readonly kind: 'file'; readonly url: URL }
  | { readonly kind: 'eval'; readonly code: string }
  /** no worker bundle in this binary: jobs run on the calling thread (and block it while they run) */
  | { readonly kind: 'inline' };

export function workerScript(): WorkerScript {
  if (!sea.isSea()) return { kind: 'file', url: new URL('./job.worker.ts', import.meta.url) };
  if (sea.getAssetKeys().includes(WORKER_ASSET)) return { kind: 'eval', code: sea.getAsset(WORKER_ASSET, 'utf8') };
  return { kind: 'inline' };
}
