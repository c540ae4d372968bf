export * from './gtin-check-digit.ts';
export * from './price-verifier-digit.ts';
export * from './variable-measure-layout.ts';
export * from './scanned-code.ts';
export * from './product.ts';
export * from './catalog-index.ts';
export * from './line-gross.ts';
export * from './cart-line.ts';
