import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { renderReceipt, renderReceiptText } from '../../devices/drivers/escpos/receipt.renderer.ts';
import { decodeEscPos } from '../../devices/testing/escpos-decoder.ts';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import type { Receipt } from '../../server/core/sale/receipt.ts';
import { withGtinCheckDigit } from '../../server/core/catalog/index.ts';
import { LaneClient } from '../support/lane-client.ts';
import { useTestBox } from '../support/test-box.ts';

const t = useTestBox();
const products = demoProducts();
const apples = products.find((p) => p.names.zh === '富士苹果')!; // ¥12.90/kg, PLU
const oil = products.find((p) => p.names.zh === '鲁花花生油 5L')!;

/** China label-scale price layout 22 IIIII PPPPP C: PLU then the price in fen, no weight. */
const priceLabel = (plu: string, priceFen: number) =>
  withGtinCheckDigit(`22${plu.padStart(5, '0')}${String(priceFen).padStart(5, '0')}`);

async function sell(
  scan: Array<{ code: string }>,
  memberQuery?: string,
): Promise<{ receipt: Receipt; saleId: string }> {
  const lane = await LaneClient.login(t.baseUrl, 'L01');
  await lane.send('cart.open');
  for (const s of scan) expect((await lane.send('cart.scan', s)).ok).toBe(true);
  if (memberQuery) expect((await lane.send('cart.identifyMember', { query: memberQuery })).ok).toBe(true);
  const total = await lane.send('cart.total');
  const due = total.data.cart!.totals.dueFen;
  await lane.send('cart.tenderCash', { amountFen: due });
  const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
  expect(done.error).toBeUndefined();
  lane.close();
  const saleId: string = done.data.sale!.saleId;
  return { receipt: t.box.ctx.repos.sales.byId(saleId)!.receipt as Receipt, saleId };
}

/** The printed receipt as the printer reads it: the ESC/POS bytes decoded by the independent decoder. */
function printed(receipt: Receipt): string[] {
  const decoded = decodeEscPos(renderReceipt(receipt, 58));
  expect(decoded.badText).toBe(0);
  return decoded.lines.map((l) => l.trimEnd());
}

describe('a sale’s receipt as printed', () => {
  it('prints the store address, phone and footer from the store settings', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const receipt = {
      address: '北京市朝阳区望京街8号',
      phone: '010-84561234',
      footer: ['谢谢惠顾 欢迎再来', 'Thank you'],
    };
    const saved = await t.api('/api/v1/store/settings', { method: 'PUT', token: manager, body: { receipt } });
    expect(saved.status).toBe(200);
    const sale = await sell([{ code: oil.barcodes[0] }]);
    const lines = printed(sale.receipt);
    expect(lines.some((l) => l.trim() === '北京市朝阳区望京街8号')).toBe(true);
    expect(lines.some((l) => l.trim() === '电话：010-84561234')).toBe(true);
    const tail = lines
      .filter((l) => l.trim() !== '')
      .slice(-2)
      .map((l) => l.trim());
    expect(tail).toEqual(['谢谢惠顾 欢迎再来', 'Thank you']);
  });

  it('prints the member block: the phone masked, the points this sale earned and the balance after it', async () => {
    const sale = await sell([{ code: oil.barcodes[0] }], '13800000002');
    const stored = t.box.ctx.repos.sales.byId(sale.saleId)!;
    expect(stored.pointsEarned).toBeGreaterThan(0);
    const member = t.box.loyalty.stores.members.byId(stored.memberId!)!;
    expect(sale.receipt.member).toEqual({
      maskedPhone: '138****0002',
      pointsEarned: stored.pointsEarned,
      pointsBalance: member.pointsBalance,
    });
    const lines = printed(sale.receipt);
    expect(lines).toContain('会员：138****0002');
    expect(lines.find((l) => l.startsWith('本次积分'))?.replace(/\s+/g, ' ')).toBe(`本次积分 +${stored.pointsEarned}`);
    expect(lines.find((l) => l.startsWith('积分余额'))?.replace(/\s+/g, ' ')).toBe(`积分余额 ${member.pointsBalance}`);
    expect(lines.join('\n')).not.toContain('13800000002');
  });

  it('prints a price-embedded label of a by-weight product at its label price, never as 0.000kg', async () => {
    const sale = await sell([{ code: priceLabel(apples.plu!, 1290) }]);
    const text = renderReceiptText(sale.receipt, 58);
    expect(text).not.toContain('0.000kg');
    const lines = printed(sale.receipt);
    const at = lines.indexOf('富士苹果');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1].replace(/\s+/g, ' ').trim()).toBe('标签价（12.90/kg） 12.90');
    expect(sale.receipt.totals.dueFen).toBe(1290);
  });
});
