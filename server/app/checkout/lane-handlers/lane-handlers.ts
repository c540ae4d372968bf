import { cartHandlers } from './cart.handlers.ts';
import { couponHandlers } from './coupon.handlers.ts';
import type { LaneHandlers, LaneInterrupts } from './lane-handler.ts';
import { memberHandlers } from './member.handlers.ts';
import { parkHandlers } from './park.handlers.ts';
import { tenderHandlers, tenderInterrupts } from './tender.handlers.ts';

/**
 * topic → handler, one group per file (STYLE.md habit 13). The type asks for every topic of the
 * contract (server/contracts/lane): a topic without a handler does not compile here, and a handler
 * for no topic does not compile in its group (each group `satisfies Partial<LaneHandlers>`).
 */
export const laneHandlers: LaneHandlers = {
  ...cartHandlers,
  ...memberHandlers,
  ...couponHandlers,
  ...parkHandlers,
  ...tenderHandlers,
};

/** The topics that may act before the lane's queue (see LaneInterrupt). */
export const laneInterrupts: LaneInterrupts = { ...tenderInterrupts };
