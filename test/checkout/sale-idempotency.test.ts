import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient } from '../support/lane-client.ts';
import { useTestBox } from '../support/test-box.ts';

const cola = demoProducts().find((p) => p.names.zh === '可口可乐 330ml')!;

const t = useTestBox();

describe('cart.complete idempotency covers the cart', () => {
  it("refuses an earlier sale's id and due for the next cart, which stays open and then sells under its own id", async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    await lane.send('cart.open');
    const first = await lane.send('cart.scan', { code: cola.barcodes[0] });
    const due = first.data.cart!.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: due });
    const saleId = uuidv7();
    const sold = await lane.send('cart.complete', { saleId, expectedDueFen: due });
    expect(sold.data.sale).toMatchObject({ saleId, replayed: false });

    // the reply was lost and the lane retries: the box already opened a fresh cart, the first result comes back
    const retry = await lane.send('cart.complete', { saleId, expectedDueFen: due });
    expect(retry.data.sale).toMatchObject({ saleId, replayed: true, receiptNo: sold.data.sale!.receiptNo });

    // the next customer buys the same thing; the lane wrongly sends the earlier sale's id and due
    await lane.send('cart.scan', { code: cola.barcodes[0] });
    const tendered = await lane.send('cart.tenderCash', { amountFen: due });
    expect(tendered.data.cart!.totals.dueFen).toBe(due);
    const reused = await lane.send('cart.complete', { saleId, expectedDueFen: due });
    expect(reused.ok).toBe(false);
    expect(reused.error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'saleId' });
    expect(reused.data.sale).toBeUndefined();
    expect(reused.data.cart!.lines).toHaveLength(1);
    expect(reused.data.cart!.tenders).toHaveLength(1);

    const own = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    expect(own.ok).toBe(true);
    expect(own.data.sale!.replayed).toBe(false);
    expect(own.data.sale!.receiptNo).not.toBe(sold.data.sale!.receiptNo);
    lane.close();

    const db = new Database(join(t.dataDir, 'storebox.db'), { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM sale WHERE lane_id = 'L01'").get()).toEqual({ n: 2 });
    db.close();
  });
});
