import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { withGtinCheckDigit } from '../../server/core/catalog/index.ts';
import { LaneClient } from '../support/lane-client.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const demo = demoProducts();
const byName = (zh: string) => demo.find((p) => p.names.zh === zh)!;
const oil = byName('鲁花花生油 5L');
const nuts = byName('三只松鼠每日坚果 750g');
const apples = byName('富士苹果');
const cola = byName('可口可乐 330ml');

describe('POST /api/v1/pricing/quote', () => {
  let t: TestBox;
  let cashier: string;
  const quote = (body: unknown) => t.api('/api/v1/pricing/quote', { token: cashier, body });
  beforeAll(async () => {
    t = await startTestBox();
    cashier = await t.login('cashier1', 'cashier1pass');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dataDir);
  });

  it('applies the brochure 满200减30 to a demo basket, in the lane cart shape', async () => {
    const r = await quote({ items: [{ barcode: oil.barcodes[0] }, { sku: nuts.sku }] });
    expect(r.status).toBe(200);
    const cart = r.body.data;
    const gross = oil.priceFen + nuts.priceFen;
    expect(gross).toBeGreaterThanOrEqual(20000);
    expect(cart.totals.grossFen).toBe(gross);
    expect(cart.promotions).toContainEqual(expect.objectContaining({ id: 'spend-200-save-30', amountFen: 3000 }));
    expect(cart.totals.dueFen).toBe(gross - 3000 - (cart.rounding?.amountFen ?? 0));
    expect(cart.lines.map((l: { sku: string }) => l.sku)).toEqual([oil.sku, nuts.sku]);
    // the basket discount is allocated to the lines and adds up exactly
    const shares = cart.lines.flatMap(
      (l: { discounts: Array<{ source: { promotionId?: string }; amountFen: number }> }) =>
        l.discounts.filter((d) => d.source.promotionId === 'spend-200-save-30').map((d) => d.amountFen),
    );
    expect(shares.reduce((a: number, b: number) => a + b, 0)).toBe(3000);
    expect(cart.display.due).toMatch(/^¥\d+\.\d\d$/);
  });

  it('below the threshold no 满减', async () => {
    const cart = (await quote({ items: [{ sku: nuts.sku }] })).body.data;
    expect(cart.promotions.map((p: { id: string }) => p.id)).not.toContain('spend-200-save-30');
  });

  it('prices weighed goods by weight and label-scale codes by their embedded weight', async () => {
    const byWeight = (await quote({ items: [{ sku: apples.sku, weightGrams: 1500 }] })).body.data;
    expect(byWeight.lines[0]).toMatchObject({
      unit: 'kg',
      quantity: 1500,
      grossFen: Math.round((apples.priceFen * 1500) / 1000),
    });
    // China label-scale layout 28 IIIII VVVVV C: PLU then grams
    const label = withGtinCheckDigit(`28${apples.plu!.padStart(5, '0')}01500`);
    const scanned = (await quote({ items: [{ barcode: label }] })).body.data;
    expect(scanned.lines[0].grossFen).toBe(byWeight.lines[0].grossFen);
  });

  it('`at` sets the moment promotions see (evening double points 20:00–22:00 Beijing time)', async () => {
    const evening = (await quote({ items: [{ sku: cola.sku }], at: '2025-06-02T12:30:00Z' })).body.data;
    const noon = (await quote({ items: [{ sku: cola.sku }], at: '2025-06-02T04:00:00Z' })).body.data;
    expect(evening.promotions.map((p: { id: string }) => p.id)).toContain('evening-double-points');
    expect(noon.promotions.map((p: { id: string }) => p.id)).not.toContain('evening-double-points');
  });

  it('a member’s quote applies the best coupons the lane applies by itself: same basket, same member, same due', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const gold = (await t.api('/api/v1/members?phone=13800000002', { token: manager })).body.data[0];
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: oil.barcodes[0] });
    await lane.send('cart.scan', { code: nuts.barcodes[0] });
    const atLane = (await lane.send('cart.identifyMember', { query: '13800000002' })).data.cart;
    lane.close();
    expect(atLane!.coupons.applied.length).toBeGreaterThan(0); // the lane chose the member's coupon by itself

    const quoted = (await quote({ items: [{ barcode: oil.barcodes[0] }, { sku: nuts.sku }], memberId: gold.id })).body
      .data;
    expect(quoted.coupons.applied).toEqual(atLane!.coupons.applied);
    expect(quoted.totals).toEqual(atLane!.totals);
  });

  it('a coupon template’s scope holds whatever its kind: SKU-scoped amount off and category-scoped percent off touch only their lines', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const supervisor = await t.login('super1', 'super1pass');
    const template = (id: string, name: string, effect: unknown, scope: unknown) =>
      t.api('/api/v1/coupons/templates', {
        token: manager,
        body: {
          id,
          name,
          effect,
          scope,
          validity: { kind: 'relative', days: 30, startsAfterDays: 0 },
          perSaleLimit: 1,
          restorePolicy: 'full-refund',
        },
      });
    expect(
      (
        await template(
          'oil-100-30',
          '花生油 满100减30',
          { kind: 'amount-off', amountFen: 3000, thresholdFen: 10000 },
          { categoryPaths: [], skus: [oil.sku] },
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await template(
          'snacks-8-off',
          '零食 8折券',
          { kind: 'percent-off', payBp: 8000, thresholdFen: 0 },
          { categoryPaths: [['食品', '零食']], skus: [] },
        )
      ).status,
    ).toBe(201);
    const couponFor = async (phone: string, templateId: string) => {
      const m = (await t.api('/api/v1/members', { token: manager, body: { phone } })).body.data.member;
      const issued = await t.api('/api/v1/coupons/issue', { token: supervisor, body: { memberId: m.id, templateId } });
      expect(issued.status).toBe(201);
      return { memberId: m.id as string, code: issued.body.data[0].id as string };
    };
    type Line = { sku: string; discounts: Array<{ source: { code?: string }; amountFen: number }> };
    const couponOn = (cart: { lines: Line[] }, code: string) =>
      cart.lines.map((l) => l.discounts.filter((d) => d.source.code === code).reduce((s, d) => s + d.amountFen, 0));
    const items = [{ sku: oil.sku }, { sku: nuts.sku }];

    const bySku = await couponFor('13577770001', 'oil-100-30');
    const skuCart = (await quote({ items, memberId: bySku.memberId, couponCodes: [bySku.code] })).body.data;
    expect(skuCart.coupons.applied.map((c: { code: string }) => c.code)).toEqual([bySku.code]);
    expect(couponOn(skuCart, bySku.code)).toEqual([3000, 0]); // all on the oil, none on the nuts

    const byCategory = await couponFor('13577770002', 'snacks-8-off');
    const plain = (await quote({ items })).body.data;
    const catCart = (await quote({ items, memberId: byCategory.memberId, couponCodes: [byCategory.code] })).body.data;
    expect(catCart.coupons.applied.map((c: { code: string }) => c.code)).toEqual([byCategory.code]);
    // 20% of the nuts' net after the 满减, nothing off the oil (食品/粮油)
    expect(couponOn(catCart, byCategory.code)).toEqual([0, Math.round(plain.lines[1].netFen * 0.2)]);
  });

  it('bad items are refused with a field naming the item', async () => {
    const wrongDigit = oil.barcodes[0].slice(0, 12) + String((Number(oil.barcodes[0][12]) + 1) % 10);
    const cases: Array<[unknown, string, string]> = [
      [{ items: [{ sku: oil.sku }, { barcode: '6901234567892' }] }, 'CATALOG_UNKNOWN_BARCODE', 'items.1.barcode'],
      [{ items: [{ barcode: wrongDigit }] }, 'CATALOG_BAD_CHECK_DIGIT', 'items.0.barcode'],
      [{ items: [{ sku: oil.sku, weightGrams: 500 }] }, 'CATALOG_NOT_WEIGHED', 'items.0.weightGrams'],
      [{ items: [{ sku: oil.sku }, { sku: apples.sku }] }, 'CATALOG_WEIGHT_REQUIRED', 'items.1.weightGrams'],
      [{ items: [{ sku: 'NO-SUCH-SKU' }] }, 'CATALOG_UNKNOWN_BARCODE', 'items.0.sku'],
      [{ items: [{ qty: 2 }] }, 'QUOTE_ITEM_CODE_REQUIRED', 'items.0'],
      [{ items: [{ sku: oil.sku, qty: 0 }] }, 'VALIDATION_FAILED', 'items.0.qty'],
      [{ items: [{ sku: oil.sku, colour: 'red' }] }, 'VALIDATION_FAILED', 'items.0.colour'],
      [{ items: [] }, 'VALIDATION_FAILED', 'items'],
      [{ items: [{ sku: oil.sku }], at: 'yesterday' }, 'VALIDATION_FAILED', 'at'],
      [{ items: [{ sku: oil.sku }], memberId: 'M-NOBODY' }, 'MEMBER_NOT_FOUND', 'memberId'],
      [{ items: [{ sku: oil.sku }], couponCodes: ['NO-SUCH-COUPON'] }, 'COUPON_NOT_FOUND', 'couponCodes.0'],
    ];
    for (const [body, code, field] of cases) {
      const r = await quote(body);
      expect({ body, code: r.body.error?.code, field: r.body.error?.field }).toEqual({ body, code, field });
    }
  });

  it('needs a login', async () => {
    expect((await t.api('/api/v1/pricing/quote', { body: { items: [{ sku: oil.sku }] } })).status).toBe(401);
  });
});
