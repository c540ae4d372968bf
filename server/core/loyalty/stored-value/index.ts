export * from './stored-value-entry.ts';
export * from './top-up-rule.ts';
export * from './stored-value-commands.ts';
export * from './pin-lockout.ts';
export * from './liability.ts';
