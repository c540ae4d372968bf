/** What one fuzz target tried and what went wrong; every count but `inputs` must end at zero. */
export type TargetFigures = {
  target: string;
  inputs: number;
  /** inputs the box refused (4xx / ok:false / a closed device connection): the edge did its job */
  refused: number;
  crashes: number;
  serverErrors: number;
  nonEnvelope: number;
  halfWrites: number;
  /** other broken invariants (a parser that disagrees with itself, a device verdict against its schema) */
  violations: number;
  /** the first few failing inputs, to replay with the printed seed */
  examples: string[];
  /** what was covered (operations reached, topics, channels) */
  notes: string[];
};

export function newFigures(target: string): TargetFigures {
  return {
    target,
    inputs: 0,
    refused: 0,
    crashes: 0,
    serverErrors: 0,
    nonEnvelope: 0,
    halfWrites: 0,
    violations: 0,
    examples: [],
    notes: [],
  };
}

export type Failure = 'crashes' | 'serverErrors' | 'nonEnvelope' | 'halfWrites' | 'violations';

export function fail(f: TargetFigures, kind: Failure, example: string): void {
  f[kind]++;
  if (f.examples.length < 5) f.examples.push(`${kind}: ${example.slice(0, 600)}`);
}

export function failures(f: TargetFigures): number {
  return f.crashes + f.serverErrors + f.nonEnvelope + f.halfWrites + f.violations;
}

/** A short printable form of an input for an example line. */
export function show(value: unknown): string {
  try {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…(${text.length})` : text;
  } catch {
    return String(value);
  }
}

/** `{ok: true, data}` or `{ok: false, error: {code, message, field?}}` (STYLE.md habit 7). */
export function isEnvelope(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const b = body as { ok?: unknown; data?: unknown; error?: any };
  if (b.ok === true) return 'data' in b;
  if (b.ok !== false) return false;
  const e = b.error;
  return (
    !!e &&
    typeof e === 'object' &&
    typeof e.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(e.code) &&
    typeof e.message === 'string' &&
    e.message.length > 0 &&
    (e.field === undefined || typeof e.field === 'string')
  );
}

export function printFigures(all: readonly TargetFigures[], seed: number, ms: number): string {
  const head = ['target', 'inputs', 'refused', 'crashes', '5xx', 'non-envelope', 'half-writes', 'violations'];
  const rows = all.map((f) => [
    f.target,
    f.inputs,
    f.refused,
    f.crashes,
    f.serverErrors,
    f.nonEnvelope,
    f.halfWrites,
    f.violations,
  ]);
  const total = all.reduce(
    (t, f) => [
      'total',
      Number(t[1]) + f.inputs,
      Number(t[2]) + f.refused,
      Number(t[3]) + f.crashes,
      Number(t[4]) + f.serverErrors,
      Number(t[5]) + f.nonEnvelope,
      Number(t[6]) + f.halfWrites,
      Number(t[7]) + f.violations,
    ],
    ['total', 0, 0, 0, 0, 0, 0, 0] as (string | number)[],
  );
  const table = [head, ...rows, total].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const lines = table.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.splice(lines.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const examples = all.flatMap((f) => f.examples.map((e) => `  ${f.target} ${e}`));
  const notes = all.flatMap((f) => f.notes.map((n) => `  ${f.target}: ${n}`));
  return [
    `fuzz seed ${seed}, ${(ms / 1000).toFixed(1)} s`,
    ...lines,
    ...notes,
    ...(examples.length ? ['failing inputs (replay with --seed ' + seed + '):', ...examples] : []),
  ].join('\n');
}
