import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sea from 'node:sea';
import type { FastifyInstance } from 'fastify';
import swaggerUi from '@fastify/swagger-ui';
import { assetKeys, readAsset } from '../../runtime/assets.ts';

/** swagger-ui's own files, embedded in the single binary as assets (scripts/sea/sea-assets.ts). */
export const SWAGGER_UI_STATIC = 'node_modules/@fastify/swagger-ui/static';

/**
 * The API docs page at /docs, bundled (no CDN). swagger-ui serves its files from its package
 * directory; the single binary has none, so there its embedded copies are written to a private
 * temp directory first. Returns a cleanup for stop().
 */
export async function registerDocsPage(app: FastifyInstance): Promise<() => void> {
  const options = { routePrefix: '/docs', uiConfig: { url: '/openapi.json' } };
  if (!sea.isSea()) {
    await app.register(swaggerUi, options);
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'storebox-docs-'));
  for (const key of assetKeys(SWAGGER_UI_STATIC)) {
    const file = join(dir, key.slice(SWAGGER_UI_STATIC.length + 1));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, readAsset(key)!);
  }
  const logo = readAsset(`${SWAGGER_UI_STATIC}/logo.svg`);
  await app.register(swaggerUi, {
    ...options,
    baseDir: dir,
    ...(logo ? { logo: { type: 'image/svg+xml', content: logo } } : {}),
  });
  return () => rmSync(dir, { recursive: true, force: true });
}
