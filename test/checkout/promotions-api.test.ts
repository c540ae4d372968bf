import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const chips = demoProducts().find((p) => p.names.zh === '乐事原味薯片 70g')!;
const snacksOff = (offBp: number) => ({
  id: 'snacks-off',
  name: { zh: '零食折扣', en: 'Snacks off' },
  priority: 5,
  conditions: { categories: { include: ['食品/零食'] } },
  effect: { kind: 'itemPercentOff', offBp },
});

describe('promotions API', () => {
  let t: TestBox;
  let manager: string;
  let cashier: string;
  const quoteChips = async () =>
    (
      await t.api('/api/v1/pricing/quote', {
        token: cashier,
        body: { items: [{ barcode: chips.barcodes[0], qty: 2 }] },
      })
    ).body.data;
  beforeAll(async () => {
    t = await startTestBox();
    manager = await t.login('manager1', 'manager1pass');
    cashier = await t.login('cashier1', 'cashier1pass');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dataDir);
  });

  it('lists the demo promotions and reads one', async () => {
    const list = await t.api('/api/v1/promotions', { token: cashier });
    expect(list.body.data.map((p: { id: string }) => p.id)).toContain('spend-200-save-30');
    const one = await t.api('/api/v1/promotions/spend-200-save-30', { token: cashier });
    expect(one.body.data).toMatchObject({
      id: 'spend-200-save-30',
      active: true,
      definition: { effect: { kind: 'basketThreshold', thresholdFen: 20000, amountOffFen: 3000 } },
    });
    expect((await t.api('/api/v1/promotions/nope', { token: cashier })).body.error.code).toBe('PROMOTION_NOT_FOUND');
  });

  it('a contradictory promotion (满100减100) is refused with its code and field, and nothing is stored', async () => {
    const r = await t.api('/api/v1/promotions', {
      token: manager,
      body: {
        id: 'm100-100',
        name: { zh: '满100减100', en: 'Spend 100 save 100' },
        priority: 0,
        conditions: {},
        effect: { kind: 'basketThreshold', thresholdFen: 10000, amountOffFen: 10000 },
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'PRICING_THRESHOLD_NOT_ABOVE_AMOUNT', field: 'effect.amountOffFen' });
    expect((await t.api('/api/v1/promotions/m100-100', { token: cashier })).body.error.code).toBe(
      'PROMOTION_NOT_FOUND',
    );
    const shape = await t.api('/api/v1/promotions', {
      token: manager,
      body: { ...snacksOff(1000), effect: { kind: 'itemPercentOff' } },
    });
    expect(shape.body.error).toMatchObject({ code: 'PRICING_INVALID_PROMOTION', field: 'effect' });
  });

  it('a cashier cannot create promotions', async () => {
    expect((await t.api('/api/v1/promotions', { token: cashier, body: snacksOff(1000) })).status).toBe(403);
  });

  it('create, update, deactivate and activate take effect on pricing at once, each audited', async () => {
    const gross = chips.priceFen * 2;
    expect((await quoteChips()).totals.discountFen).toBe(0);
    const created = await t.api('/api/v1/promotions', { token: manager, body: snacksOff(1000) });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ id: 'snacks-off', active: true, updatedBy: 'manager1' });
    expect((await quoteChips()).totals.dueFen).toBe(gross - gross / 10);

    const updated = await t.api('/api/v1/promotions/snacks-off', {
      method: 'PUT',
      token: manager,
      body: snacksOff(2000),
    });
    expect(updated.status).toBe(200);
    expect((await quoteChips()).totals.dueFen).toBe(gross - gross / 5);

    const bad = await t.api('/api/v1/promotions/snacks-off', { method: 'PUT', token: manager, body: snacksOff(12000) });
    expect(bad.body.error).toMatchObject({ code: 'PRICING_PERCENT_OUT_OF_RANGE', field: 'effect.offBp' });
    expect((await t.api('/api/v1/promotions/snacks-off', { token: cashier })).body.data.definition.effect.offBp).toBe(
      2000,
    );

    expect(
      (await t.api('/api/v1/promotions/snacks-off/deactivate', { method: 'POST', token: manager })).body.data.active,
    ).toBe(false);
    expect((await quoteChips()).totals.discountFen).toBe(0);
    expect(
      (await t.api('/api/v1/promotions/snacks-off/activate', { method: 'POST', token: manager })).body.data.active,
    ).toBe(true);
    expect((await quoteChips()).promotions.map((p: { id: string }) => p.id)).toContain('snacks-off');

    const actions = (
      t.box.ctx.db.prepare("SELECT action FROM audit_log WHERE subject = 'snacks-off' ORDER BY seq").all() as Array<{
        action: string;
      }>
    ).map((r) => r.action);
    expect(actions).toEqual(['promotion.created', 'promotion.updated', 'promotion.deactivated', 'promotion.activated']);
    expect((await t.api('/api/v1/promotions', { token: manager, body: snacksOff(1000) })).body.error.code).toBe(
      'PROMOTION_ID_TAKEN',
    );
  });

  it('a promotion that would not compile with the active set is refused (exclusivity group across stages)', async () => {
    const basket = {
      id: 'g-basket',
      name: { zh: '满300减50', en: 'Spend 300 save 50' },
      priority: 0,
      exclusivityGroup: 'summer',
      conditions: {},
      effect: { kind: 'basketThreshold', thresholdFen: 30000, amountOffFen: 5000 },
    };
    expect((await t.api('/api/v1/promotions', { token: manager, body: basket })).status).toBe(201);
    const line = { ...snacksOff(1000), id: 'g-line', exclusivityGroup: 'summer' };
    const r = await t.api('/api/v1/promotions', { token: manager, body: line });
    expect(r.body.error).toMatchObject({
      code: 'PRICING_GROUP_MIXES_STAGES',
      field: 'exclusivityGroup',
      params: { group: 'summer' },
    });
    expect((await t.api('/api/v1/promotions/g-line', { token: cashier })).body.error.code).toBe('PROMOTION_NOT_FOUND');
    // with the basket member deactivated the same promotion is fine, and reactivating the other is then refused
    await t.api('/api/v1/promotions/g-basket/deactivate', { method: 'POST', token: manager });
    expect((await t.api('/api/v1/promotions', { token: manager, body: line })).status).toBe(201);
    const again = await t.api('/api/v1/promotions/g-basket/activate', { method: 'POST', token: manager });
    expect(again.body.error.code).toBe('PRICING_GROUP_MIXES_STAGES');
    expect((await t.api('/api/v1/promotions/g-basket', { token: cashier })).body.data.active).toBe(false);
    expect((await quoteChips()).totals.dueFen).toBeGreaterThan(0); // the stored set still compiles
  });
});
