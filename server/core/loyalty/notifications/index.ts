export * from './notification-record.ts';
