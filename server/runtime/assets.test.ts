import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assetKeys, readAsset } from './assets.ts';

// From source the assets are the repository's files; the binary test covers the SEA side.
describe('assets from source', () => {
  it('reads a file by its repo-relative key', () => {
    expect(readAsset('migrations/0001_init.sql')?.toString('utf8')).toBe(
      readFileSync(new URL('../../migrations/0001_init.sql', import.meta.url), 'utf8'),
    );
  });

  it('lists a directory as repo-relative keys, each readable', () => {
    const keys = assetKeys('migrations');
    expect(keys).toContain('migrations/0001_init.sql');
    expect(keys).toEqual([...keys].sort());
    for (const key of keys) expect(readAsset(key)).toBeInstanceOf(Buffer);
  });

  it('refuses keys that would leave the tree and answers undefined for missing ones', () => {
    for (const key of [
      '../package.json',
      'migrations/../package.json',
      '/etc/passwd',
      './package.json',
      'migrations//0001_init.sql',
      '',
    ])
      expect(readAsset(key)).toBeUndefined();
    expect(readAsset('migrations/9999_missing.sql')).toBeUndefined();
    expect(readAsset('migrations')).toBeUndefined();
    expect(assetKeys('../node_modules')).toEqual([]);
    expect(assetKeys('no-such-dir')).toEqual([]);
  });
});
