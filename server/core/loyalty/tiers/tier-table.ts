import type { BasisPoints, Fen } from '../../money/index.ts';

export type BirthdayGift =
  { readonly kind: 'points'; readonly points: number } | { readonly kind: 'coupon'; readonly templateId: string };

/** discountBp is the share paid (银卡 9500 = 9.5折); pointsMultiplierBp multiplies earning (15000 = ×1.5). */
export type TierDef = {
  readonly code: string;
  readonly name: string;
  readonly minSpendFen: Fen;
  readonly discountBp: BasisPoints;
  readonly pointsMultiplierBp: BasisPoints;
  readonly birthdayGift?: BirthdayGift;
};

/** Tiers in ascending minSpendFen, the first at 0; spend is net (sales − refunds) over the last `windowMonths`. */
export type TierTable = { readonly windowMonths: number; readonly tiers: readonly TierDef[] };

export const defaultTierTable: TierTable = {
  windowMonths: 12,
  tiers: [
    { code: 'normal', name: '普通', minSpendFen: 0, discountBp: 10000, pointsMultiplierBp: 10000 },
    {
      code: 'silver',
      name: '银卡',
      minSpendFen: 200_000,
      discountBp: 9500,
      pointsMultiplierBp: 12000,
      birthdayGift: { kind: 'points', points: 200 },
    },
    {
      code: 'gold',
      name: '金卡',
      minSpendFen: 500_000,
      discountBp: 9000,
      pointsMultiplierBp: 15000,
      birthdayGift: { kind: 'points', points: 500 },
    },
    {
      code: 'diamond',
      name: '钻石',
      minSpendFen: 2_000_000,
      discountBp: 8800,
      pointsMultiplierBp: 20000,
      birthdayGift: { kind: 'coupon', templateId: 'birthday-diamond' },
    },
  ],
};
