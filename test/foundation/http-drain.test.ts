import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../server/adapters/http/http-server.ts';
import { createMetrics } from '../../server/adapters/http/metrics.ts';
import { removeDir, testConfig } from '../support/test-box.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'storebox-drain-'));
afterAll(() => removeDir(dataDir));

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Defect #9 item 19 (every reply in the envelope), while the box stops: the HTTP server of the box
// with two routes of its own, one held open so its keep-alive connection is busy when stop begins.
describe('a request arriving while the HTTP server drains', () => {
  it('is answered 503 UNAVAILABLE in the envelope, with Connection: close; the request in flight finishes', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered = false;
    let closing = false;
    const server = new HttpServer({
      config: testConfig(dataDir),
      log: pino({ level: 'silent' }),
      version: 'test',
      metrics: createMetrics(),
      installAuth: () => {},
      routes: [
        async (app) => {
          app.addHook('preClose', async () => {
            closing = true;
          });
          app.get('/held', async () => {
            entered = true;
            await held;
            return { ok: true, data: 'held' };
          });
          app.get('/next', async () => ({ ok: true, data: 'next' }));
        },
      ],
    });
    await server.start();
    const socket = connect(server.port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => (text += d.toString('utf8')));
    const closed = new Promise((r) => socket.once('close', r));
    await new Promise((r) => socket.once('connect', r));
    socket.write('GET /held HTTP/1.1\r\nHost: x\r\n\r\n');
    await until('the held request in its handler', () => entered);
    const stopping = server.stop();
    await until('the server closing', () => closing);
    socket.write('GET /next HTTP/1.1\r\nHost: x\r\n\r\n');
    release();
    await closed;
    await stopping;

    const answers = text.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(answers[1].toLowerCase()).toContain('connection: close');
    expect(JSON.parse(answers[1].slice(answers[1].indexOf('\r\n\r\n') + 4))).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.any(String) },
    });
  });
});
