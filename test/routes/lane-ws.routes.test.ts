import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { sellForCash, useInjectBox } from '../support/inject-box.ts';

const product = demoProducts().find((p) => p.unit !== 'kg')!;

describe('lane WebSocket route (inject)', () => {
  const t = useInjectBox();

  it('a cashier signed in at a lane scans, pays cash and completes a sale the sales API then finds', async () => {
    const sale = await sellForCash(t, 'L01', [product.barcodes[0]]);
    expect(sale.receiptNo).toMatch(/-L01-/);
    const found = await t.api(`/api/v1/sales/${sale.saleId}`, { as: 'cashier' });
    expect(found.body.data).toMatchObject({ id: sale.saleId, receiptNo: sale.receiptNo });
  });

  it('a socket without a lane token is told LANE_TOKEN_REQUIRED naming the token, and closed', async () => {
    // a staff token without a lane: the route answers as soon as the socket opens, so listen from the start
    let message!: Promise<string>;
    let closed!: Promise<number>;
    await t.app.injectWS(
      `/ws/lane?token=${await t.token('cashier')}`,
      {},
      {
        onInit(socket) {
          message = new Promise((resolve) => socket.once('message', (m) => resolve(m.toString())));
          closed = new Promise((resolve) => socket.once('close', (c) => resolve(c)));
        },
      },
    );
    expect(JSON.parse(await message)).toMatchObject({
      ok: false,
      error: { code: 'LANE_TOKEN_REQUIRED', field: 'token' },
    });
    expect(await closed).toBe(4401);
  });

  it('a malformed scan is answered in the envelope naming the field, and the lane goes on', async () => {
    const lane = await t.lane('L02');
    try {
      await lane.send('cart.open');
      const bad = await lane.sendUnchecked('cart.scan', { code: 42 });
      expect(bad, JSON.stringify(bad)).toMatchObject({
        ok: false,
        error: { code: 'LANE_BAD_MESSAGE', field: 'payload.code' },
      });
      const good = await lane.send('cart.scan', { code: product.barcodes[0] });
      expect(good.ok).toBe(true);
      expect(good.data.cart!.lines).toHaveLength(1);
    } finally {
      lane.close();
    }
  });
});
