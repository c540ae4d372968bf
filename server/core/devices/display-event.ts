import type { Fen } from '../money/index.ts';

/** What the customer should see, from the lane's sale events. */
export type DisplayEvent =
  | { readonly kind: 'item'; readonly name: string; readonly priceFen: Fen }
  | { readonly kind: 'total'; readonly totalFen: Fen }
  | { readonly kind: 'change'; readonly paidFen: Fen; readonly changeFen: Fen }
  | { readonly kind: 'thanks' }
  | { readonly kind: 'idle'; readonly welcome?: string };
