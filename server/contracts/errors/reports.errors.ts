import type { ErrorCatalogPart } from './error-entry.ts';

/** The console's dashboard and reports (docs/console.md). */
export const reportsErrors = {
  REPORT_RANGE_INVALID: {
    status: 400,
    zh: '报表日期范围无效：开始日期不能晚于结束日期，且最长 {maxDays} 天',
    en: 'Invalid report range: the start may not be after the end, and it spans at most {maxDays} days',
  },
} as const satisfies ErrorCatalogPart;
