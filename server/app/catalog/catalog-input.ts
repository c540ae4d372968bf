import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ProductSchema } from '../../contracts/catalog/product.schema.ts';
import { VariableMeasureLayoutsSchema } from '../../contracts/catalog/variable-measure-layout.schema.ts';
import {
  indexVariableMeasureLayouts,
  type Product,
  type VariableMeasureLayout,
  type VariableMeasureLayouts,
} from '../../core/catalog/index.ts';
import { err, ok, type Result } from '../../core/result.ts';

/**
 * The catalog's edge: products and label-scale layouts of unknown shape (HQ pushes, imports, the
 * console, stored settings) are checked against the contract schemas here, then handed to the core.
 */
const checkProduct = TypeCompiler.Compile(ProductSchema);
const checkLayouts = TypeCompiler.Compile(VariableMeasureLayoutsSchema);

/** Validate one product from an HQ push or an import; the error names the offending field. */
export function parseProduct(input: unknown): Result<Product, 'CATALOG_INVALID_PRODUCT'> {
  const first = checkProduct.Errors(input).First();
  if (first)
    return err('CATALOG_INVALID_PRODUCT', first.path || '/', { path: first.path || '/', reason: first.message });
  return ok(input as Product);
}

/** Validate the store's layout setting: shape, then digit spans inside 2…11 that do not overlap. */
export function parseVariableMeasureLayouts(input: unknown): Result<VariableMeasureLayouts, 'CATALOG_INVALID_LAYOUT'> {
  const first = checkLayouts.Errors(input).First();
  if (first) {
    const path = first.path || '/';
    return err('CATALOG_INVALID_LAYOUT', path, { path, reason: first.message });
  }
  return indexVariableMeasureLayouts(input as VariableMeasureLayout[]);
}
