import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedTransport } from '../../testing/scripted-transport.ts';
import { scaleProtocol } from './scale-protocols.ts';
import type { ScaleReading } from './scale-reading.ts';
import { ScaleDriver } from './scale.driver.ts';

const text = (s: string) => new TextEncoder().encode(s);
const until = async (check: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('scale driver over a scripted transport', () => {
  let driver: ScaleDriver | undefined;
  afterEach(async () => {
    await driver?.stop();
  });

  it('emits a weight only when the reading changes', async () => {
    const answers = ['\x0201.000\r', '\x0201.000\r', '\x0201.000\r', '\x02?A\r', '\x0201.250\r', '\x0201.250\r'];
    let polls = 0;
    const transport = new ScriptedTransport(() => text(answers[Math.min(polls++, answers.length - 1)]));
    driver = new ScaleDriver({ transport, protocol: scaleProtocol('toledo-8217'), pollIntervalMs: 1 });
    const events: ScaleReading[] = [];
    driver.onWeight((r) => events.push(r));
    driver.start();
    await until(() => polls >= 10);
    expect(events.map((e) => [e.grams, e.stable])).toEqual([
      [1000, true],
      [null, false],
      [1250, true],
    ]);
    expect(transport.writtenText().startsWith('WWW')).toBe(true);
  });

  it('garbage and partial frames are logged, never crash, and the next good frame counts', async () => {
    let polls = 0;
    const transport = new ScriptedTransport(() => {
      polls++;
      return text(polls === 1 ? '\x02\x13\x7f junk\r' : polls === 2 ? '\x020.2' : '50\r');
    });
    const garbage: string[] = [];
    driver = new ScaleDriver({
      transport,
      protocol: scaleProtocol('toledo-8217'),
      pollIntervalMs: 1,
      responseTimeoutMs: 20,
      onGarbage: (g) => garbage.push(g),
    });
    const events: ScaleReading[] = [];
    driver.onWeight((r) => events.push(r));
    driver.start();
    await until(() => events.length === 1);
    expect(events[0].grams).toBe(250);
    expect(garbage.length).toBeGreaterThan(0);
  });

  it('goes offline after missed polls and back online, each reported once', async () => {
    let answering = true;
    let polls = 0;
    const transport = new ScriptedTransport(() => {
      polls++;
      return answering ? text('S S      0.100 kg\r\n') : undefined;
    });
    driver = new ScaleDriver({
      transport,
      protocol: scaleProtocol('mt-sics'),
      pollIntervalMs: 1,
      responseTimeoutMs: 10,
      missesBeforeOffline: 2,
    });
    const online: boolean[] = [];
    driver.onOnline((o) => online.push(o));
    driver.start();
    await until(() => online.length === 1);
    answering = false;
    await until(() => online.length === 2);
    const at = polls;
    await until(() => polls >= at + 4);
    answering = true;
    await until(() => online.length === 3);
    expect(online).toEqual([true, false, true]);
  });

  it('MT-SICS tare: ack is ok, "T I" (in motion) is SCALE_COMMAND_REJECTED, silence is DEVICE_NOT_RESPONDING', async () => {
    const replies: (string | undefined)[] = ['T S      0.100 kg\r\n', 'T I\r\n', undefined];
    const transport = new ScriptedTransport(() => {
      const r = replies.shift();
      return r === undefined ? undefined : text(r);
    });
    driver = new ScaleDriver({ transport, protocol: scaleProtocol('mt-sics'), polling: false, responseTimeoutMs: 30 });
    driver.start();
    expect(await driver.tare()).toEqual({ ok: true, value: undefined });
    expect(await driver.tare()).toMatchObject({ ok: false, code: 'SCALE_COMMAND_REJECTED' });
    expect(await driver.tare()).toMatchObject({ ok: false, code: 'DEVICE_NOT_RESPONDING' });
    expect(transport.writtenText()).toBe('T\r\nT\r\nT\r\n');
  });

  it('a listener that throws does not stop the driver', async () => {
    let polls = 0;
    const transport = new ScriptedTransport(() => text(`\x020.00${Math.min(++polls, 5)}\r`));
    const errors: unknown[] = [];
    driver = new ScaleDriver({
      transport,
      protocol: scaleProtocol('toledo-8217'),
      pollIntervalMs: 1,
      onListenerError: (e) => errors.push(e),
    });
    const seen: number[] = [];
    driver.onWeight(() => {
      throw new Error('consumer bug');
    });
    driver.onWeight((r) => seen.push(r.grams ?? -1));
    driver.start();
    await until(() => seen.length === 5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(errors).toHaveLength(5);
  });
});
