import type { ReferralLinks } from './referral-links.ts';
import type { ReferralReward } from './referral-rewards.ts';

export type ReferralNode = {
  readonly memberId: string;
  readonly depth: number;
  /** points the tree's root earned from this member's purchases */
  readonly rewardToRootPoints: number;
  /** points this member earned from everyone they referred, at any level */
  readonly rewardEarnedPoints: number;
  readonly children: readonly ReferralNode[];
};

/** A member's downline (推荐关系链) to `maxDepth` levels, with reward totals, children ordered by id. */
export function referralTree(
  links: ReferralLinks,
  rewards: readonly ReferralReward[],
  rootId: string,
  maxDepth = 10,
): ReferralNode {
  const children = new Map<string, string[]>();
  for (const [member, referrer] of links) {
    const list = children.get(referrer);
    if (list) list.push(member);
    else children.set(referrer, [member]);
  }
  const toRoot = new Map<string, number>();
  const earned = new Map<string, number>();
  for (const r of rewards) {
    earned.set(r.beneficiaryId, (earned.get(r.beneficiaryId) ?? 0) + r.points);
    if (r.beneficiaryId === rootId) toRoot.set(r.refereeId, (toRoot.get(r.refereeId) ?? 0) + r.points);
  }
  const build = (memberId: string, depth: number): ReferralNode => ({
    memberId,
    depth,
    rewardToRootPoints: depth === 0 ? 0 : (toRoot.get(memberId) ?? 0),
    rewardEarnedPoints: earned.get(memberId) ?? 0,
    children: depth >= maxDepth ? [] : [...(children.get(memberId) ?? [])].sort().map((c) => build(c, depth + 1)),
  });
  return build(rootId, 0);
}
