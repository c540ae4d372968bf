export * from './coupon-template.ts';
export * from './coupon-instance.ts';
export * from './issuance-rule.ts';
export * from './fission-packet.ts';
export * from './coupon-figures.ts';
