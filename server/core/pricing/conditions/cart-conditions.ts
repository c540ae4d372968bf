import type { Conditions } from '../promotion.ts';
import type { Member, PricingAt } from '../pricing-request.ts';

/** Everything about the sale (not its lines) a condition may look at. */
export type SaleContext = {
  readonly storeId: string;
  readonly channel?: string;
  readonly at: PricingAt;
  readonly member?: Member;
};

function minuteOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The sale-wide conditions: member, calendar, clock, store, channel. Line scope and minimums are checked per stage. */
export function saleConditionsHold(c: Conditions, sale: SaleContext): boolean {
  const m = sale.member;
  if (c.memberTiers && (m?.tier === undefined || !c.memberTiers.includes(m.tier))) return false;
  if (c.memberTags && !(m && c.memberTags.some((t) => m.tags.includes(t)))) return false;
  if (c.firstPurchase && !m?.firstPurchase) return false;
  // YYYY-MM-DD compares correctly as text
  if (c.dateRange && (sale.at.date < c.dateRange.from || sale.at.date > c.dateRange.to)) return false;
  if (c.weekdays && !c.weekdays.includes(sale.at.weekday)) return false;
  if (c.timeOfDay) {
    const from = minuteOf(c.timeOfDay.from);
    const to = minuteOf(c.timeOfDay.to);
    const t = sale.at.minuteOfDay;
    const inside = from < to ? t >= from && t < to : t >= from || t < to;
    if (!inside) return false;
  }
  if (c.stores && !c.stores.includes(sale.storeId)) return false;
  if (c.channels && (sale.channel === undefined || !c.channels.includes(sale.channel))) return false;
  return true;
}
