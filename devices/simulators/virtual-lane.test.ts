import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleProtocol } from '../drivers/scales/scale-protocols.ts';
import { ScaleDriver } from '../drivers/scales/scale.driver.ts';
import { openSerialTransport } from '../transports/serial.transport.ts';
import { startVirtualLane } from './virtual-lane.ts';
import type { VirtualLane } from './virtual-lane.ts';

describe('virtual lane', () => {
  let lane: VirtualLane;
  beforeAll(async () => {
    lane = await startVirtualLane();
  });
  afterAll(async () => {
    await lane.stop();
    await lane.stop();
  });

  it('starts every simulator and a driver reads the scale through the printed path', async () => {
    expect(lane.printer.port).toBeGreaterThan(0);
    const opened = await openSerialTransport({ path: lane.paths.scale, ...scaleProtocol('toledo-8217').serial });
    if (!opened.ok) throw new Error(String(opened.params?.reason));
    const driver = new ScaleDriver({ transport: opened.value, protocol: scaleProtocol('toledo-8217'), polling: false });
    driver.start();
    lane.scale.place(2500);
    expect((await driver.read())?.grams).toBe(2500);
    await driver.stop();
    await opened.value.close();
  });
});
