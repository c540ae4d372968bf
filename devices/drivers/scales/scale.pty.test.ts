import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PtyPair } from '../../simulators/pty-pair.ts';
import { VirtualScale } from '../../simulators/virtual-scale.ts';
import type { ByteTransport } from '../../transports/byte-transport.ts';
import { openSerialTransport } from '../../transports/serial.transport.ts';
import { scaleProtocol } from './scale-protocols.ts';
import type { ScaleReading } from './scale-reading.ts';
import { ScaleDriver } from './scale.driver.ts';
import { probeScaleProtocol } from './scale-probe.ts';

const until = async (check: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

for (const name of ['toledo-8217', 'mt-sics'] as const) {
  describe(`${name} scale over a real socat pty pair`, () => {
    let pty: PtyPair;
    let scale: VirtualScale;
    let transport: ByteTransport;
    let driver: ScaleDriver;
    let events: ScaleReading[];
    let garbage: string[];

    beforeEach(async () => {
      pty = new PtyPair('scale');
      await pty.start();
      scale = new VirtualScale({ path: pty.devicePath, protocol: name });
      await scale.start();
      const protocol = scaleProtocol(name);
      const opened = await openSerialTransport({ path: pty.hostPath, ...protocol.serial });
      if (!opened.ok) throw new Error(String(opened.params?.reason));
      transport = opened.value;
      events = [];
      garbage = [];
      driver = new ScaleDriver({
        transport,
        protocol,
        pollIntervalMs: 10,
        responseTimeoutMs: 200,
        onGarbage: (g) => garbage.push(g),
      });
      driver.onWeight((r) => events.push(r));
    });

    afterEach(async () => {
      await driver.stop();
      await transport.close();
      await scale.stop();
      await pty.stop();
    });

    it('stable weight, motion, overload and under zero, each emitted once', async () => {
      driver.start();
      scale.place(1234);
      await until(() => events.some((e) => e.grams === 1234 && e.stable));
      const polled = scale.requests.length;
      await until(() => scale.requests.length >= polled + 5);
      expect(events.filter((e) => e.grams === 1234)).toHaveLength(1);

      scale.setMotion(true);
      await until(() => events.at(-1)?.stable === false);
      scale.setMotion(false);
      scale.setOverload(true);
      await until(() => events.at(-1)?.overload === true);
      scale.setOverload(false);
      scale.setUnderZero(true);
      await until(() => events.at(-1)?.underZero === true);
      expect(events.at(-1)).toMatchObject({ grams: null, negative: true });
      scale.setUnderZero(false);
      await until(() => events.at(-1)?.grams === 1234);
    });

    it('tare: the net weight goes to zero, then follows what is added', async () => {
      scale.place(150);
      driver.start();
      await until(() => events.at(-1)?.grams === 150);
      expect((await driver.tare()).ok).toBe(true);
      await until(() => events.at(-1)?.grams === 0);
      scale.place(150 + 532);
      await until(() => events.at(-1)?.grams === 532);
    });

    it('line noise and half frames are ignored and the driver keeps reading', async () => {
      scale.place(42);
      driver.start();
      await until(() => events.at(-1)?.grams === 42);
      // a frame cut off by the next one
      await scale.sendRaw('\x00\xff noise \x02 0.9');
      scale.place(43);
      await until(() => events.at(-1)?.grams === 43);
      expect(garbage.length).toBeGreaterThan(0);
      expect(events.some((e) => e.grams === 900)).toBe(false);
    });
  });
}

describe('scale protocol probe over a pty', () => {
  let pty: PtyPair;
  let scale: VirtualScale;
  afterEach(async () => {
    await scale.stop();
    await pty.stop();
  });

  for (const name of ['toledo-8217', 'mt-sics'] as const) {
    it(`recognises ${name}`, async () => {
      pty = new PtyPair('probe');
      await pty.start();
      scale = new VirtualScale({ path: pty.devicePath, protocol: name });
      await scale.start();
      const found = await probeScaleProtocol(
        (settings) => openSerialTransport({ path: pty.hostPath, ...settings }),
        150,
      );
      expect(found?.name).toBe(name);
    });
  }

  it('a silent port is no scale, within the time bound', async () => {
    pty = new PtyPair('probe');
    await pty.start();
    scale = new VirtualScale({ path: pty.devicePath, protocol: 'mt-sics' });
    await scale.start();
    scale.setSilent(true);
    expect(
      await probeScaleProtocol((settings) => openSerialTransport({ path: pty.hostPath, ...settings }), 100),
    ).toBeUndefined();
  });
});
