import type { ErrorCatalogPart } from './error-entry.ts';

/** Statement import into the box, reconciliation runs and anomaly resolution (server/app/reconciliation). */
export const reconciliationErrors = {
  RECON_PERIOD_ALREADY_IMPORTED: {
    status: 409,
    zh: '{channel} 商户 {merchantId} 的 {layout} 对账单 {period} 已由导入 #{importId} 导入',
    en: 'A {layout} {channel} statement of merchant {merchantId} for {period} is already imported (import #{importId})',
  },
  RECON_IMPORT_IN_PROGRESS: {
    status: 409,
    zh: '同一文件正在导入中（导入 #{importId}）',
    en: 'This file is being imported right now (import #{importId})',
  },
  RECON_IMPORT_CONFLICT: {
    status: 409,
    zh: '该文件已作为 {channel} 对账单（{period}）由导入 #{importId} 导入，与本次所填的 {field} 不符',
    en: 'This file is already imported as the {channel} statement for {period} (import #{importId}); it does not match the {field} given now',
  },
  /** a warning carried in a reply's data (imports, runs, reports), never an error reply */
  RECON_MERCHANT_ID_UNCONFIGURED: {
    status: 422,
    zh: '未配置 {channel} 的商户号：对账单的商户未核对（reconciliation.merchantIds.{channel}）',
    en: 'No {channel} merchant id is configured: the statement’s merchant was not checked (reconciliation.merchantIds.{channel})',
  },
  RECON_STATEMENT_TOO_LARGE: {
    status: 413,
    zh: '对账单文件超过 {limit} 字节',
    en: 'The statement file exceeds {limit} bytes',
  },
  RECON_STATEMENT_EMPTY: { status: 422, zh: '对账单文件为空', en: 'The statement file is empty' },
  RECON_RUN_NOT_FOUND: { status: 404, zh: '{date} 尚未对账', en: '{date} has not been reconciled yet' },
  RECON_ANOMALY_NOT_FOUND: { status: 404, zh: '差异 {id} 不存在', en: 'Anomaly {id} does not exist' },
  RECON_ANOMALY_ALREADY_RESOLVED: { status: 409, zh: '差异 {id} 已处理', en: 'Anomaly {id} is already resolved' },
  RECON_ACTION_NOT_APPLICABLE: {
    status: 422,
    zh: '处理方式 {action} 不适用于 {kind} 类差异',
    en: 'Action {action} does not apply to a {kind} anomaly',
  },
  RECON_SALE_NOT_FOUND: { status: 422, zh: '销售单 {saleId} 不存在', en: 'Sale {saleId} does not exist' },
} as const satisfies ErrorCatalogPart;

export type ReconciliationErrorCode = keyof typeof reconciliationErrors;
