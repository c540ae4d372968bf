/**
 * Line scope of a promotion: which lines it looks at. Categories match by whole path segments:
 * "食品/饮料" covers "食品/饮料" and "食品/饮料/碳酸", not "食品/饮料机".
 */
export function categoryCovers(prefix: string, categoryPath: string): boolean {
  return (
    categoryPath === prefix ||
    (categoryPath.startsWith(prefix) && categoryPath.charCodeAt(prefix.length) === 47) /* '/' */
  );
}

/** "a/b/c" → ["a", "a/b", "a/b/c"]: the keys a category index is probed with. */
export function categoryPrefixes(categoryPath: string): string[] {
  const out: string[] = [];
  for (let i = categoryPath.indexOf('/'); i >= 0; i = categoryPath.indexOf('/', i + 1))
    out.push(categoryPath.slice(0, i));
  out.push(categoryPath);
  return out;
}

export type LineScope = {
  readonly skuInclude?: ReadonlySet<string>;
  readonly skuExclude?: ReadonlySet<string>;
  readonly categoryInclude?: readonly string[];
  readonly categoryExclude?: readonly string[];
};

/** In skus.include OR categories.include (or no include at all), and in no exclude. */
export function inScope(scope: LineScope, sku: string, categoryPath: string): boolean {
  if (scope.skuExclude?.has(sku)) return false;
  if (scope.categoryExclude?.some((c) => categoryCovers(c, categoryPath))) return false;
  if (!scope.skuInclude && !scope.categoryInclude) return true;
  return (
    (scope.skuInclude?.has(sku) ?? false) ||
    (scope.categoryInclude?.some((c) => categoryCovers(c, categoryPath)) ?? false)
  );
}
