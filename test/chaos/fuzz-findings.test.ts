import { connect } from 'node:net';
import iconv from 'iconv-lite';
import { alipayBillText } from '../fixtures/statements/alipay-bill.fixture.ts';
import { describe, expect, it } from 'vitest';
import { MERCHANT_IDS, samples } from '../reconciliation/statement-samples.ts';
import { useTestBox } from '../support/test-box.ts';

/** Defects the fuzz suite (scripts/chaos/fuzz.ts) found, each pinned through the real box. */
const t = useTestBox({ reconciliation: { merchantIds: MERCHANT_IDS } });

// the router's and HTTP parser's refusals (BAD_URL, PATH_PARAM_TOO_LONG, HEADERS_TOO_LARGE, REQUEST_TIMEOUT)
// were found by both the fuzz and the defects review: test/foundation/http-edge.test.ts pins them
describe('what the fuzz found at the HTTP edge', () => {
  it('answers bytes that are not HTTP with the error envelope and closes the connection', async () => {
    const socket = connect(t.box.http.port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.write('GARBAGE \u0001 /\r\n\r\n');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(text.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({
      ok: false,
      error: { code: 'MALFORMED_REQUEST' },
    });
  });

  it('refuses a device announce whose name is a U+0000 as invalid input, not a 500, and records no device', async () => {
    const body = {
      deviceId: 'fuzz-nul-name',
      agentKey: 'k'.repeat(43),
      pairingCode: '292001',
      name: '\u0000',
      capabilities: ['scale'],
      agentVersion: '0.0.0-test',
    };
    const r = await t.api('/api/v1/devices/announce', { body });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'name' } });
    const token = await t.login('manager1', 'manager1pass');
    const devices = await t.api('/api/v1/devices', { token });
    expect(JSON.stringify(devices.body)).not.toContain('fuzz-nul-name');
  });
});

describe('what the fuzz found at the statement import', () => {
  // a streamed upload is not recorded by key (its bytes are read after the idempotency hook): the import's own
  // duplicate-file check answers the retry, so it is never imported twice (docs/reconciliation.md)
  it('imports a statement sent with an Idempotency-Key, and answers a retry with the same import, imported once', async () => {
    const token = await t.login('manager1', 'manager1pass');
    const sample = samples().find((s) => s.channel === 'card')!;
    const send = () =>
      fetch(`${t.baseUrl}/api/v1/statements/import?channel=card&fileName=${sample.fileName}&date=2024-03-10`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/octet-stream',
          'idempotency-key': 'statement-upload-1',
        },
        body: new Uint8Array(sample.bytes),
      });
    const first = await send();
    const firstBody = await first.json();
    expect(first.status, JSON.stringify(firstBody)).toBe(201);
    expect(firstBody).toMatchObject({ ok: true, data: { channel: 'card' } });
    const again = await send();
    const againBody = await again.json();
    expect(again.status, JSON.stringify(againBody)).toBe(200);
    expect(againBody).toMatchObject({ ok: true, data: { importId: firstBody.data.importId, duplicate: true } });
  });

  it('refuses an Alipay bill with a quote left open as an unreadable layout (422), not a 500, and imports nothing', async () => {
    const token = await t.login('manager1', 'manager1pass');
    const lines = alipayBillText({
      date: '2024-03-10',
      rows: [
        { tradeNo: '2024031099001', orderNo: 'A-Q', type: '交易', finishedAt: '2024-03-10 09:00:00', amountFen: 100 },
      ],
    }).split('\r\n');
    const row = lines.findIndex((l) => l.startsWith('2024031099001'));
    lines[row] = lines[row].replace(',A-Q', ',"A-Q');
    const before = await t.api('/api/v1/statements', { token });
    const res = await fetch(`${t.baseUrl}/api/v1/statements/import?channel=alipay&fileName=bill.csv&date=2024-03-10`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(iconv.encode(lines.join('\r\n'), 'gbk')),
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.ok).toBe(false);
    expect(JSON.stringify(body)).toContain('STATEMENT_UNRECOGNISED_LAYOUT');
    expect((await t.api('/api/v1/statements', { token })).body).toEqual(before.body);
  });
});
