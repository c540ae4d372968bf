import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sea from 'node:sea';

/** SEA asset keys of the native addons embedded in the single binary (paths: scripts/sea/sea-assets.ts). */
export const ADDON_ASSETS = {
  betterSqlite3: 'addons/better_sqlite3.node',
  serialport: 'addons/serialport.node',
} as const;

export type AddonAsset = (typeof ADDON_ASSETS)[keyof typeof ADDON_ASSETS];

const loaded = new Map<AddonAsset, object>();

/**
 * Loads a native addon embedded as a SEA asset. The dynamic loader can only map a file, so the
 * bytes go to a private temp directory (mkdtemp, mode 0700: nobody can swap the file between
 * write and dlopen), are dlopen'd, and the file is removed at once; the mapping stays valid.
 * Under systemd, PrivateTmp gives the box its own /tmp.
 */
export function loadEmbeddedAddon(asset: AddonAsset): object {
  const cached = loaded.get(asset);
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'storebox-addon-'));
  const file = join(dir, asset.replaceAll('/', '_'));
  const module = { exports: {} as object };
  try {
    writeFileSync(file, new Uint8Array(sea.getRawAsset(asset)), { mode: 0o700 });
    process.dlopen(module, file);
  } catch (e) {
    throw new Error(
      `cannot load the embedded addon ${asset} from ${dir} (${(e as Error).message}); if ${tmpdir()} is mounted noexec, set TMPDIR to a directory that allows executable mappings`,
      { cause: e },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  loaded.set(asset, module.exports);
  return module.exports;
}
