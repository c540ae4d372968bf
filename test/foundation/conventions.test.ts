import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../../server/contracts/errors/catalog.ts';
import { renderErrorsDoc } from '../../scripts/errors-doc.ts';
import { REPO_ROOT } from '../support/box-process.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('error catalog', () => {
  it('docs/errors.md matches the catalog (regenerate: node scripts/errors-doc.ts)', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs/errors.md'), 'utf8')).toBe(renderErrorsDoc());
  });
  it('every code the server returns is in the catalog', () => {
    const missing = new Set<string>();
    const files = [...sourceFiles(join(REPO_ROOT, 'server')), ...sourceFiles(join(REPO_ROOT, 'devices'))];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\berr\(\s*'([A-Z][A-Z0-9_]+)'/g))
        if (!(m[1] in errorCatalog)) missing.add(`${m[1]} (${relative(REPO_ROOT, file)})`);
    }
    expect([...missing]).toEqual([]);
  });
  it('every entry has an HTTP status and both languages', () => {
    for (const [code, e] of Object.entries(errorCatalog)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.en.length).toBeGreaterThan(3);
    }
  });
});
