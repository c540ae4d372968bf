import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { expectRefused, expectRoleDenied, sellForCash, useInjectBox } from '../support/inject-box.ts';

const product = demoProducts().find((p) => p.unit !== 'kg')!;

describe('sales routes (inject)', () => {
  const t = useInjectBox();

  it("a cashier finds a sale by receipt number and by id, lines and tenders included; a manager sees it in the day's report", async () => {
    const sale = await sellForCash(t, 'L01', [product.barcodes[0]]);
    const byReceipt = await t.api(`/api/v1/sales?q=${sale.receiptNo}`, { as: 'cashier' });
    expect(byReceipt.status, JSON.stringify(byReceipt.body)).toBe(200);
    expect(byReceipt.body.data).toMatchObject({ id: sale.saleId, receiptNo: sale.receiptNo });
    expect(byReceipt.body.data.lines).toHaveLength(1);
    expect(byReceipt.body.data.lines[0]).toMatchObject({ sku: product.sku, returnedQuantity: 0 });
    expect(byReceipt.body.data.tenders.map((x: { kind: string }) => x.kind)).toEqual(['cash']);
    const byId = await t.api(`/api/v1/sales/${sale.saleId}`, { as: 'cashier' });
    expect(byId.body.data.receiptNo).toBe(sale.receiptNo);
    const day = await t.api('/api/v1/sales/day', { as: 'manager' });
    expect(day.status, JSON.stringify(day.body)).toBe(200);
    expect(JSON.stringify(day.body.data)).toContain(sale.receiptNo);
  });

  it("a supervisor may not read the day's report", async () => {
    await expectRoleDenied(t, 'supervisor', '/api/v1/sales/day');
  });

  it('a missing query, a malformed date and an unknown sale are refused naming the field', async () => {
    expectRefused(await t.api('/api/v1/sales', { as: 'cashier' }), 'VALIDATION_FAILED', 'q');
    expectRefused(await t.api('/api/v1/sales/day?date=today', { as: 'manager' }), 'VALIDATION_FAILED', 'date');
    expectRefused(await t.api('/api/v1/sales?q=S001-L09-99999999', { as: 'cashier' }), 'SALE_NOT_FOUND', 'q');
    expectRefused(await t.api('/api/v1/sales/no-such-sale', { as: 'cashier' }), 'SALE_NOT_FOUND', 'id');
  });
});
