/**
 * The stock ledger's vocabulary (docs/inventory.md): every movement of stock is one of these kinds, a signed
 * delta in units, or grams for weighed (kg) goods. Pure: the caller passes in what it read.
 */
export const STOCK_MOVEMENT_KINDS = [
  'sale',
  'refund',
  'receiving',
  'stocktake',
  'transfer_out',
  'transfer_in',
  'write_off',
  'correction',
] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/** How a product is counted: each (whole units) or kg (integer grams). */
export type StockUnit = 'each' | 'kg';

/** Most a single movement may move: a million units, or a thousand kilograms in grams. */
export const MAX_MOVEMENT = 1_000_000;

/**
 * Why a received or counted quantity is not acceptable, or undefined. Both units must be whole numbers
 * (grams for kg goods); receiving wants more than zero, a count accepts zero.
 */
export function quantityProblem(
  quantity: number,
  allowZero: boolean,
): 'not_integer' | 'negative' | 'too_large' | undefined {
  if (!Number.isInteger(quantity)) return 'not_integer';
  if (quantity < 0 || (!allowZero && quantity === 0)) return 'negative';
  if (quantity > MAX_MOVEMENT) return 'too_large';
  return undefined;
}

/** The flags a stock figure raises: negative stock (selling is never blocked) and below the product's minimum. */
export function stockFlags(onHand: number, minimum: number | undefined): { negative: boolean; low: boolean } {
  return { negative: onHand < 0, low: minimum !== undefined && onHand < minimum };
}

/**
 * A stocktake line's variance: what was counted less the on hand when counting started. Movements during the
 * count (a sale after the sheet was started) are their own ledger rows already and are not counted again: the
 * posted adjustment is exactly this variance, added to whatever the on hand is at posting.
 */
export function stocktakeVariance(snapshotOnHand: number, counted: number): number {
  return counted - snapshotOnHand;
}
