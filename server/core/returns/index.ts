export * from './refund-lines.ts';
export * from './refund-to-tenders.ts';
export * from './return-window.ts';
export * from './refund-receipt.ts';
