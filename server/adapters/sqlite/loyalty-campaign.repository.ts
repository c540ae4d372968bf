import type { Db } from './database.ts';
import type {
  CampaignAction,
  CampaignRecord,
  LoyaltyCampaignStore,
} from '../../app/ports/loyalty-campaign-store.port.ts';

export type { CampaignAction, CampaignRecord };

type Row = {
  id: string;
  name: string;
  segment: string;
  holdout_bp: number;
  action: string;
  starts_on: string;
  ends_on: string;
  created_at: string;
  created_by: string;
};
const toRecord = (r: Row): CampaignRecord => ({
  id: r.id,
  name: r.name,
  segment: JSON.parse(r.segment),
  holdoutBp: r.holdout_bp,
  action: JSON.parse(r.action),
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** Campaigns on a segment and who fell in which group (target / hold-out control). */
export class LoyaltyCampaignRepository implements LoyaltyCampaignStore {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        'INSERT INTO campaign (id, name, segment, holdout_bp, action, starts_on, ends_on, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare('SELECT * FROM campaign WHERE id = ?'),
      list: db.prepare('SELECT * FROM campaign ORDER BY created_at, id'),
      activeOf:
        db.prepare(`SELECT c.* FROM campaign c JOIN campaign_member cm ON cm.campaign_id = c.id AND cm.member_id = ? AND cm.grp = 'target'
        WHERE c.starts_on <= ? AND c.ends_on >= ? ORDER BY c.id`),
      member: db.prepare('INSERT INTO campaign_member (campaign_id, member_id, grp, coupon_id) VALUES (?, ?, ?, ?)'),
      members: db.prepare(
        'SELECT member_id AS memberId, grp, coupon_id AS couponId FROM campaign_member WHERE campaign_id = ?',
      ),
    };
  }

  insert(c: CampaignRecord): void {
    this.s.insert.run(
      c.id,
      c.name,
      JSON.stringify(c.segment),
      c.holdoutBp,
      JSON.stringify(c.action),
      c.startsOn,
      c.endsOn,
      c.createdAt,
      c.createdBy,
    );
  }

  byId(id: string): CampaignRecord | undefined {
    const r = this.s.byId.get(id) as Row | undefined;
    return r && toRecord(r);
  }

  list(): CampaignRecord[] {
    return (this.s.list.all() as Row[]).map(toRecord);
  }

  /** Campaigns running on `date` in whose target group the member is. */
  activeFor(memberId: string, date: string): CampaignRecord[] {
    return (this.s.activeOf.all(memberId, date, date) as Row[]).map(toRecord);
  }

  addMember(campaignId: string, memberId: string, group: 'target' | 'control', couponId: string | null): void {
    this.s.member.run(campaignId, memberId, group, couponId);
  }

  members(campaignId: string): Array<{ memberId: string; grp: 'target' | 'control'; couponId: string | null }> {
    return this.s.members.all(campaignId) as Array<{
      memberId: string;
      grp: 'target' | 'control';
      couponId: string | null;
    }>;
  }
}
