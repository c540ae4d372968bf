/**
 * Entry of the job worker inside the single binary, bundled to CommonJS by scripts/build-binary.ts
 * and embedded as the SEA asset WORKER_ASSET, which WorkerJobRunner evaluates in a worker thread
 * (server/adapters/workers/worker-script.ts). A worker is a fresh JavaScript context: it registers
 * the embedded better-sqlite3 addon itself, as sea-entry.ts does for the main thread, and only then
 * loads job.worker.ts, which opens the job's database as soon as it runs.
 */
import { setNativeBinding } from '../../server/adapters/sqlite/native-binding.ts';
import { ADDON_ASSETS, loadEmbeddedAddon } from './embedded-addon.ts';

setNativeBinding(loadEmbeddedAddon(ADDON_ASSETS.betterSqlite3));
// a dynamic import, so the job starts after the registration above (static imports would run first)
void import('../../server/adapters/workers/job.worker.ts');
