export * from './member-aggregate.ts';
export * from './rfm.ts';
export * from './auto-tags.ts';
export * from './segment-query.ts';
export * from './campaign.ts';
