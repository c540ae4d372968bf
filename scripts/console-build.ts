import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The pages every console build must produce (console/vite.config.ts). */
const PAGES = ['index.html', 'lane.html', 'display.html'];

/**
 * The console's static files (console/dist) the box serves and the single binary embeds, built
 * (vite, as `npm run build:console`) when missing: a fresh checkout has none, and `npm run bench`
 * or a test file run on its own must not fail for it. Never rebuilt when present: the binary test
 * embeds them while other tests read them.
 */
export async function ensureConsoleBuilt(root = REPO_ROOT): Promise<void> {
  if (PAGES.every((page) => existsSync(join(root, 'console/dist', page)))) return;
  await build({ configFile: join(root, 'console/vite.config.ts'), logLevel: 'silent' });
}
