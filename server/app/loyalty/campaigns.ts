import { addDays, campaignEffect, campaignGroup, type SegmentQuery } from '../../core/loyalty/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { CampaignAction, CampaignRecord } from '../../adapters/sqlite/loyalty-campaign.repository.ts';
import { issueCouponTo } from './loyalty-ledger.ts';
import type { Loyalty } from './loyalty.ts';
import { loyaltyTime } from './loyalty-time.ts';

export type CampaignInput = {
  id: string;
  name: string;
  segment: SegmentQuery;
  holdoutBp: number;
  action: CampaignAction;
  days: number;
};

const SLICE = 2_000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Starts a campaign on a tag segment (e.g. 沉睡 → a wake-up coupon; a double-points window): every
 * member of the segment falls in the target or the hold-out control group (deterministic bucket);
 * the target gets the coupon now, or earns ×multiplier while the campaign runs. Sliced like the
 * nightly jobs so lanes keep answering.
 */
export async function startCampaign(
  l: Loyalty,
  input: CampaignInput,
  by: string,
): Promise<Result<{ campaign: CampaignRecord; target: number; control: number; coupons: number }>> {
  const { ctx, stores, program } = l;
  if (stores.campaigns.byId(input.id)) return err('CAMPAIGN_EXISTS', 'id', { campaignId: input.id });
  if (input.action.kind === 'coupon' && !program.template(input.action.templateId))
    return err('COUPON_TEMPLATE_UNKNOWN', 'action.templateId', { templateId: input.action.templateId });
  const t = loyaltyTime(ctx);
  const campaign: CampaignRecord = {
    id: input.id,
    name: input.name,
    segment: input.segment,
    holdoutBp: input.holdoutBp,
    action: input.action,
    startsOn: t.date,
    endsOn: addDays(t.date, input.days - 1),
    createdAt: t.at,
    createdBy: by,
  };
  ctx.db.transaction(() => stores.campaigns.insert(campaign)).immediate();
  const counts = { target: 0, control: 0, coupons: 0 };
  const last = stores.members.maxSerial();
  for (let after = 0; after < last; after += SLICE) {
    ctx.db
      .transaction(() => {
        for (const m of stores.members.tagsSlice(after, after + SLICE)) {
          const group = campaignGroup(
            { id: campaign.id, segment: campaign.segment, holdoutBp: campaign.holdoutBp },
            m.id,
            m.tags,
          );
          if (!group) continue;
          counts[group]++;
          let couponId: string | null = null;
          if (group === 'target' && input.action.kind === 'coupon') {
            const c = issueCouponTo(l, t, m.id, input.action.templateId, { kind: 'campaign', refId: campaign.id });
            if (c.ok) {
              couponId = c.value.id;
              counts.coupons++;
            }
          }
          stores.campaigns.addMember(campaign.id, m.id, group, couponId);
        }
      })
      .immediate();
    await yieldToLoop();
  }
  return ok({ campaign, ...counts });
}

/** Target against hold-out within the campaign's days: buyers, conversion, sales, uplift, coupon cost and redemptions. */
export function campaignReport(l: Loyalty, campaignId: string) {
  const { stores } = l;
  const campaign = stores.campaigns.byId(campaignId);
  if (!campaign) return err('CAMPAIGN_NOT_FOUND', 'campaignId', { campaignId });
  const members = stores.campaigns.members(campaignId);
  const target = members.filter((m) => m.grp === 'target').map((m) => m.memberId);
  const control = members.filter((m) => m.grp === 'control').map((m) => m.memberId);
  const coupons = stores.coupons.ofSource('campaign', campaignId);
  const days = Math.round((Date.parse(campaign.endsOn) - Date.parse(campaign.startsOn)) / 86_400_000) + 1;
  const effect = campaignEffect({
    target,
    control,
    purchases: stores.members.purchasesBetween([...target, ...control], campaign.startsOn, campaign.endsOn),
    startDate: campaign.startsOn,
    days,
    couponCostFen: coupons.reduce((s, c) => s + (c.discountFen ?? 0), 0),
  });
  return ok({
    campaign,
    effect,
    coupons: { issued: coupons.length, redeemed: coupons.filter((c) => c.status === 'redeemed').length },
  });
}
