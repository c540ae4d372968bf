import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, useTestBox, type TestBox } from '../support/test-box.ts';

function connect(
  t: TestBox,
  username: string,
  password: string,
): Promise<{ client?: mqtt.MqttClient; error?: Error & { code?: number } }> {
  return new Promise((resolve) => {
    const client = mqtt.connect(`mqtt://127.0.0.1:${t.mqttPort}`, {
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      username,
      password,
    });
    client.once('connect', () => resolve({ client }));
    client.once('error', (error) => {
      client.end(true);
      resolve({ error: error as Error & { code?: number } });
    });
  });
}

function failedLogins(t: TestBox, actor: string): { subject: string; detail: string }[] {
  return t.box.ctx.db
    .prepare(`SELECT subject, detail FROM audit_log WHERE action = 'auth.login_failed' AND actor = ? ORDER BY seq`)
    .all(actor) as { subject: string; detail: string }[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('MQTT login throttle and audit', () => {
  const t = useTestBox({ auth: { maxFailuresPerUser: 3, maxFailuresPerAddress: 8 } });

  it('refuses even the right manager password after too many wrong ones, over MQTT and HTTP alike', async () => {
    for (let i = 0; i < 3; i++) expect((await connect(t, 'manager1', `wrong-${i}`)).error?.code).toBe(4);
    const right = await connect(t, 'manager1', 'manager1pass');
    expect(right.client).toBeUndefined();
    expect(right.error?.code).toBe(5);
    // the same throttle as HTTP login: the web console is held back too
    const http = await t.api('/api/v1/auth/login', { body: { username: 'manager1', password: 'manager1pass' } });
    expect(http.status).toBe(429);
    expect(http.body.error.code).toBe('AUTH_RATE_LIMITED');
  });

  it('audits every failed MQTT login with the address, without the password', async () => {
    const rows = failedLogins(t, 'manager1');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[0].subject).toBe('127.0.0.1');
    expect(JSON.parse(rows[0].detail)).toMatchObject({ via: 'mqtt' });
    expect(rows.map((r) => r.detail).join('')).not.toContain('wrong-');
  });

  it('throttles by address too: many wrong usernames from one place lock that place out', async () => {
    for (let i = 0; i < 5; i++) await connect(t, `nobody-${i}`, 'whatever1');
    // 3 + 5 = 8 failures from 127.0.0.1: the admin's right password is refused from here now
    const admin = await connect(t, 'admin', TEST_ADMIN_PASSWORD);
    expect(admin.error?.code).toBe(5);
  });
});

describe('MQTT login reply time', () => {
  const t = useTestBox({ auth: { maxFailuresPerUser: 1000, maxFailuresPerAddress: 1000 } });

  it('takes as long for an unknown user or a cashier as for a manager, so it does not reveal who exists or their role', async () => {
    const times: Record<'unknown' | 'cashier' | 'manager', number[]> = { unknown: [], cashier: [], manager: [] };
    const usernames = { unknown: 'no-such-user', cashier: 'cashier1', manager: 'manager1' } as const;
    // interleaved so that load on the machine hits every kind alike; medians, not single timings
    for (let trial = 0; trial < 15; trial++) {
      for (const kind of ['unknown', 'cashier', 'manager'] as const) {
        const started = performance.now();
        const { error } = await connect(t, usernames[kind], 'not-the-password');
        times[kind].push(performance.now() - started);
        expect(error?.code).toBe(4);
      }
    }
    const manager = median(times.manager);
    // on main an unknown user or a cashier was answered ~30× faster than a manager (no scrypt at all)
    expect(median(times.unknown)).toBeGreaterThan(manager / 3);
    expect(median(times.cashier)).toBeGreaterThan(manager / 3);
  });
});
