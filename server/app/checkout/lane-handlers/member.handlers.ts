import { err, ok } from '../../../core/result.ts';
import type { LaneHandlers } from './lane-handler.ts';

/** The cart's member, a member registered at the lane, and points redeemed against the cart. */
export const memberHandlers = {
  'cart.identifyMember': (desk, who, payload) => {
    const member = desk.deps.members.find(payload.query);
    return member
      ? ok({
          cart: { ...desk.current(who), memberId: member.id },
          extra: { member: desk.deps.members.summary?.(member.id) },
        })
      : err('MEMBER_NOT_FOUND', 'query');
  },

  'cart.clearMember': (desk, who) => {
    const { memberId: _, ...rest } = desk.current(who);
    return ok({ cart: { ...rest, pointsRequested: undefined }, extra: {} });
  },

  'member.register': (desk, who, payload) => {
    const registered = desk.deps.members.register
      ? desk.deps.members.register(payload)
      : err('MEMBER_NOT_FOUND', 'phone');
    if (!registered.ok) return registered;
    const { memberId, pointsEarned } = registered.value;
    const extra = { member: desk.deps.members.summary?.(memberId), pointsEarned };
    // after payment the sale is attached; before, the new member joins the open cart
    return payload.saleId ? ok({ extra }) : ok({ cart: { ...desk.current(who), memberId }, extra });
  },

  'cart.redeemPoints': (desk, who, payload) => {
    const cart = desk.current(who);
    if (!cart.memberId) return err('MEMBER_REQUIRED', 'points');
    // the cap applies to the amount due after stages 1–4, before 抹零 (as the pricing engine does)
    const { priced } = desk.priceOf({ ...cart, pointsRequested: undefined });
    const dueFen = priced.totals.dueFen + (priced.rounding?.amountFen ?? 0);
    const checked =
      payload.points === 0 || !desk.deps.members.checkRedeem
        ? ok(payload.points)
        : desk.deps.members.checkRedeem(cart.memberId, payload.points, dueFen);
    return checked.ok
      ? ok({ cart: { ...cart, pointsRequested: payload.points === 0 ? undefined : payload.points }, extra: {} })
      : checked;
  },
} satisfies Partial<LaneHandlers>;
