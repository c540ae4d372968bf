import type { ErrorCatalogPart } from './error-entry.ts';

/**
 * Channel statement import (server/adapters/statements). A statement is imported whole or not at all:
 * STATEMENT_REJECTED carries the list of line-level errors, each with one of the other codes.
 */
export const statementsErrors = {
  STATEMENT_REJECTED: {
    status: 422,
    zh: '对账单未导入：发现 {count} 处错误',
    en: 'Statement not imported: {count} error(s) found',
  },
  STATEMENT_UNRECOGNISED_LAYOUT: {
    status: 422,
    zh: '无法识别的对账单格式：{reason}',
    en: 'Unrecognised statement layout: {reason}',
  },
  STATEMENT_WRONG_ENCODING: {
    status: 422,
    zh: '对账单编码错误：应为 {expected}，文件是 {found}',
    en: 'Wrong statement encoding: expected {expected}, the file is {found}',
  },
  STATEMENT_MERCHANT_MISMATCH: {
    status: 422,
    zh: '对账单商户号 {found} 与本店商户号 {expected} 不符',
    en: 'Statement merchant id {found} is not this store’s {expected}',
  },
  STATEMENT_DATE_MISMATCH: {
    status: 422,
    zh: '对账单日期 {found} 不包含所选日期 {expected}',
    en: 'Statement period {found} does not cover the chosen date {expected}',
  },
  STATEMENT_DATE_UNKNOWN: {
    status: 422,
    zh: '无法确定对账单的清算日期，请提供文件名或日期',
    en: 'Cannot tell the statement’s settlement date: give the file name or the date',
  },
  STATEMENT_TRUNCATED: {
    status: 422,
    zh: '对账单不完整：缺少{missing}',
    en: 'Statement is truncated: {missing} is missing',
  },
  STATEMENT_TOTALS_MISMATCH: {
    status: 422,
    zh: '对账单合计“{total}”为 {stated}，明细合计为 {computed}',
    en: 'Statement total “{total}” says {stated}, the rows add up to {computed}',
  },
  STATEMENT_MALFORMED_AMOUNT: {
    status: 422,
    zh: '金额格式错误：{column} 为“{value}”',
    en: 'Malformed amount: {column} is “{value}”',
  },
  STATEMENT_MALFORMED_ROW: { status: 422, zh: '明细行格式错误：{reason}', en: 'Malformed row: {reason}' },
  STATEMENT_UNKNOWN_TYPE: { status: 422, zh: '未知的交易类型：{value}', en: 'Unknown transaction type: {value}' },
  STATEMENT_HASH_MISMATCH: {
    status: 422,
    zh: '对账单校验值不符（文件已损坏或被改动）',
    en: 'Statement hash does not match (file damaged or altered)',
  },
  STATEMENT_BAD_ARCHIVE: { status: 422, zh: '压缩包无法读取：{reason}', en: 'Cannot read the archive: {reason}' },
  STATEMENT_UNMASKED_CARD: {
    status: 422,
    zh: '卡号未脱敏，拒绝导入',
    en: 'Card number is not masked; refusing to import it',
  },
  STATEMENT_UNSUPPORTED_CURRENCY: {
    status: 422,
    zh: '对账单币种为 {value}，只支持人民币（CNY）',
    en: 'Statement currency is {value}; only CNY is supported',
  },
  STATEMENT_CONTROL_CHARACTER: {
    status: 422,
    zh: '{column} 含有控制字符（如 NUL），拒绝导入',
    en: '{column} holds a control character (such as NUL); refusing to import it',
  },
  STATEMENT_DUPLICATE_RECORD: {
    status: 422,
    zh: '记录 {value} 重复出现（首次在第 {firstLine} 行）',
    en: 'Record {value} appears twice (first on line {firstLine})',
  },
  STATEMENT_TOO_MANY_ERRORS: {
    status: 422,
    zh: '错误过多，已在前 {count} 处错误后停止检查',
    en: 'Too many errors; checking stopped after the first {count}',
  },
} as const satisfies ErrorCatalogPart;

export type StatementErrorCode = keyof typeof statementsErrors;
