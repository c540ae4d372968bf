import { dayNumber } from '../../server/core/loyalty/calendar.ts';
import {
  defaultTagRules,
  profileSlice,
  RfmCollector,
  type MemberAggregate,
} from '../../server/core/loyalty/segments/index.ts';
import { round, type BenchResult } from './bench-result.ts';

const MEMBERS = 1_000_000;
const SLICE = 50_000;
const CATEGORIES = ['服装', '食品', '日用', '母婴', '烟酒', '数码'];

/** Deterministic synthetic members (LCG, Numerical Recipes constants) so runs compare. */
function members(n: number, today: number): MemberAggregate[] {
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const out = new Array<MemberAggregate>(n);
  for (let i = 0; i < n; i++) {
    const orders = next() < 0.1 ? 0 : 1 + Math.floor(-Math.log(1 - next()) * 6);
    const spend = orders * (2_000 + Math.floor(next() * 30_000));
    const c1 = CATEGORIES[Math.floor(next() * CATEGORIES.length)];
    const c2 = CATEGORIES[Math.floor(next() * CATEGORIES.length)];
    const part = Math.floor(spend * next());
    out[i] = {
      memberId: `M${i}`,
      registeredDay: today - 1 - Math.floor(next() * 1000),
      firstPurchaseDay: orders === 0 ? null : today - 1 - Math.floor(next() * 700),
      lastPurchaseDay: orders === 0 ? null : today - Math.floor(next() * 365),
      orderCount: orders,
      spendFen: spend,
      discountedSpendFen: Math.floor(spend * next()),
      categorySpendFen: c1 === c2 ? { [c1]: spend } : { [c1]: part, [c2]: spend - part },
    };
  }
  return out;
}

/** RFM cutpoints and automatic tags for 1,000,000 members, in slices of 50,000 as the nightly job runs them. */
export default async function (): Promise<BenchResult[]> {
  const today = dayNumber('2025-06-30');
  const all = members(MEMBERS, today);
  const t0 = performance.now();
  const collector = new RfmCollector(MEMBERS);
  for (let i = 0; i < MEMBERS; i += SLICE) collector.add(all.slice(i, i + SLICE));
  const cut = collector.cutpoints();
  const t1 = performance.now();
  let tagged = 0;
  let longestSlice = 0;
  for (let i = 0; i < MEMBERS; i += SLICE) {
    const s = performance.now();
    for (const p of profileSlice(defaultTagRules, cut, all.slice(i, i + SLICE), today)) tagged += p.tags.length;
    longestSlice = Math.max(longestSlice, performance.now() - s);
  }
  const t2 = performance.now();
  const total = (t2 - t0) / 1000;
  return [
    {
      name: 'loyalty-tags: RFM cutpoints, 1M members',
      value: round(t1 - t0, 1),
      unit: 'ms',
      target: '< 1000 ms',
      ok: t1 - t0 < 1000,
    },
    {
      name: 'loyalty-tags: RFM + tags, 1M members total',
      value: round(total, 2),
      unit: 's',
      target: '< 5 s',
      ok: total < 5 && tagged > 0,
    },
    {
      name: 'loyalty-tags: longest 50k slice (event-loop block)',
      value: round(longestSlice, 1),
      unit: 'ms',
      target: '< 250 ms',
      ok: longestSlice < 250,
    },
  ];
}
