import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Validates an adapter's configuration at start-up. A wrong configuration is an installer's bug
 * the box cannot sell around, so it throws, naming the fields (never their values: they hold keys).
 */
export function parseChannelConfig<S extends TSchema>(channel: string, schema: S, value: unknown): Static<S> {
  const withDefaults = Value.Default(schema, structuredClone(value));
  const errors = [...Value.Errors(schema, withDefaults)];
  if (errors.length > 0) {
    const fields = [...new Set(errors.map((e) => e.path || '/'))].join(', ');
    throw new Error(`${channel} payment configuration is invalid at ${fields}`);
  }
  return withDefaults as Static<S>;
}
