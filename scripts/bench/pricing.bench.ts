/**
 * Pricing and catalog figures: p99 to price a 200-line basket against 1,000 active promotions,
 * the time ratio when promotions double (the compiled PromotionSet keeps each line to its
 * candidates), and a 200k-SKU CatalogIndex build and barcode lookup. npm run bench -- --only pricing
 *
 * The promotion mix is a store's: 75 % aimed at SKUs (特价, 折扣, 第二件半价, 买二送一, 立减),
 * 12 % at leaf or second-level categories, 5 % category 满减, 5 % category points multipliers,
 * 3 % coupon issues, plus the store-wide tier discount, 每满200减30 and evening double points.
 * 20k SKUs in 10 × 10 × 10 categories; baskets of 200 random lines.
 */
import type { Promotion } from '../../server/contracts/pricing/promotion.schema.ts';
import type { CartLine, PricingRequest } from '../../server/contracts/pricing/pricing-request.schema.ts';
import {
  CatalogIndex,
  classifyScannedCode,
  withGtinCheckDigit,
  type Product,
} from '../../server/core/catalog/index.ts';
import { compilePromotionSet, priceCart, type PromotionSet } from '../../server/core/pricing/index.ts';
import { percentile, round, type BenchResult } from './bench-result.ts';

const SKU_COUNT = 20_000;
const LINES = 200;

/** Deterministic pseudo-random numbers (LCG) so every run prices the same baskets. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % n;
  };
}

const categoryOf = (i: number) => `C${i % 10}/C${(i >> 4) % 10}/C${(i >> 8) % 10}`;

function promotions(count: number): Promotion[] {
  const r = rng(count);
  const out: Promotion[] = [
    {
      id: 'tier',
      name: { zh: '会员折扣', en: 'Member' },
      priority: 0,
      conditions: {},
      effect: { kind: 'memberTierRate', payBpByTier: { silver: 9500, gold: 9000 } },
    },
    {
      id: 'm200',
      name: { zh: '满200减30', en: '200-30' },
      priority: 0,
      conditions: {},
      effect: { kind: 'basketThreshold', thresholdFen: 20_000, amountOffFen: 3000, repeat: true, capFen: 9000 },
    },
    {
      id: 'evening',
      name: { zh: '晚间双倍积分', en: 'Evening x2' },
      priority: 0,
      conditions: { timeOfDay: { from: '20:00', to: '22:00' } },
      effect: { kind: 'pointsMultiplier', multiplierBp: 20_000 },
    },
  ];
  for (let i = out.length; i < count; i++) {
    const kind = r(100);
    const name = { zh: `促销${i}`, en: `Promo ${i}` };
    const priority = r(10);
    const skus = { include: [...new Set(Array.from({ length: 1 + r(5) }, () => `S${r(SKU_COUNT)}`))] };
    // category promotions sit on leaf categories (2 in 3) or one level up
    const categories = {
      include: [
        categoryOf(r(4096))
          .split('/')
          .slice(0, r(3) === 0 ? 2 : 3)
          .join('/'),
      ],
    };
    const group = r(10) === 0 ? { exclusivityGroup: `g${r(20)}-${kind < 87 ? 'line' : 'basket'}` } : {};
    const base = { id: `p${i}`, name, priority, ...group };
    if (kind < 30)
      out.push({ ...base, conditions: { skus }, effect: { kind: 'itemPercentOff', offBp: 500 + r(3000) } });
    else if (kind < 45)
      out.push({ ...base, conditions: { skus }, effect: { kind: 'fixedPrice', priceFen: 100 + r(5000) } });
    else if (kind < 55) out.push({ ...base, conditions: { skus }, effect: { kind: 'nthItemOff', n: 2, offBp: 5000 } });
    else if (kind < 65) out.push({ ...base, conditions: { skus }, effect: { kind: 'buyXGetY', buy: 2, get: 1 } });
    else if (kind < 75)
      out.push({
        ...base,
        conditions: { skus, minQuantity: 2 },
        effect: { kind: 'itemAmountOff', amountFen: 10 + r(100) },
      });
    else if (kind < 87)
      out.push({
        ...base,
        conditions: { categories, dateRange: { from: '2024-01-01', to: '2024-12-31' } },
        effect: { kind: 'itemPercentOff', offBp: 500 + r(2000) },
      });
    else if (kind < 92)
      out.push({
        ...base,
        conditions: { categories },
        effect: { kind: 'basketThreshold', thresholdFen: 5000 + r(10_000), amountOffFen: 500 + r(1000) },
      });
    else if (kind < 97)
      out.push({
        id: `p${i}`,
        name,
        priority,
        conditions: { categories },
        effect: { kind: 'pointsMultiplier', multiplierBp: 15_000 + r(10_000) },
      });
    else
      out.push({
        id: `p${i}`,
        name,
        priority,
        conditions: { skus, minAmountFen: 1000 },
        effect: { kind: 'issueCoupon', templateId: `T${i}` },
      });
  }
  return out;
}

function basket(seed: number): PricingRequest {
  const r = rng(seed);
  const lines: CartLine[] = Array.from({ length: LINES }, (_, i) => {
    const sku = r(SKU_COUNT);
    const quantity = 1 + r(4);
    const unitPriceFen = 100 + r(20_000);
    return {
      lineId: `L${i}`,
      sku: `S${sku}`,
      categoryPath: categoryOf(sku),
      unit: 'each',
      quantity,
      unitPriceFen,
      grossFen: unitPriceFen * quantity,
      taxRateBp: 1300,
    };
  });
  return {
    storeId: 'S1',
    at: { date: '2024-06-12', weekday: 3, minuteOfDay: 20 * 60 + 30 },
    lines,
    member: { id: 'M', tier: 'gold', tags: [], firstPurchase: false },
  };
}

/** Per-call times in ms, at most `maxRuns` calls or `maxMs` of measuring. */
function timePricing(set: PromotionSet, baskets: readonly PricingRequest[], maxRuns = 3000, maxMs = 4000): number[] {
  // warm up until the JIT has settled: the first calls include compilation and deoptimisation
  for (let i = 0; i < 2000; i++) priceCart(set, baskets[i % baskets.length]);
  const samples: number[] = [];
  const until = performance.now() + maxMs;
  for (let i = 0; i < maxRuns && performance.now() < until; i++) {
    const t0 = performance.now();
    priceCart(set, baskets[i % baskets.length]);
    samples.push(performance.now() - t0);
  }
  return samples;
}

function compiled(count: number): PromotionSet {
  const r = compilePromotionSet(promotions(count));
  if (!r.ok) throw new Error(`bench promotions invalid: ${JSON.stringify(r)}`);
  return r.value;
}

function catalogFigures(): BenchResult[] {
  const products: Product[] = Array.from({ length: 200_000 }, (_, i) => ({
    sku: `SKU${i}`,
    names: { zh: `商品${i}` },
    categoryPath: categoryOf(i),
    unit: 'each',
    priceFen: 100 + (i % 5000),
    taxRateBp: 1300,
    status: 'active',
    barcodes: [withGtinCheckDigit(`69${String(i).padStart(10, '0')}`)],
  }));
  const t0 = performance.now();
  const index = CatalogIndex.build(products);
  const buildMs = performance.now() - t0;

  const r = rng(7);
  const codes = Array.from({ length: 10_000 }, () => products[r(products.length)].barcodes[0]);
  const noLayouts = new Map();
  const batchUs: number[] = [];
  let found = 0;
  const until = performance.now() + 3000;
  for (let batch = 0; batch < 200 && performance.now() < until; batch++) {
    const b0 = performance.now();
    for (const code of codes) {
      // the lane's full path: classify (check digit) and resolve
      const scan = classifyScannedCode(code, noLayouts);
      if (scan.ok && index.resolve(scan.value).ok) found++;
    }
    batchUs.push(((performance.now() - b0) * 1000) / codes.length);
  }
  if (found !== batchUs.length * codes.length) throw new Error('catalog lookup missed');
  const lookupUs = percentile(batchUs, 99);
  return [
    {
      name: 'catalog: build CatalogIndex of 200k SKUs',
      value: round(buildMs, 1),
      unit: 'ms',
      target: 'reported',
      ok: true,
    },
    {
      name: 'catalog: scan → product (classify + lookup), p99 of batch means',
      value: round(lookupUs, 3),
      unit: 'µs',
      target: '≤ 20 µs',
      ok: lookupUs <= 20,
    },
  ];
}

export default async function (): Promise<BenchResult[]> {
  const baskets = Array.from({ length: 20 }, (_, i) => basket(i + 1));
  const set1k = compiled(1000);
  const set2k = compiled(2000);
  const t1k = timePricing(set1k, baskets);
  const t2k = timePricing(set2k, baskets);
  const p99 = percentile(t1k, 99);
  const ratio = percentile(t2k, 50) / percentile(t1k, 50);
  const t0 = performance.now();
  compiled(1000);
  const compileMs = performance.now() - t0;
  return [
    {
      name: 'pricing: 200 lines × 1,000 promotions, p99',
      value: round(p99, 3),
      unit: 'ms',
      target: '≤ 1 ms',
      ok: p99 <= 1,
    },
    {
      name: 'pricing: 200 lines × 1,000 promotions, p50',
      value: round(percentile(t1k, 50), 3),
      unit: 'ms',
      target: 'reported',
      ok: true,
    },
    {
      name: 'pricing: 200 lines × 2,000 promotions, p99',
      value: round(percentile(t2k, 99), 3),
      unit: 'ms',
      target: 'reported',
      ok: true,
    },
    {
      name: 'pricing: median time 2,000 ÷ 1,000 promotions',
      value: round(ratio, 2),
      unit: '×',
      target: '< 2×',
      ok: ratio < 2,
    },
    {
      name: 'pricing: compile a PromotionSet of 1,000',
      value: round(compileMs, 1),
      unit: 'ms',
      target: 'reported',
      ok: true,
    },
    ...catalogFigures(),
  ];
}
