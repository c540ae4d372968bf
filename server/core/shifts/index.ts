export * from './cash-count.ts';
export * from './shift-report.ts';
