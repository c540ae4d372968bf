import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The console's static files the box serves. `npm test` builds them first (pretest); a test run on
 * its own builds them when missing. Never rebuilt while tests run: the binary test embeds them.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  if (existsSync(join(ROOT, 'console/dist/lane.html')) && existsSync(join(ROOT, 'console/dist/index.html'))) return;
  await build({ configFile: join(ROOT, 'console/vite.config.ts'), logLevel: 'silent' });
}
