import type { CouponInstance } from '../../core/loyalty/index.ts';

/** Coupon instances issued to members, their redemption and expiry (CouponRepository). */
export interface CouponStore {
  insert(c: CouponInstance): void;
  byId(id: string): CouponInstance | undefined;
  usableOf(memberId: string, today: string): CouponInstance[];
  ofMember(memberId: string): CouponInstance[];
  /** false when another sale redeemed it first. */
  redeem(c: CouponInstance): boolean;
  restore(id: string, at: string): boolean;
  /** Nightly: issued/restored instances past their last day become expired; returns how many. */
  expireBefore(today: string): number;
  expiringBetween(from: string, to: string): CouponInstance[];
  issueCounts(templateId: string, memberId: string): { issuedTotal: number; issuedToMember: number };
  all(): CouponInstance[];
  ofSource(kind: CouponInstance['source']['kind'], ref: string): CouponInstance[];
}
