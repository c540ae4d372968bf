export * from './tier-table.ts';
export * from './tier-evaluation.ts';
