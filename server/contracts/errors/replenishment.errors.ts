import type { ErrorCatalogPart } from './error-entry.ts';

/** Replenishment suggestions (docs/replenishment.md). */
export const replenishmentErrors = {
  REPLENISHMENT_NO_RUN: {
    status: 404,
    zh: '尚未生成补货建议，请先运行一次',
    en: 'No replenishment suggestions yet: run them first',
  },
  REPLENISHMENT_SUPPLY_INVALID: {
    status: 400,
    zh: '供货条件无效：{reason}',
    en: 'Invalid supply terms: {reason}',
  },
} as const satisfies ErrorCatalogPart;
