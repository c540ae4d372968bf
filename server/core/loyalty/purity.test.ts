import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** STYLE.md habit 2: the loyalty and members cores stay pure (no I/O, no clock, no randomness). */
const roots = [import.meta.dirname, join(import.meta.dirname, '..', 'members')];
const FORBIDDEN: [RegExp, string][] = [
  [/from ['"]node:/, 'node:* import'],
  [/from ['"](fastify|better-sqlite3|aedes|mqtt|ws|serialport|pino)/, 'adapter import'],
  [/from ['"][./]*\/(adapters|app|runtime)\//, 'outer layer import'],
  [/Date\.now\(/, 'Date.now()'],
  [/new Date\(\)/, 'argument-less new Date()'],
  [/Math\.random\(/, 'Math.random()'],
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

describe('loyalty core purity', () => {
  it('has sources to check', () => {
    expect(roots.flatMap(sources).length).toBeGreaterThan(20);
  });
  it.each(roots.flatMap(sources))('%s is pure', (file) => {
    const text = readFileSync(file, 'utf8');
    for (const [re, what] of FORBIDDEN) expect(re.test(text), `${what} in ${file}`).toBe(false);
  });
});
