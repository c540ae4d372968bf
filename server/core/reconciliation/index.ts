export * from './statement-row.ts';
export * from './tender.ts';
export * from './anomaly.ts';
export * from './reconciliation-report.ts';
export * from './reconcile.ts';
