import type { CategoryCount } from '../ports/product-store.port.ts';

export type CategoryNode = { name: string; path: string; products: number; active: number; children: CategoryNode[] };

/** The category tree from products' category paths ("食品/饮料/茶饮"); a node's counts include its descendants. */
export function categoryTree(counts: readonly CategoryCount[]): CategoryNode[] {
  const roots: CategoryNode[] = [];
  const byPath = new Map<string, CategoryNode>();
  for (const { path, products, active } of counts) {
    let siblings = roots;
    let prefix = '';
    for (const name of path.split('/')) {
      prefix = prefix === '' ? name : `${prefix}/${name}`;
      let node = byPath.get(prefix);
      if (!node) {
        node = { name, path: prefix, products: 0, active: 0, children: [] };
        byPath.set(prefix, node);
        siblings.push(node);
      }
      node.products += products;
      node.active += active;
      siblings = node.children;
    }
  }
  return roots;
}
