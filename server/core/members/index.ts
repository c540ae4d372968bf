export * from './phone.ts';
export * from './member-code.ts';
