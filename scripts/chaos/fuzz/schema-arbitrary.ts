import fc from 'fast-check';

/**
 * JSON Schema (the box's own: OpenAPI 3 from /openapi.json, TypeBox from server/contracts) →
 * fast-check arbitraries. `validish` keeps to the schema's types, bounds and required keys, so most
 * values get past validation and reach the use case; `mutated` takes such a value and breaks it in
 * one of the ways a careless or hostile client would (wrong type, missing key, unknown key, huge or
 * odd strings, out-of-range numbers), so the edge's refusals are exercised too.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  default?: unknown;
  $ref?: string;
  [k: string]: unknown;
};

/** Strings that tend to reach deeper than random text: ids the box knows, edge values, odd text. */
export type Dictionary = { values: () => readonly string[] };

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '../../etc/passwd',
  '%00',
  "' OR 1=1 --",
  '"; DROP TABLE sale; --',
  '__proto__',
  'constructor',
  '\u202e\u0645',
  '😀'.repeat(40),
  '测试商品',
  '\uFEFF',
  '\ud800',
  '-0',
  '1e309',
  'NaN',
  'null',
  '0x10',
  '9'.repeat(40),
  'S001',
  'L01',
  '2024-02-30',
  '2024-03-10',
  '2024-03-10T25:61:00Z',
];

function clampLength(min = 0, max?: number): { minLength: number; maxLength: number } {
  const cap = Math.max(min, Math.min(max ?? 24, min + 24));
  return { minLength: min, maxLength: cap };
}

function stringArbitrary(schema: JsonSchema, dict: Dictionary): fc.Arbitrary<string> {
  if (schema.pattern) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(schema.pattern);
    } catch {
      re = undefined;
    }
    // cut to maxLength rather than filter (a filter that rarely passes would loop): valid-ish is enough
    if (re) return fc.stringMatching(re).map((s) => s.slice(0, schema.maxLength ?? 4096));
  }
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'date') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const { minLength, maxLength } = clampLength(schema.minLength, schema.maxLength);
  const fits = (s: string) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity);
  const known = [...dict.values(), ...ODD_STRINGS].filter(fits);
  const digits = fc.stringMatching(/^[0-9]{1,18}$/);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 2, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
    { weight: 3, arbitrary: known.length ? fc.constantFrom(...known) : fc.string({ minLength, maxLength }) },
    {
      weight: 1,
      arbitrary: minLength <= 1 && (schema.maxLength ?? 18) >= 18 ? digits : fc.string({ minLength, maxLength }),
    },
  );
}

function numberBounds(schema: JsonSchema): { min: number; max: number } {
  let min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000_000);
  let max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000_000);
  if (min > max) [min, max] = [max, min];
  return { min, max };
}

/** A value that satisfies the schema's shape most of the time (patterns and formats best-effort). */
export function validish(schema: JsonSchema, dict: Dictionary, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => validish(s, dict, depth + 1)));
  if (schema.allOf?.length) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf) {
      Object.assign(merged.properties!, part.properties ?? {});
      merged.required!.push(...(part.required ?? []));
    }
    return validish(merged, dict, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringArbitrary(schema, dict);
    case 'integer': {
      const { min, max } = numberBounds(schema);
      const lo = Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER);
      const hi = Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER);
      return fc.oneof(
        { weight: 5, arbitrary: fc.integer({ min: lo, max: hi }) },
        { weight: 1, arbitrary: fc.constantFrom(lo, hi, Math.min(Math.max(0, lo), hi), Math.min(Math.max(1, lo), hi)) },
      );
    }
    case 'number': {
      const { min, max } = numberBounds(schema);
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = schema.items ? validish(schema.items, dict, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      const minLength = schema.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)) });
    }
    case 'object':
    case undefined: {
      const properties = schema.properties ?? {};
      const keys = Object.keys(properties);
      if (keys.length === 0) {
        if (schema.patternProperties || (schema.additionalProperties && schema.additionalProperties !== true)) {
          const valueSchema = (
            typeof schema.additionalProperties === 'object'
              ? schema.additionalProperties
              : Object.values(schema.patternProperties ?? {})[0]
          ) as JsonSchema;
          return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), validish(valueSchema, dict, depth + 1), {
            maxKeys: 3,
          });
        }
        return type === 'object' ? fc.constant({}) : fc.jsonValue({ maxDepth: 2 });
      }
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) model[key] = validish(properties[key], dict, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => keys.includes(k)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  '',
  '\u0000',
  'x'.repeat(10_000),
  '测'.repeat(3_000),
  [],
  {},
  [[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
  '1',
  '100',
  'true',
];

type Mutation = (value: unknown, pick: () => number, randomValue: unknown) => unknown;

/** Paths to every place inside a JSON value (the root included). */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0) {
  out.push(prefix);
  if (depth > 8 || value === null || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value))
    paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out, depth + 1);
  return out;
}

function setAt(
  root: unknown,
  path: (string | number)[],
  update: (old: unknown, parent: any, key: string | number) => void,
) {
  if (path.length === 0) return;
  let parent: any = root;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const key = path[path.length - 1];
  update(parent[key], parent, key);
}

const MUTATIONS: Mutation[] = [
  // replace one place with a random JSON value
  (v, pick, r) => {
    const ps = paths(v);
    const p = ps[pick() % ps.length];
    if (p.length === 0) return r;
    setAt(v, p, (_, parent, key) => (parent[key] = r));
    return v;
  },
  // replace one place with a hostile value
  (v, pick) => {
    const ps = paths(v);
    const p = ps[pick() % ps.length];
    const hostile = structuredClone(HOSTILE_VALUES[pick() % HOSTILE_VALUES.length]);
    if (p.length === 0) return hostile;
    setAt(v, p, (_, parent, key) => (parent[key] = hostile));
    return v;
  },
  // drop one key (a required one, often)
  (v, pick) => {
    const ps = paths(v).filter((p) => p.length > 0);
    if (ps.length === 0) return v;
    setAt(v, ps[pick() % ps.length], (_, parent, key) => {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    });
    return v;
  },
  // add an unknown key
  (v, pick, r) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) (v as Record<string, unknown>)[`x${pick() % 1000}`] = r;
    return v;
  },
  // numbers off by a little, floats, strings for numbers
  (v, pick) => {
    const ps = paths(v).filter((p) => p.length > 0);
    for (const p of ps)
      setAt(v, p, (old, parent, key) => {
        if (typeof old === 'number') {
          const choices = [old + 1, old - 1, old + 0.5, -old, String(old), old * 1000];
          parent[key] = choices[pick() % choices.length];
        }
      });
    return v;
  },
  // strings doubled to past their maxLength, or with a NUL inside
  (v, pick) => {
    const ps = paths(v).filter((p) => p.length > 0);
    for (const p of ps)
      setAt(v, p, (old, parent, key) => {
        if (typeof old === 'string') parent[key] = pick() % 2 ? old.repeat(70) + 'x' : `${old}\u0000`;
      });
    return v;
  },
];

/** A value of the schema broken by 1–3 mutations. */
export function mutated(schema: JsonSchema, dict: Dictionary): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      validish(schema, dict),
      fc.array(fc.nat({ max: 1_000_000 }), { minLength: 8, maxLength: 8 }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.integer({ min: 1, max: 3 }),
    )
    .map(([value, picks, randomValue, times]) => {
      let i = 0;
      const pick = () => picks[i++ % picks.length];
      let out = structuredClone(value);
      for (let n = 0; n < times; n++)
        out = MUTATIONS[pick() % MUTATIONS.length](out, pick, structuredClone(randomValue));
      return out;
    });
}

/** Mostly schema-shaped values, a good share broken, a few of no shape at all. */
export function fuzzValue(schema: JsonSchema, dict: Dictionary): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: validish(schema, dict) },
    { weight: 4, arbitrary: mutated(schema, dict) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Draws `count` values from `arb` in batches, seeded: the same seed gives the same inputs. */
export function* draw<T>(arb: fc.Arbitrary<T>, seed: number, count: number, batch = 500): Generator<T> {
  for (let done = 0, round = 0; done < count; round++) {
    const n = Math.min(batch, count - done);
    for (const value of fc.sample(arb, { seed: (seed + round * 7919) | 0, numRuns: n })) yield value;
    done += n;
  }
}
