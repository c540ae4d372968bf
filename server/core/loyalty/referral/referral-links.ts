import { err, ok, type Result } from '../../result.ts';

/** memberId → the member who referred them (推荐人). */
export type ReferralLinks = ReadonlyMap<string, string>;

/** Records who referred a member; refuses a second referrer and any cycle (A→B→A, or oneself). */
export function setReferrer(
  links: ReferralLinks,
  memberId: string,
  referrerId: string,
): Result<
  { readonly memberId: string; readonly referrerId: string },
  'LOYALTY_REFERRAL_CYCLE' | 'LOYALTY_REFERRAL_ALREADY_SET'
> {
  if (links.has(memberId)) return err('LOYALTY_REFERRAL_ALREADY_SET', 'memberId');
  // walk up from the referrer: reaching the member means the new link closes a loop
  const seen = new Set<string>();
  for (let m: string | undefined = referrerId; m !== undefined; m = links.get(m)) {
    if (m === memberId || seen.has(m)) return err('LOYALTY_REFERRAL_CYCLE', 'referrerId');
    seen.add(m);
  }
  return ok({ memberId, referrerId });
}

/** The referrers above a member, nearest first, at most `levels`. */
export function referrersOf(links: ReferralLinks, memberId: string, levels: number): string[] {
  const out: string[] = [];
  for (
    let m = links.get(memberId);
    m !== undefined && out.length < levels && m !== memberId && !out.includes(m);
    m = links.get(m)
  )
    out.push(m);
  return out;
}
