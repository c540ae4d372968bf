/**
 * The channels speak Beijing time (UTC+8, no daylight saving) without an offset in the text:
 * Alipay `yyyy-MM-dd HH:mm:ss`, WeChat time_end and UnionPay txnTime `yyyyMMddHHmmss`.
 */
const OFFSET_MS = 8 * 3600 * 1000;

function parts(at: Date): string[] {
  const b = new Date(at.getTime() + OFFSET_MS);
  const two = (n: number): string => String(n).padStart(2, '0');
  return [
    String(b.getUTCFullYear()),
    two(b.getUTCMonth() + 1),
    two(b.getUTCDate()),
    two(b.getUTCHours()),
    two(b.getUTCMinutes()),
    two(b.getUTCSeconds()),
  ];
}

/** 2024-05-01 10:00:00 */
export function beijingDashed(at: Date): string {
  const [y, mo, d, h, mi, s] = parts(at);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** 20240501100000 */
export function beijingCompact(at: Date): string {
  return parts(at).join('');
}

const DASHED = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Either channel form → ISO 8601 with +08:00, or undefined when it is neither. */
export function beijingToIso(text: string): string | undefined {
  const m = DASHED.exec(text) ?? COMPACT.exec(text);
  if (!m) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`;
}
