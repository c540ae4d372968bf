import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { expectNoRowsChanged } from '../support/no-rows-changed.ts';
import { expectRefused, expectSignInRequired, sellForCash, useInjectBox } from '../support/inject-box.ts';

const product = demoProducts().find((p) => p.unit !== 'kg')!;
const refundId = () => randomUUID().replaceAll('-', '');
const SUPERVISOR = { username: 'super1', password: 'super1pass' };

describe('returns routes (inject)', () => {
  const t = useInjectBox();

  it('a cashier returns a cash sale with a supervisor, reads the return back, and a retry replays it', async () => {
    const sale = await sellForCash(t, 'L01', [product.barcodes[0]]);
    const body = {
      refundId: refundId(),
      saleId: sale.saleId,
      lines: [{ lineNo: 1, quantity: 1 }],
      supervisor: SUPERVISOR,
    };
    const created = await t.api('/api/v1/returns', { as: 'cashier', body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const view = await t.api(`/api/v1/returns/${body.refundId}`, { as: 'cashier' });
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(JSON.stringify(view.body.data)).toContain(sale.saleId);
    const again = await t.api('/api/v1/returns', { as: 'cashier', body });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const returned = await t.api(`/api/v1/sales/${sale.saleId}`, { as: 'cashier' });
    expect(returned.body.data.lines[0].returnedQuantity).toBe(1);
  });

  it('returns need a session', async () => {
    await expectSignInRequired(t, '/api/v1/returns', {
      body: { refundId: refundId(), saleId: 'x', lines: [{ lineNo: 1, quantity: 1 }] },
    });
    await expectSignInRequired(t, `/api/v1/returns/${refundId()}`);
  });

  it('a return without the supervisor it needs is refused and writes nothing', async () => {
    const sale = await sellForCash(t, 'L01', [product.barcodes[0]]);
    await expectNoRowsChanged(t.db, async () => {
      const r = await t.api('/api/v1/returns', {
        as: 'cashier',
        body: { refundId: refundId(), saleId: sale.saleId, lines: [{ lineNo: 1, quantity: 1 }] },
      });
      expect(r.body.ok).toBe(false);
      expect(r.status).toBe(403);
    });
  });

  it('a malformed refund id, an empty line list and an unknown return are refused naming the field', async () => {
    expectRefused(
      await t.api('/api/v1/returns', {
        as: 'cashier',
        body: { refundId: 'not-hex', saleId: 'x', lines: [{ lineNo: 1, quantity: 1 }] },
      }),
      'VALIDATION_FAILED',
      'refundId',
    );
    expectRefused(
      await t.api('/api/v1/returns', { as: 'cashier', body: { refundId: refundId(), saleId: 'x', lines: [] } }),
      'VALIDATION_FAILED',
      'lines',
    );
    expectRefused(await t.api(`/api/v1/returns/${refundId()}`, { as: 'cashier' }), 'RETURN_NOT_FOUND', 'id');
  });
});
