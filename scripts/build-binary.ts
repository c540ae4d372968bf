/**
 * npm run build:binary [-- --out FILE]: the single binary (Linux x64), dist/storebox by default.
 * Node's own Single Executable Applications (pkg cannot build offline, see docs/platform.md):
 * esbuild bundles scripts/sea/sea-entry.ts to one CommonJS file, `node --experimental-sea-config`
 * turns it and the assets (scripts/sea/sea-assets.ts) into a blob, postject injects the blob into a
 * stripped copy of the project's Node 24 binary.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { absentOptionalModulesPlugin, embeddedAddonsPlugin } from './sea/sea-plugins.ts';
import { resolveAssets, SEA_ASSETS } from './sea/sea-assets.ts';
import { ensureConsoleBuilt } from './console-build.ts';
import { WORKER_ASSET } from '../server/adapters/workers/worker-script.ts';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_BINARY = join(REPO_ROOT, 'dist', 'storebox');

// Node's SEA fuse: postject flips it so the binary runs its embedded blob (nodejs.org/api/single-executable-applications.html)
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export type BuildReport = { file: string; bytes: number; bundleBytes: number; blobBytes: number; ms: number };

/** The real Node 24 executable behind node_modules/.bin/node (the `node` npm package), not a shim. */
export function projectNodeBinary(root = REPO_ROOT): string {
  const file = realpathSync(join(root, 'node_modules', '.bin', 'node'));
  const head = readFileSync(file).subarray(0, 4);
  if (!head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) throw new Error(`${file} is not an ELF executable`);
  return file;
}

export const SEA_ENTRY = join(REPO_ROOT, 'scripts', 'sea', 'sea-entry.ts');
/** The job worker's entry: bundled on its own and embedded as WORKER_ASSET (server/adapters/workers/worker-script.ts). */
export const SEA_WORKER_ENTRY = join(REPO_ROOT, 'scripts', 'sea', 'sea-worker-entry.ts');

/** `entry` is for tests that prove a bundling path (e.g. serialport's addon) before the CLI uses it. */
export async function buildBinary({
  out = DEFAULT_BINARY,
  entry = SEA_ENTRY,
  log = (line: string) => console.log(line),
} = {}): Promise<BuildReport> {
  const started = performance.now();
  const node = projectNodeBinary();
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v24.')) throw new Error(`${node} is ${version}; the binary is built on Node 24`);
  const staging = mkdtempSync(join(tmpdir(), 'storebox-sea-'));
  try {
    const bundle = join(staging, 'storebox.cjs');
    const workerBundle = join(staging, WORKER_ASSET);
    // the box and its job worker: two bundles of the same code, each its own CommonJS program
    const results = await Promise.all([bundleCjs(entry, bundle), bundleCjs(SEA_WORKER_ENTRY, workerBundle)]);
    if (results.some((r) => r.errors.length > 0)) throw new Error('bundling failed');
    const bundleBytes = statSync(bundle).size;

    const blob = join(staging, 'sea-prep.blob');
    const config = {
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: true, // V8 code cache of the bundle: faster cold start for a few MB
      assets: { ...(await prepareSeaAssets(REPO_ROOT, staging)), [WORKER_ASSET]: workerBundle },
    };
    const configFile = join(staging, 'sea-config.json');
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    execFileSync(node, ['--experimental-sea-config', configFile], { cwd: staging, stdio: 'pipe' });
    const blobBytes = statSync(blob).size;

    const exe = join(staging, 'storebox');
    copyFileSync(node, exe);
    chmodSync(exe, 0o755);
    // the npm node binary carries debug info (≈ 18 MB); binutils warns about its many .note sections, harmlessly
    execFileSync('strip', [exe], { stdio: 'pipe' });
    execFileSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules', 'postject', 'dist', 'cli.js'),
        exe,
        'NODE_SEA_BLOB',
        blob,
        '--sentinel-fuse',
        SEA_FUSE,
      ],
      { stdio: 'pipe' },
    );

    // rename into place: a running copy of the previous binary is not overwritten under its feet (ETXTBSY)
    const target = resolve(out);
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    copyFileSync(exe, partial);
    chmodSync(partial, 0o755);
    renameSync(partial, target);

    const report = {
      file: target,
      bytes: statSync(target).size,
      bundleBytes,
      blobBytes,
      ms: Math.round(performance.now() - started),
    };
    log(
      `built ${report.file}: ${mb(report.bytes)} (bundle ${mb(bundleBytes)}, SEA blob ${mb(blobBytes)}) in ${report.ms} ms with Node ${version}`,
    );
    return report;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The SEA config's assets, after building what a fresh checkout lacks: the console (console/dist)
 * is built here when missing, so buildBinary works without `npm run build:binary`'s prebuild step
 * (npm run bench, the binary test).
 */
export async function prepareSeaAssets(root: string, stagingDir: string): Promise<Record<string, string>> {
  await ensureConsoleBuilt(root);
  return resolveAssets(SEA_ASSETS, root, stagingDir);
}

/** One entry bundled to a CommonJS file the SEA can run (the main script, or code a worker evaluates). */
function bundleCjs(entry: string, outfile: string) {
  return build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    legalComments: 'none',
    plugins: [embeddedAddonsPlugin, absentOptionalModulesPlugin],
    define: {
      'import.meta.main': 'false', // the entry calls runCli; server/cli/storebox.ts must not run itself too
      // ws: skip the optional native helpers (not embedded) instead of trying to require them
      'process.env.WS_NO_BUFFER_UTIL': '"1"',
      'process.env.WS_NO_UTF_8_VALIDATE': '"1"',
    },
    // import.meta.url is empty in CommonJS: server/ reads it only when !sea.isSea() (migration-files.ts,
    // runtime/assets.ts, workers/worker-script.ts); test/foundation/binary.test.ts runs the binary to keep that true
    logOverride: { 'empty-import-meta': 'silent' },
    logLevel: 'warning',
  });
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  await buildBinary({ out: values.out });
}
