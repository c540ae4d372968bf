import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { useTestBox } from '../support/test-box.ts';

// Defect #9 items 17 and 19: the HTTP edge. Every reply, framework errors included, is the
// {ok:false, error:{code, message}} envelope; a body nested thousands of levels is refused at the
// edge; slow clients are cut off by the request and header timeouts (short ones here).
const t = useTestBox({ http: { port: 0, requestTimeoutMs: 1500, headersTimeoutMs: 1000, idleTimeoutMs: 1000 } });

/** Sends raw bytes on a fresh TCP connection and collects everything until the server closes it. */
function raw(
  chunks: readonly string[],
  gapMs = 0,
  boundMs = 15_000,
): Promise<{ text: string; status: number; body: any; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(t.box.http.port, '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const bound = setTimeout(() => finish(false), boundMs);
    const finish = (closed: boolean) => {
      clearTimeout(bound);
      clearTimeout(timer);
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const json = text.slice(text.indexOf('\r\n\r\n') + 4);
      let body: unknown;
      try {
        body = JSON.parse(json);
      } catch {
        body = undefined;
      }
      resolve({ text, status, body, closed });
    };
    socket.on('data', (d) => (text += d.toString('utf8')));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    let i = 0;
    const next = () => {
      if (i >= chunks.length || socket.destroyed) return;
      socket.write(chunks[i++]);
      timer = setTimeout(next, gapMs);
    };
    socket.on('connect', next);
  });
}

/** A lane screen's socket sending raw text; `reply(tx)` waits (bounded) for the answer to one transaction. */
async function laneSocket() {
  const login = await t.api('/api/v1/auth/login', {
    body: { username: 'cashier1', password: 'cashier1pass', laneId: 'L01' },
  });
  const ws = new WebSocket(`ws://127.0.0.1:${t.box.http.port}/ws/lane?token=${login.body.data.token}`);
  const replies: any[] = [];
  ws.on('message', (m) => replies.push(JSON.parse(m.toString())));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    ws,
    replies,
    async reply(transaction: string): Promise<any> {
      const until = Date.now() + 10_000;
      while (!replies.some((r) => r.transaction === transaction) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 10));
      return replies.find((r) => r.transaction === transaction);
    },
  };
}

const envelope = (code: string) => ({ ok: false, error: { code, message: expect.any(String) } });
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('JSON depth is limited at the edge', () => {
  it('a body nested 5,000 levels with an Idempotency-Key is a 400 JSON_TOO_DEEP, not a 500', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const r = await t.api('/api/v1/members', {
      token: manager,
      body: `{"phone":${nested(5000)}}`,
      idempotencyKey: 'deep-0001',
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject(envelope('JSON_TOO_DEEP'));
    expect(r.body.error.field).toBe('body');
    // the refusal stored nothing under the key: the same key with a good body runs
    const good = await t.api('/api/v1/members', {
      token: manager,
      body: { phone: '13566661234' },
      idempotencyKey: 'deep-0001',
    });
    expect(good.status).toBe(201);
  });

  it('a public route refuses it too, and brackets inside strings do not count', async () => {
    const deep = await t.api('/api/v1/auth/login', { body: `{"username":${nested(5000)}}` });
    expect(deep).toMatchObject({ status: 400, body: envelope('JSON_TOO_DEEP') });
    const withCharset = await t.api('/api/v1/auth/login', {
      body: `{"username":${nested(33)}}`,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(withCharset).toMatchObject({ status: 400, body: envelope('JSON_TOO_DEEP') });
    expect(withCharset.body.error.params).toEqual({ maxDepth: 32 });
    const atTheLimit = await t.api('/api/v1/auth/login', { body: `{"username":${nested(31)}}` });
    expect(atTheLimit.body.error.code).toBe('VALIDATION_FAILED');
    const inString = await t.api('/api/v1/auth/login', {
      body: JSON.stringify({ username: '['.repeat(200), password: 'x'.repeat(8) }),
    });
    expect(inString.body.error.code).not.toBe('JSON_TOO_DEEP');
  });

  it('a lane WebSocket message nested 5,000 levels is answered with JSON_TOO_DEEP and the lane keeps working', async () => {
    const lane = await laneSocket();
    lane.ws.send(`{"transaction":"t1","topic":"cart.open","payload":{"x":${nested(5000)}}}`);
    lane.ws.send(JSON.stringify({ transaction: 't2', topic: 'cart.open', payload: {} }));
    const after = await lane.reply('t2');
    lane.ws.close();
    expect(lane.replies.find((r) => r.error?.code === 'JSON_TOO_DEEP')).toMatchObject(envelope('JSON_TOO_DEEP'));
    expect(after).toMatchObject({ ok: true });
  });
});

describe('framework errors come back in the envelope', () => {
  it('bad %-encoding in the path is a 400 BAD_URL envelope', async () => {
    const r = await raw(['GET /api/v1/members/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject(envelope('BAD_URL'));
  });

  it('an over-long path parameter is a 414 PATH_PARAM_TOO_LONG envelope', async () => {
    const r = await raw([`GET /api/v1/members/${'a'.repeat(500)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`]);
    expect(r.status).toBe(414);
    expect(r.body).toMatchObject(envelope('PATH_PARAM_TOO_LONG'));
  });

  it('malformed HTTP framing is a 400 MALFORMED_REQUEST envelope, then the connection closes', async () => {
    const r = await raw(['GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello']);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject(envelope('MALFORMED_REQUEST'));
    expect(r.closed).toBe(true);
    const garbage = await raw(['\x00\x01 not http at all\r\n\r\n']);
    expect(garbage.body).toMatchObject(envelope('MALFORMED_REQUEST'));
  });

  it('headers over the size limit are a 431 HEADERS_TOO_LARGE envelope', async () => {
    const r = await raw([`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`]);
    expect(r.status).toBe(431);
    expect(r.body).toMatchObject(envelope('HEADERS_TOO_LARGE'));
  });
});

describe('slow clients are cut off', () => {
  it('a body sent one byte at a time is answered 408 REQUEST_TIMEOUT and closed after the request timeout', async () => {
    const head =
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n';
    // 400 bytes at one per 250 ms would take 100 s; the request timeout is 1.5 s
    const r = await raw([head, ...'{"username":"'.split(''), ...'a'.repeat(387).split('')], 250, 20_000);
    expect(r.closed).toBe(true);
    expect(r.status).toBe(408);
    expect(r.body).toMatchObject(envelope('REQUEST_TIMEOUT'));
  }, 30_000);

  it('headers sent one byte at a time are closed after the headers timeout', async () => {
    const head = `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ${'s'.repeat(300)}\r\n\r\n`;
    const r = await raw(head.split(''), 250, 20_000);
    expect(r.closed).toBe(true);
    expect(r.status).toBe(408);
    expect(r.body).toMatchObject(envelope('REQUEST_TIMEOUT'));
  }, 30_000);

  it('a silent connection is closed after the idle timeout, while a quiet lane WebSocket stays open', async () => {
    const lane = await laneSocket();
    // a connection that sends nothing at all
    const silent = await raw([], 0, 20_000);
    expect(silent).toMatchObject({ closed: true, text: '' });
    // the WebSocket was just as quiet for as long, and still answers
    expect(lane.ws.readyState).toBe(WebSocket.OPEN);
    lane.ws.send(JSON.stringify({ transaction: 'after-idle', topic: 'cart.open', payload: {} }));
    const after = await lane.reply('after-idle');
    lane.ws.close();
    expect(after).toMatchObject({ ok: true });
  }, 30_000);

  it('an ordinary request still gets its answer', async () => {
    const r = await t.api('/api/v1/members/unknown-member-id', { token: await t.login('manager1', 'manager1pass') });
    expect(r.body).toMatchObject(envelope('MEMBER_NOT_FOUND'));
  });
});
