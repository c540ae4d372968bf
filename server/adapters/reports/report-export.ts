import ExcelJS from 'exceljs';
import type { Locale } from '../../contracts/errors/catalog.ts';
import { REPORT_BREAKDOWNS, type BreakdownRow, type Report } from '../../contracts/reports/reports.schema.ts';
import { formatDecimalYuan } from '../../core/money/index.ts';

type Label = { zh: string; en: string };
const SECTIONS: Record<string, Label> = {
  day: { zh: '按日', en: 'By day' },
  hour: { zh: '按小时', en: 'By hour' },
  lane: { zh: '按收银台', en: 'By lane' },
  cashier: { zh: '按收银员', en: 'By cashier' },
  channel: { zh: '按支付渠道', en: 'By channel' },
  category: { zh: '按品类', en: 'By category' },
  product: { zh: '按商品', en: 'By product' },
  promotion: { zh: '按促销', en: 'By promotion' },
  refundReason: { zh: '退款（按原因）', en: 'Refunds by reason' },
  refundLane: { zh: '退款（按收银台）', en: 'Refunds by lane' },
  voids: { zh: '作废（按收银员）', en: 'Voids by cashier' },
};
const HEADER: Record<string, Label> = {
  section: { zh: '分类', en: 'Section' },
  key: { zh: '项目', en: 'Item' },
  name: { zh: '名称', en: 'Name' },
  sales: { zh: '笔数', en: 'Count' },
  quantity: { zh: '数量', en: 'Quantity' },
  amount: { zh: '金额（元）', en: 'Amount (yuan)' },
};
const TOTALS: Array<[keyof Report['totals'], Label, boolean]> = [
  ['sales', { zh: '销售笔数', en: 'Sales' }, false],
  ['dueFen', { zh: '销售额', en: 'Takings' }, true],
  ['discountFen', { zh: '优惠', en: 'Discounts' }, true],
  ['averageFen', { zh: '客单价', en: 'Average basket' }, true],
  ['memberSales', { zh: '会员笔数', en: 'Member sales' }, false],
  ['refunds', { zh: '退款笔数', en: 'Refunds' }, false],
  ['refundFen', { zh: '退款额', en: 'Refunded' }, true],
  ['netFen', { zh: '净销售额', en: 'Net takings' }, true],
];

const say = (l: Label, locale: Locale) => (locale === 'en' ? l.en : l.zh);

/** every table of the report, in the console's order */
function sections(r: Report): Array<[string, BreakdownRow[]]> {
  return [
    ...REPORT_BREAKDOWNS.map((k): [string, BreakdownRow[]] => [k, r.breakdowns[k]]),
    ['refundReason', r.refunds.byReason],
    ['refundLane', r.refunds.byLane],
    ['voids', r.voids.byCashier],
  ];
}

export function reportFileName(r: Report, format: 'csv' | 'xlsx'): string {
  return `storebox-report-${r.from}_${r.to}.${format}`;
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets */
function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The report as one CSV table (UTF-8 with a BOM, so Excel opens the Chinese right): totals, then every section. */
export function reportCsv(r: Report, locale: Locale): string {
  const rows: Array<Array<string | number>> = [
    [
      say(HEADER.section, locale),
      say(HEADER.key, locale),
      say(HEADER.name, locale),
      say(HEADER.sales, locale),
      say(HEADER.quantity, locale),
      say(HEADER.amount, locale),
    ],
  ];
  const totals = locale === 'en' ? 'Totals' : '合计';
  for (const [key, label, money] of TOTALS)
    rows.push([
      totals,
      say(label, locale),
      '',
      money ? '' : r.totals[key],
      '',
      money ? formatDecimalYuan(r.totals[key]) : '',
    ]);
  for (const [section, list] of sections(r))
    for (const row of list)
      rows.push([
        say(SECTIONS[section], locale),
        row.key,
        row.name ?? '',
        row.sales,
        row.quantity ?? '',
        formatDecimalYuan(row.amountFen),
      ]);
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The report as an Excel workbook: a totals sheet and one sheet per section, amounts as yuan numbers formatted ¥#,##0.00. */
export async function reportXlsx(r: Report, locale: Locale): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Storebox';
  const money = '¥#,##0.00';
  const totals = book.addWorksheet(locale === 'en' ? 'Totals' : '合计');
  totals.addRow([`${r.from} – ${r.to}`]);
  for (const [key, label, isMoney] of TOTALS) {
    const row = totals.addRow([say(label, locale), isMoney ? r.totals[key] / 100 : r.totals[key]]);
    if (isMoney) row.getCell(2).numFmt = money;
  }
  totals.getColumn(1).width = 18;
  totals.getColumn(2).width = 16;
  for (const [section, list] of sections(r)) {
    const sheet = book.addWorksheet(say(SECTIONS[section], locale));
    sheet.addRow([HEADER.key, HEADER.name, HEADER.sales, HEADER.quantity, HEADER.amount].map((h) => say(h, locale)));
    sheet.getRow(1).font = { bold: true };
    // yuan as a spreadsheet number is for display and sums in Excel; the box's own arithmetic stays in fen
    for (const row of list)
      sheet.addRow([row.key, row.name ?? '', row.sales, row.quantity ?? null, row.amountFen / 100]);
    sheet.getColumn(5).numFmt = money;
    sheet.columns.forEach((c, i) => (c.width = i === 1 ? 24 : 14));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
