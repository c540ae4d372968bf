import type { BasisPoints, Fen } from '../../money/index.ts';

/** When an earned lot lapses. Dates are inclusive: a lot is usable through its `expiresOn`. */
export type ExpiryPolicy =
  | { readonly kind: 'end-of-next-year' } // earned any day of 2025 → usable through 2026-12-31
  | { readonly kind: 'rolling-months'; readonly months: number } // earned 2025-03-15, 12 → through 2026-03-14
  | { readonly kind: 'never' };

export type CategoryMultiplier = { readonly categoryPath: readonly string[]; readonly multiplierBp: BasisPoints };

/** Local time window [fromMinute, toMinute) on the listed weekdays (0 = Sunday; none listed = every day). */
export type TimeWindowMultiplier = {
  readonly weekdays?: readonly number[];
  readonly fromMinute: number;
  readonly toMinute: number;
  readonly multiplierBp: BasisPoints;
};

/** `points` per `perFen` of net spend: 1 per 100 (1 point per ¥1, default) or 1 per 1000 (per ¥10). */
export type EarnRule = {
  readonly points: number;
  readonly perFen: Fen;
  readonly categoryMultipliers: readonly CategoryMultiplier[];
  readonly timeWindows: readonly TimeWindowMultiplier[];
  /** fixed points for behaviours: registration, review, share, … */
  readonly behaviour: Readonly<Record<string, number>>;
  readonly expiry: ExpiryPolicy;
};

/** `points` are worth `fen` (100 points = ¥1 → points 100, fen 100); at most capBp of the amount due. */
export type RedemptionRule = {
  readonly points: number;
  readonly fen: Fen;
  readonly minimumPoints: number;
  readonly capBp: BasisPoints;
};

/** What a refund does with points redeemed on the sale. */
export type RestorePolicy = 'none' | 'original-expiry' | 'new-expiry';

export const defaultEarnRule: EarnRule = {
  points: 1,
  perFen: 100,
  categoryMultipliers: [],
  timeWindows: [],
  behaviour: { registration: 100, review: 10, share: 5 },
  expiry: { kind: 'end-of-next-year' },
};

export const defaultRedemptionRule: RedemptionRule = { points: 100, fen: 100, minimumPoints: 100, capBp: 5000 };
