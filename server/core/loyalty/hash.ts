/**
 * FNV-1a 32-bit over the UTF-16 code units (http://www.isthe.com/chongo/tech/comp/fnv/): a stable,
 * fast, dependency-free hash for deterministic buckets (campaign hold-outs, red-packet splits).
 * Not for security.
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
