import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A connected pair of pseudo-terminals made by Debian socat
 * (`socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B`): the driver opens `devicePath`'s
 * peer `hostPath`, a simulator opens `devicePath`. Baud and parity are accepted and ignored on a pty.
 */
export class PtyPair {
  readonly hostPath: string;
  readonly devicePath: string;
  #dir: string;
  #child: ChildProcess | undefined;

  constructor(name = 'pty') {
    this.#dir = mkdtempSync(join(tmpdir(), `storebox-${name}-`));
    this.hostPath = join(this.#dir, 'host');
    this.devicePath = join(this.#dir, 'device');
  }

  /** Starts socat and waits (bounded) until both links exist. */
  async start(timeoutMs = 3000): Promise<void> {
    if (this.#child) return;
    const child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.hostPath}`, `pty,raw,echo=0,link=${this.devicePath}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    this.#child = child;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    // without a listener a spawn failure (socat not installed: ENOENT) is an unhandled 'error' event
    // that ends the whole process (a test run, npm run bench); here it fails this start() only
    let spawnError: NodeJS.ErrnoException | undefined;
    child.once('error', (e: NodeJS.ErrnoException) => (spawnError = e));
    const deadline = Date.now() + timeoutMs;
    // socat logs "starting data transfer loop" once both ptys are open.
    while (!(
      existsSync(this.hostPath) &&
      existsSync(this.devicePath) &&
      stderr.includes('starting data transfer loop')
    )) {
      if (spawnError) {
        await this.stop();
        throw new Error(
          spawnError.code === 'ENOENT'
            ? 'socat is not installed (Debian: apt-get install socat); it makes the pty pairs of the serial device simulators'
            : `socat could not be started: ${spawnError.message}`,
        );
      }
      if (child.exitCode !== null || Date.now() > deadline) {
        await this.stop();
        throw new Error(`socat did not create the pty pair: ${stderr.trim() || 'timeout'}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Kills socat and removes the links; safe to call twice. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    // a child that never started (spawn 'error') has no pid and never emits 'exit'
    if (child && child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
