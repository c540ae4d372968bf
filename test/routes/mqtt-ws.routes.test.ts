import { describe, expect, it } from 'vitest';
import { useInjectBox } from '../support/inject-box.ts';

// MQTT over WebSocket with the broker running (staff and device logins, ACLs) is the full-box tests'
// (test/foundation/mqtt-*.test.ts, test/devices/wss.test.ts): this tier starts no broker.
describe('MQTT over WebSocket route (inject)', () => {
  const t = useInjectBox();

  it('is public (no HTTP session asked) and, with no broker running, ends the connection instead of hanging', async () => {
    let closed!: Promise<number>;
    const socket = await t.app.injectWS(
      '/mqtt',
      {},
      {
        onInit(ws) {
          closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
        },
      },
    );
    expect(socket).toBeDefined();
    expect(typeof (await closed)).toBe('number');
    // the app goes on answering
    expect((await t.api('/healthz')).status).toBe(200);
  });
});
