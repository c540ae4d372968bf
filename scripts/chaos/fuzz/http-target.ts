import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { fail, isEnvelope, newFigures, show, type TargetFigures } from './figures.ts';
import { halfWritten, type FuzzBox } from './fuzz-box.ts';
import { draw, fuzzValue, type Dictionary, type JsonSchema } from './schema-arbitrary.ts';

type Parameter = { in: string; name: string; required?: boolean; schema?: JsonSchema };
type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  bodySchema?: JsonSchema;
  bodyType?: string;
};

/** Every operation of the box's own OpenAPI document. */
export function operations(openapi: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<any>(openapi.paths ?? {}))
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0];
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
        bodySchema: bodyType ? (content[bodyType].schema ?? {}) : undefined,
        bodyType,
      });
    }
  return out;
}

export type HttpInput = {
  method: string;
  /** the OpenAPI path template, for the figures */
  route: string;
  url: string;
  auth: 'admin' | 'manager' | 'cashier' | 'none' | 'garbage';
  idempotencyKey: string | null;
  headers: Record<string, string>;
  body?: string;
};

/** Routes answered outside the envelope by design: documents, pages and probes for other tools. */
const NOT_ENVELOPE = new Set(['/openapi.json', '/metrics', '/', '/console', '/lane', '/display', '/docs']);

function paramText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

const GARBAGE_BODIES = ['', '{', '[]', 'null', '"x"', '{"a":', '\u0000', '{"__proto__":{"x":1}}', 'a=1&b=2', '1e999'];

function inputArbitrary(op: Operation, dict: Dictionary): fc.Arbitrary<HttpInput> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathArb = fc.tuple(
    ...pathParams.map((p) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...dict.values(), 'L01') },
        { weight: 2, arbitrary: fuzzValue(p.schema ?? { type: 'string' }, dict).map(paramText) },
      ),
    ),
  );
  const queryArb = fc.tuple(
    ...queryParams.map((p) =>
      fc.option(fuzzValue(p.schema ?? { type: 'string' }, dict).map(paramText), { freq: p.required ? 10 : 2 }),
    ),
  );
  const bodyArb: fc.Arbitrary<{ text?: string; type?: string }> = op.bodySchema
    ? fc.oneof(
        { weight: 12, arbitrary: fuzzValue(op.bodySchema, dict).map((v) => ({ text: JSON.stringify(v) ?? 'null' })) },
        { weight: 1, arbitrary: fc.constantFrom(...GARBAGE_BODIES).map((text) => ({ text })) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fuzzValue(op.bodySchema, dict), fc.constantFrom('text/plain', 'application/xml'))
            .map(([v, type]) => ({ text: JSON.stringify(v) ?? '', type })),
        },
      )
    : op.method === 'GET'
      ? fc.constant({})
      : fc.oneof({ weight: 9, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.constant({ text: '{"x":1}' }) });
  return fc
    .record({
      path: pathArb,
      query: queryArb,
      extraQuery: fc.option(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 16 })), { freq: 8 }),
      body: bodyArb,
      auth: fc.constantFrom('admin', 'admin', 'admin', 'manager', 'manager', 'cashier', 'none', 'garbage'),
      key: fc.oneof(
        { weight: 8, arbitrary: fc.constant('fresh') },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.stringMatching(/^[ -~]{0,300}$/) },
      ),
      language: fc.constantFrom(undefined, 'zh-CN', 'en', 'fr', 'en-US,en;q=0.9', '*', ';;'),
    })
    .map(({ path, query, extraQuery, body, auth, key, language }) => {
      let p = op.path;
      pathParams.forEach((param, i) => (p = p.replace(`{${param.name}}`, encodeURIComponent(path[i]))));
      const search = new URLSearchParams();
      queryParams.forEach((param, i) => {
        if (query[i] !== null) search.append(param.name, query[i]!);
      });
      if (extraQuery) search.append(extraQuery[0] || 'x', extraQuery[1]);
      const qs = search.toString();
      const headers: Record<string, string> = {};
      if (language) headers['accept-language'] = language;
      if (body.text !== undefined)
        headers['content-type'] = body.type ?? (op.bodyType === 'application/json' ? 'application/json' : op.bodyType!);
      return {
        method: op.method,
        route: `${op.method} ${op.path}`,
        url: qs ? `${p}?${qs}` : p,
        auth: auth as HttpInput['auth'],
        idempotencyKey: key === 'fresh' ? randomUUID() : key,
        headers,
        body: body.text,
      };
    });
}

/** Sends generated requests one at a time; checks status, envelope and, after each refused write, every table. */
export async function fuzzHttp(
  box: FuzzBox,
  seed: number,
  count: number,
  onCrash: () => number,
  progress?: (line: string) => void,
): Promise<TargetFigures> {
  const f = newFigures('http routes (/openapi.json)');
  const openapi = await box.t.api('/openapi.json', { token: box.tokens.admin });
  const ops = operations(openapi.body);
  if (ops.length < 10) throw new Error(`the box's /openapi.json lists ${ops.length} operations`);
  // sessions ended by a fuzzed logout are replaced; the fuzz never logs its own principals out
  const arb = fc.constantFrom(...ops).chain((op) => inputArbitrary(op, box.dict));
  let before = box.snapshot();
  let snapshotFresh = true;
  const routes = new Set<string>();
  const slowest = new Map<string, { n: number; ms: number }>();
  for (const input of draw(arb, seed, count)) {
    if (++f.inputs % 1000 === 0) progress?.(`http: ${f.inputs}/${count}`);
    routes.add(input.route);
    const isWrite = input.method !== 'GET';
    if (isWrite && !snapshotFresh) before = box.snapshot();
    const headers = { ...input.headers };
    const token =
      input.auth === 'garbage'
        ? 'x'.repeat(40)
        : input.auth === 'none' || input.route === 'POST /api/v1/auth/logout'
          ? undefined
          : box.tokens[input.auth];
    if (token) headers.authorization = `Bearer ${token}`;
    if (isWrite && input.idempotencyKey !== null) headers['idempotency-key'] = input.idempotencyKey;
    const crashesBefore = onCrash();
    const t0 = performance.now();
    let status = 0;
    let text = '';
    try {
      const res = await fetch(box.t.baseUrl + input.url, { method: input.method, headers, body: input.body });
      status = res.status;
      text = await res.text();
    } catch (error) {
      fail(f, 'crashes', `${input.route} ${show(input.body)}: no answer (${(error as Error).message})`);
      snapshotFresh = false;
      continue;
    }
    const took = performance.now() - t0;
    const slow = slowest.get(input.route) ?? { n: 0, ms: 0 };
    slowest.set(input.route, { n: slow.n + 1, ms: slow.ms + took });
    if (onCrash() > crashesBefore) fail(f, 'crashes', `${input.route} ${input.url} ${show(input.body)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const refused = status >= 400 || (body as { ok?: unknown })?.ok === false;
    if (refused) f.refused++;
    if (status >= 500 && !(input.route === 'GET /readyz' && status === 503))
      fail(f, 'serverErrors', `${status} ${input.method} ${input.url} ${show(input.body)} → ${show(text)}`);
    const path = input.url.split('?')[0];
    if (!NOT_ENVELOPE.has(path) && !isEnvelope(body))
      fail(f, 'nonEnvelope', `${status} ${input.method} ${input.url} ${show(input.body)} → ${show(text)}`);
    if (!refused) box.dict.add(body);
    if (isWrite) {
      const after = box.snapshot();
      if (refused) {
        const changed = halfWritten(before, after);
        if (changed.length)
          fail(f, 'halfWrites', `${status} ${input.route} ${show(input.body)}: ${changed.join('; ')}`);
      }
      before = after;
      snapshotFresh = true;
    } else snapshotFresh = false;
    // a fuzzed request may end one of the fuzzer's sessions (a password or role change is never
    // generated for them, but a logout of another session or a revoke may be): log in again
    if (status === 401 && token && input.auth !== 'garbage') {
      const me = await box.t.api('/api/v1/auth/me', { token });
      if (me.status === 401) await box.refreshTokens();
      snapshotFresh = false;
    }
  }
  f.notes.push(`${routes.size} of ${ops.length} operations reached`);
  const byTime = [...slowest].sort((a, b) => b[1].ms - a[1].ms).slice(0, 3);
  f.notes.push(`most time in: ${byTime.map(([r, s]) => `${r} ${Math.round(s.ms)} ms / ${s.n}`).join(', ')}`);
  return f;
}
