/**
 * A sale's (or a refund's) net by top-level category, the unit of 品类偏好:<category> tags
 * (`食品/零食/饼干` counts for 食品). Lines without a category or a positive net count for none.
 */
export function netByTopCategory(
  lines: Iterable<{ readonly categoryPath: string; readonly netFen: number }>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of lines) {
    if (x.netFen <= 0) continue;
    const slash = x.categoryPath.indexOf('/');
    const top = slash < 0 ? x.categoryPath : x.categoryPath.slice(0, slash);
    if (top === '') continue;
    out.set(top, (out.get(top) ?? 0) + x.netFen);
  }
  return out;
}
