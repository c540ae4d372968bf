import type { CouponInstance } from '../../core/loyalty/index.ts';
import type { Db } from './database.ts';
import type { CouponStore } from '../../app/ports/coupon-store.port.ts';

export type {};

type Row = {
  id: string;
  template_id: string;
  member_id: string;
  status: CouponInstance['status'];
  issued_at: string;
  valid_from: string;
  valid_to: string;
  source_kind: CouponInstance['source']['kind'];
  source_ref: string | null;
  face_value_fen: number | null;
  redeemed_at: string | null;
  sale_id: string | null;
  discount_fen: number | null;
  sale_net_fen: number | null;
  restored_at: string | null;
  expired_on: string | null;
};

function toInstance(r: Row): CouponInstance {
  return {
    id: r.id,
    templateId: r.template_id,
    memberId: r.member_id,
    status: r.status,
    issuedAt: r.issued_at,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    source: r.source_ref === null ? { kind: r.source_kind } : { kind: r.source_kind, refId: r.source_ref },
    ...(r.face_value_fen === null ? {} : { faceValueFen: r.face_value_fen }),
    ...(r.redeemed_at === null ? {} : { redeemedAt: r.redeemed_at }),
    ...(r.sale_id === null ? {} : { saleId: r.sale_id }),
    ...(r.discount_fen === null ? {} : { discountFen: r.discount_fen }),
    ...(r.sale_net_fen === null ? {} : { saleNetFen: r.sale_net_fen }),
    ...(r.restored_at === null ? {} : { restoredAt: r.restored_at }),
    ...(r.expired_on === null ? {} : { expiredOn: r.expired_on }),
  };
}

/** Coupon instances (the code is the id). State changes are compare-and-set on the status, inside the caller's transaction. */
export class CouponRepository implements CouponStore {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      insert:
        db.prepare(`INSERT INTO coupon_instance (id, template_id, member_id, status, issued_at, valid_from, valid_to, source_kind, source_ref, face_value_fen)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      byId: db.prepare('SELECT * FROM coupon_instance WHERE id = ?'),
      usableOf: db.prepare(
        "SELECT * FROM coupon_instance WHERE member_id = ? AND status IN ('issued', 'restored') AND valid_from <= ? AND valid_to >= ? ORDER BY valid_to, id",
      ),
      ofMember: db.prepare('SELECT * FROM coupon_instance WHERE member_id = ? ORDER BY issued_at, id'),
      redeem: db.prepare(
        "UPDATE coupon_instance SET status = 'redeemed', redeemed_at = ?, sale_id = ?, discount_fen = ?, sale_net_fen = ? WHERE id = ? AND status IN ('issued', 'restored')",
      ),
      restore: db.prepare(
        "UPDATE coupon_instance SET status = 'restored', restored_at = ?, redeemed_at = NULL, sale_id = NULL, discount_fen = NULL, sale_net_fen = NULL WHERE id = ? AND status = 'redeemed'",
      ),
      expire: db.prepare(
        "UPDATE coupon_instance SET status = 'expired', expired_on = ? WHERE status IN ('issued', 'restored') AND valid_to < ?",
      ),
      expiring: db.prepare(
        "SELECT * FROM coupon_instance WHERE status IN ('issued', 'restored') AND valid_to >= ? AND valid_to <= ? ORDER BY member_id, id",
      ),
      countTemplate: db.prepare(
        'SELECT count(*) AS total, coalesce(sum(member_id = ?), 0) AS member FROM coupon_instance WHERE template_id = ?',
      ),
      ofTemplates: db.prepare('SELECT * FROM coupon_instance ORDER BY template_id, id'),
      ofSource: db.prepare('SELECT * FROM coupon_instance WHERE source_kind = ? AND source_ref = ?'),
    };
  }

  insert(c: CouponInstance): void {
    this.s.insert.run(
      c.id,
      c.templateId,
      c.memberId,
      c.status,
      c.issuedAt,
      c.validFrom,
      c.validTo,
      c.source.kind,
      c.source.refId ?? null,
      c.faceValueFen ?? null,
    );
  }

  byId(id: string): CouponInstance | undefined {
    const r = this.s.byId.get(id) as Row | undefined;
    return r && toInstance(r);
  }

  usableOf(memberId: string, today: string): CouponInstance[] {
    return (this.s.usableOf.all(memberId, today, today) as Row[]).map(toInstance);
  }

  ofMember(memberId: string): CouponInstance[] {
    return (this.s.ofMember.all(memberId) as Row[]).map(toInstance);
  }

  /** false when another sale redeemed it first. */
  redeem(c: CouponInstance): boolean {
    return this.s.redeem.run(c.redeemedAt, c.saleId, c.discountFen, c.saleNetFen, c.id).changes === 1;
  }

  restore(id: string, at: string): boolean {
    return this.s.restore.run(at, id).changes === 1;
  }

  /** Nightly: issued/restored instances past their last day become expired; returns how many. */
  expireBefore(today: string): number {
    return this.s.expire.run(today, today).changes;
  }

  expiringBetween(from: string, to: string): CouponInstance[] {
    return (this.s.expiring.all(from, to) as Row[]).map(toInstance);
  }

  issueCounts(templateId: string, memberId: string): { issuedTotal: number; issuedToMember: number } {
    const r = this.s.countTemplate.get(memberId, templateId) as { total: number; member: number };
    return { issuedTotal: r.total, issuedToMember: r.member };
  }

  all(): CouponInstance[] {
    return (this.s.ofTemplates.all() as Row[]).map(toInstance);
  }

  ofSource(kind: CouponInstance['source']['kind'], ref: string): CouponInstance[] {
    return (this.s.ofSource.all(kind, ref) as Row[]).map(toInstance);
  }
}
