import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { withGtinCheckDigit } from '../../server/core/catalog/index.ts';
import { LaneClient } from '../support/lane-client.ts';
import { useTestBox } from '../support/test-box.ts';

const products = demoProducts();
const apples = products.find((p) => p.names.zh === '富士苹果')!; // ¥12.90/kg, has a PLU
const cola = products.find((p) => p.names.zh === '可口可乐 330ml')!;
// the store's default layouts: 28 IIIII VVVVV C (grams), 22 IIIII VVVVV C (fen)
const weightLabel = (grams: number) =>
  withGtinCheckDigit(`28${apples.plu!.padStart(5, '0')}${String(grams).padStart(5, '0')}`);
const priceLabel = (fen: number) =>
  withGtinCheckDigit(`22${apples.plu!.padStart(5, '0')}${String(fen).padStart(5, '0')}`);

const t = useTestBox();

describe('label-scale codes at the lane', () => {
  it('refuses a 0 g or ¥0.00 label with its own code naming the code, the cart unchanged, and the lane keeps selling', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: cola.barcodes[0] });

    const zeroWeight = await lane.send('cart.scan', { code: weightLabel(0) });
    expect(zeroWeight.ok).toBe(false);
    expect(zeroWeight.error).toMatchObject({ code: 'CATALOG_LABEL_ZERO_WEIGHT', field: 'code' });
    expect(zeroWeight.error!.message).toContain(weightLabel(0));
    expect(zeroWeight.data.cart!.lines.map((l: { sku: string }) => l.sku)).toEqual([cola.sku]);

    const zeroPrice = await lane.send('cart.scan', { code: priceLabel(0) });
    expect(zeroPrice.error).toMatchObject({ code: 'CATALOG_LABEL_ZERO_PRICE', field: 'code' });
    expect(zeroPrice.data.cart!.lines).toHaveLength(1);

    // the lane is not stuck: a good label scans, the cart parks and resumes, the sale completes
    const good = await lane.send('cart.scan', { code: weightLabel(1250) });
    expect(good.ok).toBe(true);
    expect(good.data.cart!.lines[1]).toMatchObject({ sku: apples.sku, quantity: 1250, grossFen: 1613 });
    const parked = await lane.send('cart.park');
    expect(parked.ok).toBe(true);
    const resumed = await lane.send('cart.resume', { parkedId: parked.data.parkedId! });
    expect(resumed.ok).toBe(true);
    expect(resumed.data.cart!.lines).toHaveLength(2);
    const due = resumed.data.cart!.totals.dueFen;
    expect((await lane.send('cart.tenderCash', { amountFen: due })).ok).toBe(true);
    const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    expect(done.ok).toBe(true);
    lane.close();
  });

  it('refuses quantity or weightGrams sent with a label that carries its own weight or price', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L02');
    await lane.send('cart.open');
    const withQuantity = await lane.send('cart.scan', { code: weightLabel(500), quantity: 3 });
    expect(withQuantity.error).toMatchObject({ code: 'CATALOG_INVALID_QUANTITY', field: 'quantity' });
    const withWeight = await lane.send('cart.scan', { code: priceLabel(1290), weightGrams: 800 });
    expect(withWeight.error).toMatchObject({ code: 'CATALOG_INVALID_QUANTITY', field: 'weightGrams' });
    expect(withWeight.data.cart!.lines).toEqual([]);
    lane.close();
  });
});

describe('label-scale codes in the quote', () => {
  it('answers 400 naming the item for a 0 g or ¥0.00 label, never 500', async () => {
    const token = await t.login('cashier1', 'cashier1pass');
    const quote = (body: unknown) => t.api('/api/v1/pricing/quote', { token, body });
    const weight = await quote({ items: [{ sku: cola.sku }, { barcode: weightLabel(0) }] });
    expect(weight.status).toBe(400);
    expect(weight.body.error).toMatchObject({ code: 'CATALOG_LABEL_ZERO_WEIGHT', field: 'items.1.barcode' });
    const price = await quote({ items: [{ barcode: priceLabel(0) }] });
    expect(price.status).toBe(400);
    expect(price.body.error).toMatchObject({ code: 'CATALOG_LABEL_ZERO_PRICE', field: 'items.0.barcode' });
  });
});
