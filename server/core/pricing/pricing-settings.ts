/**
 * Store settings for stages 5 and 6. Wire schema: PricingSettingsSchema in
 * server/contracts/pricing/pricing-request.schema.ts (kept equal at compile time).
 */
export type PricingSettings = {
  /** 抹零 of the amount due: none; dropFen (floor to the jiao); roundJiaoHalfUp (to the nearest jiao, 5 fen up) */
  rounding: 'none' | 'dropFen' | 'roundJiaoHalfUp';
  pointsRedemption: {
    /** points worth ¥1 (default 100) */
    pointsPerYuan: number;
    minPoints: number;
    /** at most this share of the amount due may be paid with points */
    maxShareBp: number;
  };
};

/** No 抹零; 100 points = ¥1, no minimum, points may pay the whole amount due. */
export const DEFAULT_PRICING_SETTINGS: PricingSettings = {
  rounding: 'none',
  pointsRedemption: { pointsPerYuan: 100, minPoints: 0, maxShareBp: 10_000 },
};
