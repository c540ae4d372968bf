import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/box-process.ts';

describe('the route-level tier', () => {
  it('has an inject test file for every route file (test/routes/<name>.routes.test.ts), the uplink status route too', () => {
    const routeFiles = readdirSync(join(REPO_ROOT, 'server/adapters/http/routes')).filter((f) =>
      f.endsWith('.routes.ts'),
    );
    const wanted = [...routeFiles, 'uplink-status.routes.ts'].map((f) => f.replace(/\.ts$/, '.test.ts'));
    const present = new Set(readdirSync(join(REPO_ROOT, 'test/routes')));
    expect(routeFiles.length).toBeGreaterThan(20);
    expect(wanted.filter((f) => !present.has(f))).toEqual([]);
  });
});
