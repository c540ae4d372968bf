/**
 * The latest run's suggested lines, grouped by supplier, as CSV (UTF-8 with BOM, so spreadsheet programs
 * read the Chinese names) or Excel: what a manager sends a supplier or edits into a purchase order.
 */
import { formatDecimalYuan } from '../../core/money/index.ts';
import type { ReplenishmentLine, ReplenishmentStore } from '../ports/replenishment-store.port.ts';
import type { SpreadsheetCell, SpreadsheetWriter } from '../ports/spreadsheet.port.ts';

export type ReplenishmentExportInput = { readonly format: 'csv' | 'xlsx' };
export type ReplenishmentExportOutput =
  | {
      readonly ok: true;
      readonly runId: string;
      readonly asOf: string;
      readonly rows: number;
      readonly bytes: Uint8Array;
    }
  | { readonly ok: false; readonly code: 'REPLENISHMENT_NO_RUN' };

/** Every line of an export: far above a store's catalogue, a bound on one file. */
const EXPORT_MAX_LINES = 1_000_000;

export const EXPORT_HEADER = [
  '供应商 Supplier',
  '供应商编号 Supplier ID',
  '商品编码 SKU',
  '品名 Name',
  '单位 Unit',
  '建议订货量 Quantity',
  '进价(元) Unit cost',
  '金额(元) Amount',
  '日均需求 Demand/day',
  '提前期(天) Lead time',
  '安全库存 Safety stock',
  '再订货点 Reorder point',
  '现有库存 On hand',
  '在途 On order',
  '包装规格 Pack size',
  '起订量 Min order',
  '可售天数 Days of cover',
] as const;

function row(l: ReplenishmentLine): SpreadsheetCell[] {
  const e = l.explanation;
  return [
    l.supplierName ?? '未指定供应商 Unassigned',
    l.supplierId ?? '',
    l.sku,
    l.nameZh,
    l.unit === 'kg' ? 'g' : l.unit,
    l.quantity,
    l.costFen === null ? null : formatDecimalYuan(l.costFen),
    l.costFen === null ? null : formatDecimalYuan(l.costFen * l.quantity),
    e.demandPerDay,
    e.leadTimeDays,
    e.safetyStock,
    e.reorderPoint,
    e.onHand,
    e.onOrder,
    e.packSize,
    e.minOrder,
    e.daysOfCover,
  ];
}

/** A CSV field: quoted when it must be; text a spreadsheet would run as a formula gets a leading '. */
function csvField(cell: SpreadsheetCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export async function exportReplenishment(
  deps: { readonly store: ReplenishmentStore; readonly spreadsheet: SpreadsheetWriter },
  input: ReplenishmentExportInput,
): Promise<ReplenishmentExportOutput> {
  const run = deps.store.latestRun();
  if (!run) return { ok: false, code: 'REPLENISHMENT_NO_RUN' };
  const rows = deps.store.lines(run.id, { suggestedOnly: true, limit: EXPORT_MAX_LINES }).map(row);
  if (input.format === 'xlsx') {
    const bytes = await deps.spreadsheet.xlsx(`补货建议 ${run.asOf}`, EXPORT_HEADER, rows);
    return { ok: true, runId: run.id, asOf: run.asOf, rows: rows.length, bytes };
  }
  const text = [EXPORT_HEADER, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  return {
    ok: true,
    runId: run.id,
    asOf: run.asOf,
    rows: rows.length,
    bytes: new TextEncoder().encode('\uFEFF' + text),
  };
}
