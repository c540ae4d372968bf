/** Loyalty domain core (pure): points, tiers, stored value, coupons, referral, segments, notifications. */
export * from './calendar.ts';
export * from './entry-context.ts';
export * from './hash.ts';
export * from './points/index.ts';
export * from './tiers/index.ts';
export * from './stored-value/index.ts';
export * from './coupons/index.ts';
export * from './referral/index.ts';
export * from './segments/index.ts';
export * from './notifications/index.ts';
