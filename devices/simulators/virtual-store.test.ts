import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleProtocol } from '../drivers/scales/scale-protocols.ts';
import { ScaleDriver } from '../drivers/scales/scale.driver.ts';
import { openSerialTransport } from '../transports/serial.transport.ts';
import { startVirtualStore } from './virtual-store.ts';
import type { VirtualStore } from './virtual-store.ts';

describe('virtual store', () => {
  let store: VirtualStore;
  beforeAll(async () => {
    store = await startVirtualStore();
  });
  afterAll(async () => {
    await store.stop();
    await store.stop();
  });

  it('starts every simulator and a driver reads the scale through the printed path', async () => {
    expect(store.printer.port).toBeGreaterThan(0);
    const opened = await openSerialTransport({ path: store.paths.scale, ...scaleProtocol('toledo-8217').serial });
    if (!opened.ok) throw new Error(String(opened.params?.reason));
    const driver = new ScaleDriver({ transport: opened.value, protocol: scaleProtocol('toledo-8217'), polling: false });
    driver.start();
    store.scale.place(2500);
    expect((await driver.read())?.grams).toBe(2500);
    await driver.stop();
    await opened.value.close();
  });
});
