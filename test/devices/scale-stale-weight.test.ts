import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PtyPair } from '../../devices/simulators/pty-pair.ts';
import { VirtualScale } from '../../devices/simulators/virtual-scale.ts';
import { useTestBox } from '../support/test-box.ts';
import { openLane, pairedAgent, waitFor } from './device-test-kit.ts';

// Defect #9 item 16, end to end: a Toledo 8217 scale that sends its status byte raw (over capacity
// is 0x02 = STX) on a socat pty pair, read by the lane agent, weights priced by the box. After over
// capacity, motion or the scale going offline, a weighed item must never take the last stable weight.
const t = useTestBox();
const scalePty = new PtyPair('stale-scale');
let scale: VirtualScale;
let agent: Awaited<ReturnType<typeof pairedAgent>> | undefined;
let lane: Awaited<ReturnType<typeof openLane>>;

beforeAll(async () => {
  await scalePty.start();
  scale = new VirtualScale({ path: scalePty.devicePath, protocol: 'toledo-8217', statusByte: 'raw' });
  await scale.start();
  agent = await pairedAgent(t, {
    deviceId: 'lane1-scale',
    laneId: 'L01',
    peripherals: { scale: { path: scalePty.hostPath, protocol: 'toledo-8217', pollIntervalMs: 50 } },
  });
  lane = await openLane(t, 'L01');
}, 30_000);

afterAll(async () => {
  lane?.close();
  await agent?.stop();
  await scale?.stop();
  await scalePty.stop();
});

/** Waits until the lane screen has been pushed a device event that `matches`. */
function laneSees(what: string, matches: (e: any) => boolean): Promise<unknown> {
  return waitFor(what, () => lane.events.some(matches) || undefined, 10_000);
}

/** Puts `grams` on the platter, stable, and waits until the box has that weight. */
async function settle(grams: number): Promise<void> {
  scale.setMotion(false);
  scale.setOverload(false);
  scale.setUnderZero(false);
  scale.setSilent(false);
  scale.place(grams);
  await laneSees(`stable ${grams} g at the box`, (e) => e.kind === 'weight' && e.grams === grams && e.stable);
}

/** Scans the weighed product 1001 without a weight of its own: the box takes the lane scale's. */
async function scanWeighed(): Promise<any> {
  await lane.send('cart.open');
  return lane.send('cart.scan', { code: '1001' });
}

describe('the lane never prices with a stale stable weight', () => {
  beforeEach(() => {
    lane.events.length = 0;
  });

  it('a stable weight on the scale prices the weighed product', async () => {
    await settle(1234);
    const scanned = await scanWeighed();
    expect(scanned.ok).toBe(true);
    expect(JSON.stringify(scanned.data)).toContain('1234');
  });

  it('over capacity (status byte 0x02, equal to STX) reaches the box and refuses the last stable weight', async () => {
    await settle(1500);
    scale.setOverload(true);
    await laneSees('overload at the box', (e) => e.kind === 'weight' && e.condition === 'overload');
    const scanned = await scanWeighed();
    expect(scanned).toMatchObject({ ok: false, error: { code: 'CATALOG_WEIGHT_REQUIRED' } });
  });

  it('motion refuses the last stable weight', async () => {
    await settle(1600);
    scale.setMotion(true);
    await laneSees('motion at the box', (e) => e.kind === 'weight' && e.stable === false);
    const scanned = await scanWeighed();
    expect(scanned).toMatchObject({ ok: false, error: { code: 'CATALOG_WEIGHT_REQUIRED' } });
  });

  it('under zero with motion outside the zero range (status byte 0x0D, equal to CR) is no weight', async () => {
    await settle(1700);
    scale.setUnderZero(true, true);
    scale.setMotion(true);
    await laneSees('under zero at the box', (e) => e.kind === 'weight' && e.condition === 'under-zero');
    const scanned = await scanWeighed();
    expect(scanned).toMatchObject({ ok: false, error: { code: 'CATALOG_WEIGHT_REQUIRED' } });
  });

  it('a scale that goes offline refuses the last stable weight, and the lane is told', async () => {
    await settle(1800);
    scale.setSilent(true);
    await laneSees('scale offline alert on the lane', (e) => e.kind === 'alert' && e.alert === 'scale-offline');
    const scanned = await scanWeighed();
    expect(scanned).toMatchObject({ ok: false, error: { code: 'CATALOG_WEIGHT_REQUIRED' } });
    // it answers again with the same load: the weight comes back and prices again
    lane.events.length = 0;
    scale.setSilent(false);
    await laneSees('stable weight again', (e) => e.kind === 'weight' && e.grams === 1800 && e.stable);
    expect((await scanWeighed()).ok).toBe(true);
  });
});
