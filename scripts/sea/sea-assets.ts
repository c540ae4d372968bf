import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { MIGRATIONS_ASSET, readMigrationsDir } from '../../server/adapters/sqlite/migration-files.ts';
import { ADDON_ASSETS } from './embedded-addon.ts';
import { SWAGGER_UI_STATIC } from '../../server/adapters/http/docs-page.ts';
import { CONSOLE_DIST } from '../../server/adapters/http/routes/console.routes.ts';

/**
 * What the single binary embeds besides its code. Keys are what the box asks for at run time
 * (sea.getAsset, server/runtime/assets.ts); paths are relative to the repository root.
 * - file: one file under its own key;
 * - dir: every file under the directory, each keyed by its repo-relative path (e.g. console/dist/index.html),
 *   so static files are read with the same key in the binary and from source;
 * - generated: content computed at build time.
 * The job worker's own bundle (WORKER_ASSET, server/adapters/workers/worker-script.ts) is added by
 * scripts/build-binary.ts, which bundles it beside the box's.
 */
export type AssetSource =
  | { readonly kind: 'file'; readonly key: string; readonly path: string }
  | { readonly kind: 'dir'; readonly dir: string }
  | { readonly kind: 'generated'; readonly key: string; readonly content: (root: string) => string };

export const SEA_ASSETS: readonly AssetSource[] = [
  {
    kind: 'generated',
    key: MIGRATIONS_ASSET,
    content: (root) => JSON.stringify(readMigrationsDir(join(root, 'migrations'))),
  },
  { kind: 'file', key: ADDON_ASSETS.betterSqlite3, path: 'node_modules/better-sqlite3/prebuilds/linux-x64.node' },
  { kind: 'dir', dir: SWAGGER_UI_STATIC },
  // the console, lane screen and customer display (npm run build:console)
  { kind: 'dir', dir: CONSOLE_DIST },
  {
    kind: 'file',
    key: ADDON_ASSETS.serialport,
    path: 'node_modules/@serialport/bindings-cpp/prebuilds/linux-x64/@serialport+bindings-cpp.glibc.node',
  },
];

/** The `assets` map of the SEA config (key → absolute file); generated contents are written to `stagingDir`. */
export function resolveAssets(
  sources: readonly AssetSource[],
  root: string,
  stagingDir: string,
): Record<string, string> {
  const assets: Record<string, string> = {};
  const add = (key: string, file: string) => {
    if (key in assets) throw new Error(`SEA asset ${key} is listed twice`);
    assets[key] = file;
  };
  for (const source of sources) {
    switch (source.kind) {
      case 'file': {
        const file = join(root, source.path);
        if (!statSync(file, { throwIfNoEntry: false })?.isFile())
          throw new Error(`SEA asset ${source.key}: ${source.path} is missing`);
        add(source.key, file);
        break;
      }
      case 'dir': {
        const dir = join(root, source.dir);
        if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
          throw new Error(`SEA asset directory ${source.dir} is missing (build it first)`);
        for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
          if (!entry.isFile()) continue;
          const file = join(entry.parentPath, entry.name);
          add(relative(root, file).split(sep).join('/'), file);
        }
        break;
      }
      case 'generated': {
        const file = join(stagingDir, source.key.replaceAll('/', '_'));
        writeFileSync(file, source.content(root));
        add(source.key, file);
        break;
      }
    }
  }
  return assets;
}
