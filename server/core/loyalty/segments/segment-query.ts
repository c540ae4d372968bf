/** A segment is a query over tags: AND / OR / NOT of tags, e.g. 沉睡 AND NOT 价格敏感型. */
export type SegmentQuery =
  | { readonly tag: string }
  | { readonly all: readonly SegmentQuery[] }
  | { readonly any: readonly SegmentQuery[] }
  | { readonly not: SegmentQuery };

/** Manual tags (set by staff) live apart from automatic ones, so a nightly recompute never drops them. */
export type MemberTags = { readonly auto: readonly string[]; readonly manual: readonly string[] };

export function hasTag(tags: MemberTags, tag: string): boolean {
  return tags.auto.includes(tag) || tags.manual.includes(tag);
}

export function matchesSegment(q: SegmentQuery, tags: MemberTags): boolean {
  if ('tag' in q) return hasTag(tags, q.tag);
  if ('all' in q) return q.all.every((s) => matchesSegment(s, tags));
  if ('any' in q) return q.any.some((s) => matchesSegment(s, tags));
  return !matchesSegment(q.not, tags);
}
