import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// STYLE.md habit 2: the catalog and pricing core stay pure so a lane's browser can price on its own.
const FORBIDDEN = [
  /from 'node:/,
  /from '(fastify|better-sqlite3|aedes|mqtt|ws|pino)'/,
  /Date\.now\(/,
  /new Date\(\)/,
  /Math\.random\(/,
  /from '\.\.\/\.\.\/(adapters|app|runtime)\//,
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('core/catalog and core/pricing are pure', () => {
  const files = [...sources(join(import.meta.dirname, '..', 'catalog')), ...sources(import.meta.dirname)];
  it('found the sources', () => expect(files.length).toBeGreaterThan(20));
  it.each(files)('%s imports no I/O and reads no clock or randomness', (file) => {
    const text = readFileSync(file, 'utf8');
    for (const pattern of FORBIDDEN) expect(text).not.toMatch(pattern);
  });
});
