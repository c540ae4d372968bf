export * from './payment-status.ts';
export * from './qr-channel.ts';
export * from './tender.ts';
export * from './split-tender.ts';
