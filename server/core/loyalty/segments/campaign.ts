import { FULL_BP, mulDivHalfUp, type BasisPoints, type Fen } from '../../money/index.ts';
import { addDays, type IsoDate } from '../calendar.ts';
import { fnv1a32 } from '../hash.ts';
import { matchesSegment, type MemberTags, type SegmentQuery } from './segment-query.ts';

export type Campaign = { readonly id: string; readonly segment: SegmentQuery; readonly holdoutBp: BasisPoints };

/** Deterministic bucket 0–9999 of a member in a campaign: the same on every run, independent across campaigns. */
export function holdoutBucket(memberId: string, campaignId: string): number {
  return fnv1a32(`${memberId}|${campaignId}`) % FULL_BP;
}

/** 'target' gets the offer, 'control' is held out to measure it, null is outside the segment. */
export function campaignGroup(campaign: Campaign, memberId: string, tags: MemberTags): 'target' | 'control' | null {
  if (!matchesSegment(campaign.segment, tags)) return null;
  return holdoutBucket(memberId, campaign.id) < campaign.holdoutBp ? 'control' : 'target';
}

export type GroupEffect = {
  readonly members: number;
  readonly buyers: number;
  readonly conversionBp: BasisPoints;
  readonly salesFen: Fen;
};
export type CampaignEffect = {
  readonly target: GroupEffect;
  readonly control: GroupEffect;
  /** conversion of target minus control */
  readonly upliftBp: BasisPoints;
  readonly couponCostFen: Fen;
};

/**
 * Effect within `days` days from the start (start day included): members who bought, their sales,
 * against the hold-out group; coupon cost is the discount the campaign's coupons gave.
 */
export function campaignEffect(input: {
  readonly target: readonly string[];
  readonly control: readonly string[];
  readonly purchases: Iterable<{ readonly memberId: string; readonly date: IsoDate; readonly netFen: Fen }>;
  readonly startDate: IsoDate;
  readonly days: number;
  readonly couponCostFen: Fen;
}): CampaignEffect {
  const last = addDays(input.startDate, input.days - 1);
  const group = new Map<string, 'target' | 'control'>();
  for (const m of input.target) group.set(m, 'target');
  for (const m of input.control) group.set(m, 'control');
  const buyers = { target: new Set<string>(), control: new Set<string>() };
  const sales = { target: 0, control: 0 };
  for (const p of input.purchases) {
    const g = group.get(p.memberId);
    if (!g || p.date < input.startDate || p.date > last) continue;
    buyers[g].add(p.memberId);
    sales[g] += p.netFen;
  }
  const effect = (g: 'target' | 'control', members: number): GroupEffect => ({
    members,
    buyers: buyers[g].size,
    conversionBp: members === 0 ? 0 : mulDivHalfUp(buyers[g].size, FULL_BP, members),
    salesFen: sales[g],
  });
  const target = effect('target', input.target.length);
  const control = effect('control', input.control.length);
  return { target, control, upliftBp: target.conversionBp - control.conversionBp, couponCostFen: input.couponCostFen };
}
