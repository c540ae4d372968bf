import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyPair } from '../../devices/simulators/pty-pair.ts';
import { removeDir } from '../support/test-box.ts';

// PtyPair drives Debian's socat. Without it, start() must refuse with a reason a person can act on;
// before, the spawn's 'error' event had no listener and took the whole process down (npm run bench).
const path = process.env.PATH;
const dirs: string[] = [];
afterEach(() => {
  process.env.PATH = path;
  while (dirs.length) removeDir(dirs.pop()!);
});

describe('a pty pair without socat', () => {
  it('refuses to start with a reason naming socat, and the process lives on', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'storebox-nosocat-'));
    dirs.push(empty);
    process.env.PATH = empty; // no socat on this PATH
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const pty = new PtyPair('nosocat');
      await expect(pty.start()).rejects.toThrow(/socat.*not installed.*apt-get install socat/s);
      await pty.stop(); // safe after a failed start
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});
