import type { ErrorCatalogPart } from './error-entry.ts';

/** Cash shifts: open, pay-in/out, count and close. */
export const shiftsErrors = {
  SHIFT_ALREADY_OPEN: { status: 409, zh: '该收银台已有未结班次', en: 'This lane already has an open shift' },
  SHIFT_NOT_FOUND: { status: 404, zh: '班次不存在', en: 'Shift not found' },
  SHIFT_CLOSED: { status: 409, zh: '该班次已结班', en: 'The shift is already closed' },
  SHIFT_COUNT_INVALID: {
    status: 400,
    zh: '点钞数据无效（面额 {denominationFen} 分）',
    en: 'Invalid cash count (denomination {denominationFen} fen)',
  },
} as const satisfies ErrorCatalogPart;
