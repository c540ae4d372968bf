export * from './referral-links.ts';
export * from './referral-rewards.ts';
export * from './referral-tree.ts';
