import type { SegmentQuery } from '../../core/loyalty/index.ts';

/** What a campaign does to its target group. */
export type CampaignAction = { kind: 'coupon'; templateId: string } | { kind: 'double-points'; multiplierBp: number };

export type CampaignRecord = {
  id: string;
  name: string;
  segment: SegmentQuery;
  holdoutBp: number;
  action: CampaignAction;
  startsOn: string;
  endsOn: string;
  createdAt: string;
  createdBy: string;
};

/** Marketing campaigns over a member segment and what each sent (LoyaltyCampaignRepository). */
export interface LoyaltyCampaignStore {
  insert(c: CampaignRecord): void;
  byId(id: string): CampaignRecord | undefined;
  list(): CampaignRecord[];
  /** Campaigns running on `date` in whose target group the member is. */
  activeFor(memberId: string, date: string): CampaignRecord[];
  addMember(campaignId: string, memberId: string, group: 'target' | 'control', couponId: string | null): void;
  members(campaignId: string): Array<{ memberId: string; grp: 'target' | 'control'; couponId: string | null }>;
}
