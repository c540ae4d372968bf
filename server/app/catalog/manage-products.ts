import { hasValidGtinCheckDigit, type Product } from '../../core/catalog/index.ts';
import { parseProduct } from './catalog-input.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { StoreContext } from '../store-context.ts';
import { productChanges } from './product-changes.ts';

/** A JSON pointer from a schema error ("/names/zh") as the dotted field the HTTP errors use ("names.zh"). */
export const dottedField = (pointer: string): string => pointer.replace(/^\//, '').replaceAll('/', '.') || 'body';

/**
 * A product from the console, checked as an import row is: the core schema, then each barcode's
 * GTIN check digit, then barcodes and PLU not held by another SKU. Status defaults to active,
 * barcodes to none; repeated barcodes are kept once.
 */
function checkProduct(ctx: StoreContext, input: unknown): Result<Product> {
  const withDefaults =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? { status: 'active', barcodes: [], ...input }
      : input;
  const parsed = parseProduct(withDefaults);
  if (!parsed.ok) return err(parsed.code, dottedField(parsed.field ?? '/'), parsed.params);
  const product: Product = { ...parsed.value, barcodes: [...new Set(parsed.value.barcodes)] };
  for (const [i, code] of product.barcodes.entries()) {
    if (!hasValidGtinCheckDigit(code)) return err('CATALOG_BAD_CHECK_DIGIT', `barcodes.${i}`, { code });
    const owner = ctx.repos.products.skuOfBarcode(code);
    if (owner !== undefined && owner !== product.sku)
      return err('PRODUCT_BARCODE_TAKEN', `barcodes.${i}`, { barcode: code, sku: owner });
  }
  if (product.plu !== undefined) {
    const owner = ctx.repos.products.skuOfPlu(product.plu);
    if (owner !== undefined && owner !== product.sku)
      return err('PRODUCT_PLU_TAKEN', 'plu', { plu: product.plu, sku: owner });
  }
  return ok(product);
}

/** Writes a product, its audit entry and the catalog revision together. */
function save(
  ctx: StoreContext,
  actor: string,
  action: string,
  product: Product,
  detail: Record<string, unknown>,
): void {
  const at = ctx.clock.now().toISOString();
  ctx.tx.run(() => {
    ctx.repos.products.upsert(product, at);
    ctx.repos.products.bumpRevision();
    ctx.repos.audit.append({ at, actor, action, subject: product.sku, detail });
  });
}

export function createProduct(ctx: StoreContext, actor: string, input: unknown): Result<Product> {
  const checked = checkProduct(ctx, input);
  if (!checked.ok) return checked;
  const product = checked.value;
  if (ctx.repos.products.get(product.sku)) return err('PRODUCT_SKU_TAKEN', 'sku', { sku: product.sku });
  save(ctx, actor, 'product.created', product, {
    priceFen: product.priceFen,
    categoryPath: product.categoryPath,
    barcodes: product.barcodes,
  });
  return ok(product);
}

/** Changes the given fields of a product (the body is merged over the stored product, `names` as a whole). */
export function updateProduct(
  ctx: StoreContext,
  actor: string,
  sku: string,
  patch: Record<string, unknown>,
): Result<Product> {
  const current = ctx.repos.products.get(sku);
  if (!current) return err('PRODUCT_NOT_FOUND', 'sku', { sku });
  if (patch.sku !== undefined && patch.sku !== sku)
    return err('PRODUCT_SKU_MISMATCH', 'sku', { sku: String(patch.sku) });
  const checked = checkProduct(ctx, { ...current, ...patch, sku });
  if (!checked.ok) return checked;
  const changes = productChanges(current, checked.value);
  if (Object.keys(changes).length > 0) save(ctx, actor, 'product.updated', checked.value, changes);
  return ok(checked.value);
}

/** Takes a product off sale; it stays in the catalog so sales history keeps its SKU. */
export function deactivateProduct(ctx: StoreContext, actor: string, sku: string): Result<Product> {
  const current = ctx.repos.products.get(sku);
  if (!current) return err('PRODUCT_NOT_FOUND', 'sku', { sku });
  if (current.status === 'inactive') return ok(current);
  const at = ctx.clock.now().toISOString();
  ctx.tx.run(() => {
    ctx.repos.products.setStatus(sku, 'inactive', at);
    ctx.repos.products.bumpRevision();
    ctx.repos.audit.append({
      at,
      actor,
      action: 'product.deactivated',
      subject: sku,
      detail: { status: { from: 'active', to: 'inactive' } },
    });
  });
  return ok({ ...current, status: 'inactive' });
}
