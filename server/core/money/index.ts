export * from './fen.ts';
export * from './rounding.ts';
export * from './allocate.ts';
export * from './format.ts';
