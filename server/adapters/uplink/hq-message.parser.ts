import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { err, ok, type Result } from '../../core/result.ts';
import {
  UPLINK_REQUEST_SCHEMAS,
  type UplinkRequest,
  type UplinkRequestKind,
} from '../../contracts/uplink/uplink-request.schema.ts';

export type HqMessageError = 'UPLINK_MALFORMED_JSON' | 'UPLINK_INVALID_MESSAGE' | 'UPLINK_UNKNOWN_REQUEST';

const checks = new WeakMap<TSchema, TypeCheck<TSchema>>();
function checkOf<T extends TSchema>(schema: T): TypeCheck<T> {
  let check = checks.get(schema);
  if (!check) checks.set(schema, (check = TypeCompiler.Compile(schema)));
  return check as TypeCheck<T>;
}

/** "/products/3/sku" → "products.3.sku" (the dotted field every Storebox error names) */
const dotted = (pointer: string): string => pointer.replace(/^\//, '').replaceAll('/', '.');

export function parseJson(payload: Buffer): Result<unknown, HqMessageError> {
  try {
    return ok(JSON.parse(payload.toString('utf8')) as unknown);
  } catch {
    return err('UPLINK_MALFORMED_JSON');
  }
}

/** An HQ message checked against its schema; the error names the first bad field. */
export function parseHqMessage<T extends TSchema>(schema: T, payload: Buffer): Result<Static<T>, HqMessageError> {
  const json = parseJson(payload);
  if (!json.ok) return json;
  return checked(schema, json.value);
}

function checked<T extends TSchema>(schema: T, value: unknown): Result<Static<T>, HqMessageError> {
  const first = checkOf(schema).Errors(value).First();
  if (first) {
    const field = dotted(first.path) || 'message';
    return err('UPLINK_INVALID_MESSAGE', field, { reason: first.message });
  }
  return ok(value as Static<T>);
}

/** A request: its `kind` picks the schema, so a bad summary request is told which of its fields is wrong. */
export function parseHqRequest(payload: Buffer): Result<UplinkRequest, HqMessageError> {
  const json = parseJson(payload);
  if (!json.ok) return json;
  const value = json.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return err('UPLINK_INVALID_MESSAGE', 'message', { reason: 'Expected object' });
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind !== 'string') return err('UPLINK_INVALID_MESSAGE', 'kind', { reason: 'Expected string' });
  if (!Object.hasOwn(UPLINK_REQUEST_SCHEMAS, kind)) return err('UPLINK_UNKNOWN_REQUEST', 'kind', { kind });
  return checked(UPLINK_REQUEST_SCHEMAS[kind as UplinkRequestKind], value) as Result<UplinkRequest, HqMessageError>;
}
