import type { LaneReplyExtra, LaneRequest, LaneTopic } from '../../../contracts/lane/lane-messages.schema.ts';
import { ok, type Result } from '../../../core/result.ts';
import type { Cart } from '../../../core/sale/cart.ts';
import type { LaneIdentity } from '../lane-service.ts';
import type { LaneDesk } from './lane-desk.ts';

/**
 * What a handler did: the lane's cart from now on (none: it stays as it is) and what the topic's
 * reply carries besides the cart (its type comes from the contract, server/contracts/lane).
 */
export type LaneDone<T extends LaneTopic> = { cart?: Cart; extra: LaneReplyExtra<T> };

/** One topic's verb: its payload already passed the topic's schema at the edge. */
export type LaneHandler<T extends LaneTopic> = (
  desk: LaneDesk,
  who: LaneIdentity,
  payload: LaneRequest<T>,
  transaction: string | undefined,
) => Result<LaneDone<T>> | Promise<Result<LaneDone<T>>>;

/** The handler table: every topic of the contract has exactly one handler. */
export type LaneHandlers = { readonly [T in LaneTopic]: LaneHandler<T> };

/**
 * A step that runs before the lane's queue, for the few topics that must not wait behind the
 * message in flight; undefined: nothing to do now, queue the message as usual.
 */
export type LaneInterrupt<T extends LaneTopic> = (
  desk: LaneDesk,
  who: LaneIdentity,
  payload: LaneRequest<T>,
) => Result<LaneDone<T>> | undefined;

export type LaneInterrupts = { readonly [T in LaneTopic]?: LaneInterrupt<T> };

/** A cart verb's result as a handler's: the new cart, nothing else in the reply. */
export function cartOnly(r: Result<Cart>): Result<{ cart: Cart; extra: {} }> {
  return r.ok ? ok({ cart: r.value, extra: {} }) : r;
}
