import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareSeaAssets, REPO_ROOT } from '../../scripts/build-binary.ts';
import { removeDir } from '../support/test-box.ts';

// A fresh checkout has no console/dist: the binary build (npm run bench builds dist/storebox when it
// is missing, without npm's prebuild:binary step) must build the console itself, not fail for it.
const root = mkdtempSync(join(tmpdir(), 'storebox-fresh-checkout-'));
const staging = mkdtempSync(join(tmpdir(), 'storebox-fresh-staging-'));
afterAll(() => {
  removeDir(root);
  removeDir(staging);
});

describe('the single binary build on a fresh checkout', () => {
  it('builds the console when console/dist is missing and embeds its pages', async () => {
    // the checkout: the console's sources without dist; the code and packages it imports, as they are
    cpSync(join(REPO_ROOT, 'console'), join(root, 'console'), {
      recursive: true,
      filter: (src) => !src.startsWith(join(REPO_ROOT, 'console', 'dist')),
    });
    for (const dir of ['server', 'devices', 'migrations', 'node_modules', 'package.json', 'tsconfig.json'])
      symlinkSync(join(REPO_ROOT, dir), join(root, dir));
    expect(existsSync(join(root, 'console', 'dist'))).toBe(false);

    const assets = await prepareSeaAssets(root, staging);

    for (const page of ['console/dist/index.html', 'console/dist/lane.html', 'console/dist/display.html']) {
      expect(assets[page]).toBe(join(root, page));
      expect(existsSync(assets[page])).toBe(true);
    }
  }, 120_000);
});
