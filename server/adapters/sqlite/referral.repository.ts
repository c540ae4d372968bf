import type { ReferralReward } from '../../core/loyalty/index.ts';
import type { Db } from './database.ts';
import type { ReferralStore } from '../../app/ports/referral-store.port.ts';

export type {};

type Row = {
  beneficiary_id: string;
  referee_id: string;
  level: 1 | 2;
  kind: ReferralReward['kind'];
  points: number;
  template_id: string | null;
  sale_id: string;
  month: string;
};
const toReward = (r: Row): ReferralReward => ({
  beneficiaryId: r.beneficiary_id,
  refereeId: r.referee_id,
  level: r.level,
  kind: r.kind,
  points: r.points,
  saleId: r.sale_id,
  month: r.month,
  ...(r.template_id === null ? {} : { templateId: r.template_id }),
});

/** Referral rewards paid (the links themselves are member.referrer_id). */
export class ReferralRepository implements ReferralStore {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        'INSERT INTO referral_reward (beneficiary_id, referee_id, level, kind, points, template_id, sale_id, month) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      ofBeneficiaries: db.prepare(
        'SELECT * FROM referral_reward WHERE beneficiary_id IN (SELECT value FROM json_each(?)) ORDER BY id',
      ),
    };
  }

  insert(r: ReferralReward): void {
    this.s.insert.run(r.beneficiaryId, r.refereeId, r.level, r.kind, r.points, r.templateId ?? null, r.saleId, r.month);
  }

  /** The history the caps are counted on. */
  ofBeneficiaries(ids: readonly string[]): ReferralReward[] {
    return (this.s.ofBeneficiaries.all(JSON.stringify(ids)) as Row[]).map(toReward);
  }
}
