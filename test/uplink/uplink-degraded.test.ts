import { describe, expect, it } from 'vitest';
import { removeDir, startTestBox, TEST_ADMIN_PASSWORD } from '../support/test-box.ts';
import { HqBroker, STORE_USER } from './hq-broker.ts';

describe('a misconfigured or refused uplink never stops the store', () => {
  it('enabled without a url: the box starts, ready, and the status says why', async () => {
    const t = await startTestBox({ uplink: { enabled: true } });
    try {
      expect((await t.api('/readyz')).status).toBe(200);
      const token = await t.login('admin', TEST_ADMIN_PASSWORD);
      const s = (await t.api('/api/v1/uplink/status', { token })).body.data;
      expect(s).toMatchObject({
        enabled: true,
        connected: false,
        broker: null,
        lastError: { code: 'UPLINK_NOT_CONFIGURED' },
      });
      expect(s.backlog).toBe(s.lastSeq);
    } finally {
      await t.stop();
      removeDir(t.dataDir);
    }
  });

  it('an unreadable CA file is reported, not thrown', async () => {
    const t = await startTestBox({
      uplink: { enabled: true, url: 'mqtts://127.0.0.1:1', caFile: '/nonexistent/ca.pem' },
    });
    try {
      expect(t.box.uplink.status().lastError).toMatchObject({ code: 'UPLINK_TLS_FILE_UNREADABLE' });
    } finally {
      await t.stop();
      removeDir(t.dataDir);
    }
  });

  it('a refused password shows as a connection error, retried with backoff; no credentials in the status', async () => {
    const broker = await HqBroker.start();
    const t = await startTestBox({
      uplink: {
        enabled: true,
        url: `mqtt://${STORE_USER}:wrong@127.0.0.1:${broker.port}`,
        password: 'wrong-password',
        reconnectMinMs: 20,
        reconnectMaxMs: 50,
      },
    });
    try {
      const started = Date.now();
      while (!t.box.uplink.status().lastError && Date.now() - started < 5000)
        await new Promise((r) => setTimeout(r, 10));
      const s = t.box.uplink.status();
      expect(s).toMatchObject({ connected: false, lastError: { code: 'UPLINK_CONNECTION_FAILED' } });
      expect(s.broker).toBe(`mqtt://127.0.0.1:${broker.port}`);
      expect(JSON.stringify(s)).not.toContain('wrong');
    } finally {
      await t.stop();
      removeDir(t.dataDir);
      await broker.remove();
    }
  });

  it('disabled by default: no connection, the status still counts the backlog', async () => {
    const t = await startTestBox();
    try {
      const s = t.box.uplink.status();
      expect(s).toMatchObject({ enabled: false, connected: false, ackedSeq: 0, lastError: null });
      expect(s.backlog).toBe(t.box.ctx.repos.outbox.lastSeq());
    } finally {
      await t.stop();
      removeDir(t.dataDir);
    }
  });
});
