export * from './common.schema.ts';
export * from './points-rules.schema.ts';
export * from './tier-table.schema.ts';
export * from './top-up-rule.schema.ts';
export * from './coupon-template.schema.ts';
export * from './referral-rule.schema.ts';
export * from './segment.schema.ts';
export * from './loyalty-config.schema.ts';
