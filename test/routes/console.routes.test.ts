import { describe, expect, it } from 'vitest';
import { useInjectBox } from '../support/inject-box.ts';

// The pages themselves (console/dist, built by `npm run build:console`) are the browser tests' (test/console/).
describe('console routes (inject)', () => {
  const t = useInjectBox();

  it('/ opens the console; /lane and /display keep their query string on the way to their page', async () => {
    const root = await t.api('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/console/');
    expect((await t.api('/console?x=1')).headers.location).toBe('/console/?x=1');
    expect((await t.api('/lane?lane=L01')).headers.location).toBe('/console/lane.html?lane=L01');
    expect((await t.api('/display?lane=L02')).headers.location).toBe('/console/display.html?lane=L02');
  });

  it('a file that is not in the console build is a plain 404, also when the path climbs out of it', async () => {
    for (const path of [
      '/console/no-such-file.js',
      '/console/../package.json',
      '/console/%2e%2e/%2e%2e/package.json',
    ]) {
      const r = await t.api(path);
      expect(r.status, path).toBe(404);
      expect(String(r.body), path).not.toContain('"name": "storebox"');
    }
  });
});
