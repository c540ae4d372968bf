import type { Receipt } from '../../server/core/sale/receipt.ts';

/** A realistic receipt for tests, demos and the simulators: a member sale with 满减, a weighed item and the e-receipt QR. */
export function sampleReceipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    store: { name: '好邻居便利店（中关村店）', address: '北京市海淀区中关村大街1号', phone: '010-12345678' },
    saleId: 'S20261123-0042',
    lane: '02',
    cashier: '张敏',
    printedAt: '2026-11-23 15:04:05',
    lines: [
      {
        name: '农夫山泉天然水550ml',
        quantity: { kind: 'count', count: 2 },
        unitPriceFen: 200,
        grossFen: 400,
        discounts: [{ label: '满200减30', amountFen: 6 }],
        netFen: 394,
      },
      {
        name: '红富士苹果（散称）',
        quantity: { kind: 'weight', grams: 532 },
        unitPriceFen: 1290,
        grossFen: 686,
        discounts: [{ label: '满200减30', amountFen: 10 }],
        netFen: 676,
      },
      {
        name: '金龙鱼调和油5L',
        quantity: { kind: 'count', count: 1 },
        unitPriceFen: 18914,
        grossFen: 18914,
        discounts: [{ label: '满200减30', amountFen: 284 }],
        netFen: 18630,
      },
    ],
    totals: { grossFen: 20000, discountFen: 300, roundingFen: 0, dueFen: 19700 },
    tenders: [
      { label: '微信支付', amountFen: 9700 },
      { label: '现金', amountFen: 10000 },
    ],
    changeFen: 0,
    member: { maskedPhone: '138****5678', pointsEarned: 197, pointsBalance: 2345 },
    eReceipt: { id: 'ER-7F3A9C', qrPayload: 'https://r.storebox.cn/e/ER-7F3A9C' },
    footer: ['谢谢惠顾，欢迎再次光临'],
    openDrawer: true,
    ...overrides,
  };
}
