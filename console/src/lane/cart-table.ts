import type { CartView } from '../../../server/contracts/lane/lane-replies.ts';
import { formatYuan } from '../../../server/core/money/index.ts';
import { h } from '../shared/dom.ts';
import { locale } from '../shared/i18n.ts';

type Line = CartView['lines'][number];

/** Quantity as the cashier reads it: a count, or kilograms from grams (512 → 0.512 kg). */
export function quantityText(line: Pick<Line, 'unit' | 'quantity'>): string {
  if (line.unit === 'each') return String(line.quantity);
  const kg = Math.trunc(line.quantity / 1000);
  const g = String(line.quantity % 1000).padStart(3, '0');
  return `${kg}.${g} kg`;
}

function unitPriceText(line: Line): string {
  return line.unit === 'kg' ? `${formatYuan(line.unitPriceFen)}/kg` : formatYuan(line.unitPriceFen);
}

function lineBody(line: Line, index: number): HTMLTableSectionElement {
  const zh = locale() !== 'en';
  return h(
    'tbody',
    { class: 'line', 'data-line-id': line.lineId },
    h(
      'tr',
      { class: 'line-main' },
      h('td', { class: 'no' }, index + 1),
      h(
        'td',
        { class: 'name' },
        zh ? line.name.zh : line.name.en,
        line.priceOverridden ? h('span', { class: 'tag' }, zh ? '改价' : 'override') : null,
      ),
      h('td', { class: 'qty num' }, quantityText(line)),
      h('td', { class: 'price num' }, unitPriceText(line)),
      h('td', { class: 'gross num' }, formatYuan(line.grossFen)),
      h('td', { class: 'net num' }, formatYuan(line.netFen)),
    ),
    ...line.discounts.map((d) =>
      h(
        'tr',
        { class: `line-discount stage-${d.stage}` },
        h('td', {}),
        h('td', { class: 'discount-label', colspan: 3 }, zh ? d.label.zh : d.label.en),
        h('td', { class: 'num discount-amount' }, formatYuan(-d.amountFen)),
        h('td', {}),
      ),
    ),
  );
}

/**
 * The cart's lines, one <tbody> per line keyed by lineId: a reply re-renders only the lines whose
 * content changed (a scan touches one line, a basket discount touches all, still ≤ 200 cheap rows).
 */
export class CartTable {
  private readonly table: HTMLTableElement;
  private readonly rows = new Map<string, { body: HTMLTableSectionElement; signature: string }>();
  private order: string[] = [];
  private selected: string | undefined;

  constructor(table: HTMLTableElement) {
    if (!table.tHead) throw new Error('the cart table needs a <thead>');
    this.table = table;
  }

  render(lines: readonly Line[]): void {
    const lang = locale();
    const seen = new Set<string>();
    let previous: Element = this.table.tHead!;
    lines.forEach((line, i) => {
      seen.add(line.lineId);
      const signature = `${lang}|${i}|${JSON.stringify(line)}`;
      let row = this.rows.get(line.lineId);
      if (!row || row.signature !== signature) {
        const body = lineBody(line, i);
        if (row) row.body.replaceWith(body);
        row = { body, signature };
        this.rows.set(line.lineId, row);
      }
      if (previous.nextElementSibling !== row.body) previous.after(row.body);
      previous = row.body;
    });
    for (const [id, row] of this.rows) {
      if (seen.has(id)) continue;
      row.body.remove();
      this.rows.delete(id);
    }
    const grew = lines.length > this.order.length;
    this.order = lines.map((l) => l.lineId);
    // a new line (a scan) takes the selection; otherwise it stays where the cashier put it
    if (grew || this.selected === undefined || !seen.has(this.selected)) this.selected = this.order.at(-1);
    this.markSelected();
  }

  /** The selected line (the last scanned unless the cashier moved with ↑/↓). */
  get selectedLineId(): string | undefined {
    return this.selected;
  }

  move(step: number): void {
    const ids = this.order;
    if (ids.length === 0) return;
    const at = this.selected === undefined ? ids.length - 1 : ids.indexOf(this.selected);
    this.selected = ids[Math.max(0, Math.min(ids.length - 1, at + step))];
    this.markSelected();
  }

  private markSelected(): void {
    for (const [id, row] of this.rows) row.body.classList.toggle('selected', id === this.selected);
    if (this.selected) this.rows.get(this.selected)?.body.scrollIntoView({ block: 'nearest' });
  }
}
