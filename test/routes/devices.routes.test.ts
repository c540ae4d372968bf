import { describe, expect, it } from 'vitest';
import { announceBody } from '../devices/device-test-kit.ts';
import { expectRefused, expectRoleDenied, useInjectBox } from '../support/inject-box.ts';

// The devices' MQTT side (a paired agent connecting, printing, weighing) needs the broker: test/devices/ has it.
// Here: pairing and the records over HTTP, the roles, and the envelope for what a lane without devices cannot do.
describe('devices routes (inject)', () => {
  const t = useInjectBox();

  it('an agent announces, a manager approves it with the code, the agent claims its credentials once; rename and revoke', async () => {
    const announced = await t.api('/api/v1/devices/announce', { body: announceBody('inject-pc') });
    expect(announced.status, JSON.stringify(announced.body)).toBe(200);
    expect(announced.body.data).toMatchObject({ deviceId: 'inject-pc', status: 'pending' });
    const approved = await t.api('/api/v1/devices/inject-pc/approve', {
      as: 'manager',
      body: { code: '123456', laneId: 'L01' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const claimToken = announced.body.data.claimToken as string;
    const credentials = await t.api('/api/v1/devices/inject-pc/credentials', { body: { claimToken } });
    expect(credentials.status, JSON.stringify(credentials.body)).toBe(200);
    expect(credentials.body.data.password).toBeTypeOf('string');
    expect((await t.api('/api/v1/devices/inject-pc/credentials', { body: { claimToken } })).body.ok).toBe(false);
    const renamed = await t.api('/api/v1/devices/inject-pc', {
      as: 'manager',
      method: 'PATCH',
      body: { name: '一号机' },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const listed = await t.api('/api/v1/devices', { as: 'manager' });
    expect(listed.body.data.find((d: { id: string }) => d.id === 'inject-pc')).toMatchObject({
      name: '一号机',
      status: 'approved',
      online: false,
    });
    const revoked = await t.api('/api/v1/devices/inject-pc/revoke', { as: 'manager', method: 'POST' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(
      (await t.api('/api/v1/devices', { as: 'manager' })).body.data.find((d: { id: string }) => d.id === 'inject-pc')
        .status,
    ).toBe('revoked');
  });

  it('a manager adds a network printer; sightings and print jobs list (none yet)', async () => {
    const printer = await t.api('/api/v1/devices/printers', {
      as: 'manager',
      body: { host: '192.0.2.10', name: '前台打印机', laneId: 'L02' },
    });
    expect(printer.status, JSON.stringify(printer.body)).toBe(201);
    const listed = await t.api('/api/v1/devices', { as: 'manager' });
    expect(JSON.stringify(listed.body.data)).toContain('前台打印机');
    expect((await t.api('/api/v1/devices/sightings', { as: 'manager' })).body.data).toEqual([]);
    expect((await t.api('/api/v1/devices/print-jobs', { as: 'supervisor' })).body.data).toEqual([]);
  });

  it('device management needs a manager, print jobs and the drawer a supervisor', async () => {
    await expectRoleDenied(t, 'supervisor', '/api/v1/devices');
    await expectRoleDenied(t, 'supervisor', '/api/v1/devices/sightings');
    await expectRoleDenied(t, 'supervisor', '/api/v1/devices/some-pc/approve', { body: { code: '123456' } });
    await expectRoleDenied(t, 'supervisor', '/api/v1/devices/some-pc', { method: 'PATCH', body: { name: 'x' } });
    await expectRoleDenied(t, 'supervisor', '/api/v1/devices/some-pc/revoke', { method: 'POST' });
    await expectRoleDenied(t, 'supervisor', '/api/v1/devices/printers', { body: { host: 'h', name: 'x' } });
    await expectRoleDenied(t, 'supervisor', '/api/v1/devices/print-jobs/j1/discard', { method: 'POST' });
    await expectRoleDenied(t, 'cashier', '/api/v1/devices/print-jobs');
    await expectRoleDenied(t, 'cashier', '/api/v1/devices/print-jobs/j1/retry', { method: 'POST' });
    await expectRoleDenied(t, 'cashier', '/api/v1/devices/lanes/L01/drawer', { body: {} });
  });

  it('a wrong pairing code, a malformed announcement and unknown jobs, sales and lanes are answered in the envelope', async () => {
    await t.api('/api/v1/devices/announce', { body: announceBody('inject-guess', { pairingCode: '654321' }) });
    expectRefused(
      await t.api('/api/v1/devices/inject-guess/approve', { as: 'manager', body: { code: '000000' } }),
      'DEVICE_PAIRING_CODE_WRONG',
    );
    expectRefused(
      await t.api('/api/v1/devices/announce', { body: announceBody('inject-bad', { pairingCode: '12ab56' }) }),
      'VALIDATION_FAILED',
      'pairingCode',
    );
    expectRefused(
      await t.api('/api/v1/devices/printers', { as: 'manager', body: { host: 'bad host!', name: 'x' } }),
      'VALIDATION_FAILED',
      'host',
    );
    for (const [path, as, body] of [
      ['/api/v1/devices/print-jobs/no-such/retry', 'supervisor', undefined],
      ['/api/v1/devices/print-jobs/no-such/discard', 'manager', undefined],
      ['/api/v1/devices/receipts/no-such-sale/print', 'cashier', undefined],
      ['/api/v1/devices/lanes/L03/drawer', 'supervisor', {}],
      ['/api/v1/devices/lanes/L03/tare', 'cashier', { action: 'tare' }],
    ] as const) {
      const r = await t.api(path, { as, method: 'POST', ...(body ? { body } : {}) });
      expect(r.body.ok, `${path}: ${JSON.stringify(r.body)}`).toBe(false);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
    }
    expectRefused(
      await t.api('/api/v1/devices/lanes/L01/tare', { as: 'cashier', body: { action: 'spin' } }),
      'VALIDATION_FAILED',
      'action',
    );
  });
});
