import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient } from '../support/lane-client.ts';
import { useTestBox } from '../support/test-box.ts';

const t = useTestBox();

const apples = demoProducts().find((p) => p.names.zh === '富士苹果')!; // ¥12.90/kg, PLU

describe('store settings', () => {
  it('a manager turns on 抹零; the lane rounds the amount due at once; the change is audited', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    await lane.send('cart.open');
    const before = await lane.send('cart.scan', { code: apples.plu!, weightGrams: 1250 });
    expect(before.data.cart!.totals.dueFen).toBe(1613);

    const manager = await t.login('manager1', 'manager1pass');
    const cashier = await t.login('cashier2', 'cashier2pass');
    const body = { rounding: 'dropFen' };
    expect((await t.api('/api/v1/store/settings', { method: 'PUT', token: cashier, body })).status).toBe(403);
    const saved = await t.api('/api/v1/store/settings', { method: 'PUT', token: manager, body });
    expect(saved.status).toBe(200);
    expect(saved.body.data.rounding).toBe('dropFen');

    const after = await lane.send('cart.setQuantity', { lineId: before.data.cart!.lines[0].lineId, quantity: 1 });
    expect(after.error?.code).toBe('CART_QUANTITY_NOT_ALLOWED'); // weighed line: still priced, now rounded
    expect(after.data.cart!.totals.dueFen).toBe(1610);
    expect(after.data.cart!.rounding!.amountFen).toBe(3);
    lane.close();

    const audit = await t.api('/api/v1/audit?limit=5', { token: manager });
    const change = audit.body.data.find((a: any) => a.action === 'config.changed');
    expect(change).toMatchObject({
      actor: 'manager1',
      subject: 'store.rounding',
      detail: { from: null, to: 'dropFen' },
    });
  });

  it('refuses unknown keys and contradictory barcode layouts, naming the field, changing nothing', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const unknown = await t.api('/api/v1/store/settings', { method: 'PUT', token: manager, body: { currency: 'USD' } });
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'currency' });
    const overlapping = await t.api('/api/v1/store/settings', {
      method: 'PUT',
      token: manager,
      body: {
        variableMeasureLayouts: [
          { prefix: '28', measure: 'weightGrams', item: { start: 2, length: 6 }, value: { start: 7, length: 5 } },
        ],
      },
    });
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.error.field).toMatch(/^variableMeasureLayouts/);
    const store = await t.api('/api/v1/store', { token: manager });
    expect(store.body.data.settings.variableMeasureLayouts).toBeUndefined();
  });
});
