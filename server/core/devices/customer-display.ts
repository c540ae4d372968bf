import type { DisplayEvent } from './display-event.ts';

/** The lane facts a customer display shows (a subset of the lane's cart view). */
export type LaneDisplayInput =
  | { topic: 'cart.scan' | 'cart.setQuantity'; lastLine?: { name: string; netFen: number } }
  | { topic: 'cart.total'; dueFen: number }
  | { topic: 'cart.complete'; tenderedFen: number; changeFen: number }
  | { topic: 'cart.open' | 'cart.void' | 'cart.park' };

/**
 * What the customer display shows after a lane message: the item just scanned with its price, the
 * total to pay, the change, or the idle text. Undefined when the message changes nothing visible.
 */
export function displayEventFor(input: LaneDisplayInput): DisplayEvent | undefined {
  switch (input.topic) {
    case 'cart.scan':
    case 'cart.setQuantity':
      return input.lastLine ? { kind: 'item', name: input.lastLine.name, priceFen: input.lastLine.netFen } : undefined;
    case 'cart.total':
      return { kind: 'total', totalFen: input.dueFen };
    case 'cart.complete':
      return { kind: 'change', paidFen: input.tenderedFen, changeFen: input.changeFen };
    case 'cart.open':
    case 'cart.void':
    case 'cart.park':
      return { kind: 'idle' };
  }
}
