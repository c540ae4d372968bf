import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const HQ_USER = 'hq';
export const HQ_PASSWORD = 'hq-secret';
export const STORE_USER = 'S001';
export const STORE_PASSWORD = 'store-secret';

/** A free loopback port: bind to 0, read it, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Debian's mosquitto 2.0 as a stand-in HQ broker: its own config on a loopback port, a password
 * file (two accounts: HQ's services and the store), anonymous refused. stop()/start() keep the port,
 * to play an HQ outage.
 */
export class HqBroker {
  readonly dir = mkdtempSync(join(tmpdir(), 'storebox-hq-'));
  readonly port: number;
  private child: ChildProcess | undefined;
  private log = '';

  private constructor(port: number) {
    this.port = port;
    const passwd = join(this.dir, 'passwd');
    execFileSync('mosquitto_passwd', ['-c', '-b', passwd, HQ_USER, HQ_PASSWORD]);
    execFileSync('mosquitto_passwd', ['-b', passwd, STORE_USER, STORE_PASSWORD]);
    writeFileSync(
      join(this.dir, 'mosquitto.conf'),
      [
        `listener ${port} 127.0.0.1`,
        'allow_anonymous false',
        `password_file ${passwd}`,
        'persistence false',
        // mosquitto started by root drops to user `mosquitto`, who cannot read this private temp dir
        `user ${userInfo().username}`,
        'max_queued_messages 100000',
        'log_type error',
        'log_type warning',
        '',
      ].join('\n'),
    );
  }

  static async start(): Promise<HqBroker> {
    const broker = new HqBroker(await freePort());
    await broker.start();
    return broker;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('/usr/sbin/mosquitto', ['-c', join(this.dir, 'mosquitto.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (this.log += d));
    child.stderr!.on('data', (d) => (this.log += d));
    this.child = child;
    // listening once a TCP connect succeeds; bounded
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`mosquitto exited: ${this.log}`);
      if (await canConnect(this.port)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`mosquitto did not listen on ${this.port}: ${this.log}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
