import type { PricingRequest } from './pricing-request.ts';
import type { PricingSettings } from './pricing-settings.ts';
import { mulDivHalfUp, FULL_BP } from '../money/index.ts';
import { explainAmount, explainPoints, explainRounding } from './explanation.ts';
import type { PricedCart, PricedLine, PointsRedeemed } from './priced-cart.ts';
import { DEFAULT_PRICING_SETTINGS } from './pricing-settings.ts';
import { matchLines, type CompiledPromotion, type PromotionSet } from './promotion-set.ts';
import { runAfterSale } from './stages/after-sale.ts';
import { applyCoupons } from './stages/coupon-stage.ts';
import { redeemPoints } from './stages/points-redemption.ts';
import { runPromotionStage, type PromotionApplication, type StageContext } from './stages/promotion-stage.ts';
import { roundDue } from './stages/rounding.ts';
import { startLines, type WorkLine } from './work-line.ts';

/** The basket after stages 1–3 (line promotions, member tier, basket thresholds). */
export type PromotedBasket = {
  readonly work: WorkLine[];
  readonly matched: ReadonlyMap<CompiledPromotion, readonly number[]>;
  readonly ctx: StageContext;
  readonly applications: readonly PromotionApplication[];
};

export function applyPromotions(set: PromotionSet, request: PricingRequest): PromotedBasket {
  const work = startLines(request.lines);
  const matched = matchLines(set, request.lines);
  const ctx: StageContext = {
    sale: { storeId: request.storeId, channel: request.channel, at: request.at, member: request.member },
    holds: new Map(),
  };
  const applications = [
    ...runPromotionStage('line', matched, work, ctx),
    ...runPromotionStage('tier', matched, work, ctx),
    ...runPromotionStage('basket', matched, work, ctx),
  ];
  return { work, matched, ctx, applications };
}

/**
 * Price a basket: line promotions → member tier → basket thresholds → coupons → points as cash → 抹零,
 * then the after-sale effects (points multiplier, coupons earned). Pure and deterministic: the same
 * set, request and settings give the same result, byte for byte. `request` must have passed
 * validatePricingRequest, `set` comes from compilePromotionSet.
 */
export function priceCart(
  set: PromotionSet,
  request: PricingRequest,
  settings: PricingSettings = DEFAULT_PRICING_SETTINGS,
): PricedCart {
  const { work, matched, ctx, applications } = applyPromotions(set, request);
  const coupons = applyCoupons(request.coupons ?? [], work, request.at);
  const byCode = new Map((request.coupons ?? []).map((c) => [c.code, c]));

  let pointsRedeemed: PointsRedeemed | null = null;
  let linePoints: readonly number[] = [];
  if (request.pointsRequested !== undefined) {
    const r = redeemPoints(request.pointsRequested, settings.pointsRedemption, work);
    if ('rejected' in r) pointsRedeemed = r;
    else {
      const { linePoints: shares, ...redeemed } = r;
      linePoints = shares;
      pointsRedeemed = { ...redeemed, explanation: explainPoints(r.used, r.fen) };
    }
  }
  const roundingFen = roundDue(settings.rounding, work);
  const after = runAfterSale(matched, work, ctx);

  const lines: PricedLine[] = work.map((w, i) => {
    const l = w.line;
    const discountFen = l.grossFen - w.net;
    return {
      lineId: l.lineId,
      sku: l.sku,
      grossFen: l.grossFen,
      discounts: w.shares,
      discountFen,
      netFen: w.net,
      taxFen: mulDivHalfUp(w.net, l.taxRateBp, FULL_BP + l.taxRateBp),
      pointsMultiplierBp: after.multipliers[i],
      pointsRedeemed: linePoints[i] ?? 0,
    };
  });
  const totals = { grossFen: 0, discountFen: 0, dueFen: 0, taxFen: 0 };
  for (const l of lines) {
    totals.grossFen += l.grossFen;
    totals.discountFen += l.discountFen;
    totals.dueFen += l.netFen;
    totals.taxFen += l.taxFen;
  }
  return {
    lines,
    totals,
    promotionsApplied: [
      ...applications.map((a) => ({
        promotionId: a.promotion.promotion.id,
        stage: a.promotion.stage,
        amountFen: a.amountFen,
        explanation: explainAmount(a.promotion.promotion.name, a.amountFen, a.times),
      })),
      ...after.applied,
    ],
    couponsApplied: coupons.applied.map((c) => {
      const name = byCode.get(c.code)?.name ?? { zh: `优惠券 ${c.code}`, en: `Coupon ${c.code}` };
      return { ...c, explanation: explainAmount(name, c.amountFen) };
    }),
    couponsRejected: coupons.rejected,
    pointsRedeemed,
    rounding: roundingFen === 0 ? null : { amountFen: roundingFen, explanation: explainRounding(roundingFen) },
    couponTemplatesToIssue: after.toIssue,
  };
}
