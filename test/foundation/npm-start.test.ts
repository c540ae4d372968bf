import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/box-process.ts';
import { removeDir } from '../support/test-box.ts';
import { waitFor } from '../devices/device-test-kit.ts';

// `npm start` as an operator runs it: npm → the box. A signal to npm alone (SIGTERM from a process
// manager) or to the whole foreground group (Ctrl-C) must stop the box, never leave it orphaned.
// --ignore-scripts skips prestart (the console build), not the start script itself.

const dirs: string[] = [];
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL'); // only if a test failed and left its box behind
    } catch {}
  }
  while (dirs.length) removeDir(dirs.pop()!);
});

/** Running (a zombie waiting for a reaper counts as gone). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Spawns `npm start` in its own process group; resolves with npm's pid and the box's pid once it is ready. */
async function npmStart() {
  const dataDir = mkdtempSync(join(tmpdir(), 'storebox-npmstart-'));
  dirs.push(dataDir);
  const npm = spawn('npm', ['start', '--ignore-scripts', '--silent'], {
    cwd: REPO_ROOT,
    detached: true,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      STOREBOX_DATA_DIR: dataDir,
      STOREBOX_HTTP_PORT: '0',
      STOREBOX_MQTT_PORT: '0',
      STOREBOX_MDNS: 'false',
      STOREBOX_DEMO: 'false',
      STOREBOX_ADMIN_PASSWORD: 'admin-test-pass',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout!.on('data', (d) => (out += d));
  npm.stderr!.on('data', (d) => (out += d));
  const npmExited = new Promise<void>((r) => npm.once('exit', () => r()));
  await waitFor('storebox ready', () => out.includes('"storebox ready"') || npm.exitCode !== null, 30_000);
  const ready = out.split('\n').find((l) => l.includes('"storebox ready"'));
  if (!ready) throw new Error(`npm start exited before the box was ready:\n${out}`);
  const boxPid = (JSON.parse(ready) as { pid: number }).pid;
  started.push(boxPid);
  return { npm, npmExited, boxPid, output: () => out };
}

describe('npm start', () => {
  it('stops the box when npm alone gets SIGTERM, as a process manager sends it', async () => {
    const run = await npmStart();
    expect(run.boxPid).not.toBe(run.npm.pid);
    expect(alive(run.boxPid)).toBe(true);
    process.kill(run.npm.pid!, 'SIGTERM');
    await waitFor('the box to exit', () => !alive(run.boxPid), 15_000);
    await run.npmExited;
    expect(run.output()).toContain('"signal":"SIGTERM"');
    expect(run.output()).toContain('"msg":"stopped"');
  });

  it('stops the box gracefully when Ctrl-C sends SIGINT to the whole group', async () => {
    const run = await npmStart();
    process.kill(-run.npm.pid!, 'SIGINT');
    await waitFor('the box to exit', () => !alive(run.boxPid), 15_000);
    await run.npmExited;
    expect(run.output()).toContain('"signal":"SIGINT"');
    expect(run.output()).toContain('"msg":"stopped"');
  });

  it('stops the box when npm is killed outright and cannot pass any signal on', async () => {
    const run = await npmStart();
    process.kill(run.npm.pid!, 'SIGKILL');
    await waitFor('the box to exit', () => !alive(run.boxPid), 15_000);
    expect(run.output()).toContain('"msg":"stopped"');
  });
});
