import { formatDecimalYuan } from '../../../server/core/money/index.ts';
import { centerColumns, leftRight, wrapColumns } from '../text/column-width.ts';
import { EscPosEncoder } from './escpos.encoder.ts';
import { PAPER_COLUMNS } from '../../../server/core/sale/receipt.ts';
import type { PaperWidth, Receipt, ReceiptLine, ReceiptQuantity } from '../../../server/core/sale/receipt.ts';

/** What the receipt layout needs from its output: the ESC/POS encoder, or the plain-text sink below. */
interface ReceiptSink {
  line(text?: string): ReceiptSink;
  align(alignment: 'left' | 'center' | 'right'): ReceiptSink;
  bold(on: boolean): ReceiptSink;
  size(width: number, height: number): ReceiptSink;
  qrCode(payload: string, moduleSize?: number, errorCorrection?: 'L' | 'M' | 'Q' | 'H'): ReceiptSink;
  feed(lines: number): ReceiptSink;
  cut(partial?: boolean): ReceiptSink;
  drawerKick(): ReceiptSink;
}

/** Receipt model → ESC/POS bytes for a 58 mm (32 columns) or 80 mm (48 columns) printer. */
export function renderReceipt(receipt: Receipt, paper: PaperWidth): Uint8Array {
  const e = new EscPosEncoder().initialize();
  layoutReceipt(receipt, paper, e);
  return e.encode();
}

/**
 * The same receipt as plain text, column for column as printed (the e-receipt page, logs of what
 * was printed, tests). The QR code shows as its payload; the drawer kick and cut leave no trace.
 */
export function renderReceiptText(receipt: Receipt, paper: PaperWidth): string {
  const sink = new PlainTextSink(PAPER_COLUMNS[paper]);
  layoutReceipt(receipt, paper, sink);
  return sink.text();
}

class PlainTextSink implements ReceiptSink {
  private readonly lines: string[] = [];
  private alignment: 'left' | 'center' | 'right' = 'left';
  private readonly cols: number;
  constructor(cols: number) {
    this.cols = cols;
  }
  line(text = ''): this {
    this.lines.push(this.alignment === 'center' ? centerColumns(text, this.cols).trimEnd() : text);
    return this;
  }
  align(alignment: 'left' | 'center' | 'right'): this {
    this.alignment = alignment;
    return this;
  }
  bold(): this {
    return this;
  }
  size(): this {
    return this;
  }
  qrCode(payload: string): this {
    this.lines.push(`[QR] ${payload}`);
    return this;
  }
  feed(): this {
    return this;
  }
  cut(): this {
    return this;
  }
  drawerKick(): this {
    return this;
  }
  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

function layoutReceipt(receipt: Receipt, paper: PaperWidth, e: ReceiptSink): void {
  const cols = PAPER_COLUMNS[paper];
  const rule = '-'.repeat(cols);
  // Kick first so the drawer opens while the receipt prints.
  if (receipt.openDrawer) e.drawerKick();

  e.align('center').bold(true).size(2, 2);
  // Double-width text takes two columns per column: wrap at half the width.
  for (const part of wrapColumns(receipt.store.name, Math.floor(cols / 2))) e.line(part);
  e.size(1, 1).bold(false);
  if (receipt.store.address) for (const part of wrapColumns(receipt.store.address, cols)) e.line(part);
  if (receipt.store.phone) e.line(`电话：${receipt.store.phone}`);
  e.align('left');
  e.line(`单号：${receipt.saleId}`);
  e.line(leftRight(`收银员：${receipt.cashier}`, `款台：${receipt.lane}`, cols));
  e.line(`时间：${receipt.printedAt}`);
  e.line(rule);
  e.line(leftRight('品名/数量×单价', '金额', cols));
  e.line(rule);
  for (const line of receipt.lines) renderLine(e, line, cols);
  e.line(rule);

  const t = receipt.totals;
  e.line(leftRight(`合计（${receipt.lines.length}项）`, formatDecimalYuan(t.grossFen), cols));
  if (t.discountFen !== 0) e.line(leftRight('优惠', formatDecimalYuan(-t.discountFen), cols));
  if (t.roundingFen !== 0) e.line(leftRight('抹零', formatDecimalYuan(-t.roundingFen), cols));
  e.bold(true)
    .size(1, 2)
    .line(leftRight('应收', `￥${formatDecimalYuan(t.dueFen)}`, cols))
    .size(1, 1)
    .bold(false);
  for (const tender of receipt.tenders) e.line(leftRight(tender.label, formatDecimalYuan(tender.amountFen), cols));
  e.line(leftRight('找零', formatDecimalYuan(receipt.changeFen), cols));

  if (receipt.member) {
    const m = receipt.member;
    e.line(rule);
    e.line(`会员：${m.maskedPhone}`);
    e.line(leftRight('本次积分', `+${m.pointsEarned}`, cols));
    e.line(leftRight('积分余额', String(m.pointsBalance), cols));
  }
  if (receipt.eReceipt) {
    e.line(rule).align('center');
    e.line('扫码查看电子小票');
    e.qrCode(receipt.eReceipt.qrPayload, paper === 58 ? 5 : 6, 'M');
    e.line(receipt.eReceipt.id);
    e.align('left');
  }
  if (receipt.footer && receipt.footer.length > 0) {
    e.align('center');
    for (const text of receipt.footer) for (const part of wrapColumns(text, cols)) e.line(part);
    e.align('left');
  }
  // Feed past the cutter (about 3 lines on common heads), then partial cut: many Xprinter models only cut partially.
  e.feed(3).cut(true);
}

function renderLine(e: ReceiptSink, line: ReceiptLine, cols: number): void {
  for (const part of wrapColumns(line.name, cols)) e.line(part);
  // a price-embedded label carries no weight: print its price with the shelf price per kg, never 0.000kg
  const left =
    line.quantity.kind === 'labelPrice'
      ? `  标签价（${formatDecimalYuan(line.unitPriceFen)}/kg）`
      : `  ${quantityText(line.quantity)}×${formatDecimalYuan(line.unitPriceFen)}`;
  e.line(leftRight(left, formatDecimalYuan(line.grossFen), cols));
  for (const d of line.discounts) e.line(leftRight(`  ${d.label}`, formatDecimalYuan(-d.amountFen), cols));
  if (line.discounts.length > 0) e.line(leftRight('  实付', formatDecimalYuan(line.netFen), cols));
}

/** Counts as integers, weights as kg with three decimals (integer grams, no float arithmetic). */
export function quantityText(q: ReceiptQuantity): string {
  if (q.kind === 'count') return String(q.count);
  if (q.kind === 'labelPrice') return '标签价';
  const kg = Math.floor(q.grams / 1000);
  return `${kg}.${String(q.grams % 1000).padStart(3, '0')}kg`;
}
