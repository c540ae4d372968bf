import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import sea from 'node:sea';

/**
 * Files the box ships with (the console's static files, ...), keyed by their path relative to the
 * repository root ('console/dist/index.html'): SEA assets in the single binary (listed in
 * scripts/sea/sea-assets.ts), files under the repository root when run from source.
 */

function repoRoot(): string {
  // only from source: import.meta.url is empty in the binary's CommonJS bundle
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** A key is a relative path without '.' or '..' segments, so a request path can never leave the tree. */
function isSafeKey(key: string): boolean {
  return (
    key !== '' &&
    !key.startsWith('/') &&
    !key.includes('\\') &&
    key.split('/').every((s) => s !== '' && s !== '.' && s !== '..')
  );
}

/** The asset's bytes, or undefined when there is no such asset. */
export function readAsset(key: string): Buffer | undefined {
  if (!isSafeKey(key)) return undefined;
  if (sea.isSea()) return sea.getAssetKeys().includes(key) ? Buffer.from(sea.getAsset(key)) : undefined;
  const file = join(repoRoot(), key);
  return statSync(file, { throwIfNoEntry: false })?.isFile() ? readFileSync(file) : undefined;
}

/** Keys of the assets under a directory key ('console/dist'), sorted. */
export function assetKeys(dir: string): string[] {
  if (!isSafeKey(dir)) return [];
  const prefix = `${dir}/`;
  if (sea.isSea())
    return sea
      .getAssetKeys()
      .filter((k) => k.startsWith(prefix))
      .sort();
  const root = repoRoot();
  const base = join(root, dir);
  if (!statSync(base, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}
