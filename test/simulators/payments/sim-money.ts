/** The simulators' own yuan text ↔ fen conversion, kept apart from core/money so tests cross-check it. */
export function fenToYuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export function yuanTextToFen(text: string): number | undefined {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : undefined;
}

/** UTC+8 wall-clock text in the two forms the channels use. */
export function beijing(at: Date, form: 'dashed' | 'compact'): string {
  const iso = new Date(at.getTime() + 8 * 3600_000).toISOString(); // 2024-05-01T02:00:00.000Z shifted
  const dashed = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return form === 'dashed' ? dashed : dashed.replace(/[-: ]/g, '');
}
