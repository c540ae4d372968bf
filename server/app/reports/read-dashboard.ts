import type { Dashboard, LaneLive } from '../../contracts/reports/reports.schema.ts';
import type { ReportSource } from '../ports/report-source.port.ts';
import type { StoreContext } from '../store-context.ts';
import { addDays, storeLocalTime, utcOffsetMinutes } from '../store-time.ts';
import type { LanePresence } from './lane-presence.ts';
import { salesFigures } from './sales-figures.ts';

export type DashboardDeps = {
  ctx: StoreContext;
  source: ReportSource;
  presence: LanePresence;
  /** whether the lane's cart has lines (the LaneService's cart) */
  selling(laneId: string): boolean;
  deviceAlerts(): Dashboard['badges']['deviceAlerts'];
  hq(): Dashboard['badges']['hq'];
};

const TOP = 10;

/** 首页: a business date against the day before and the same weekday a week before, lanes live and the badges. */
export function readDashboard(deps: DashboardDeps, date?: string): Dashboard {
  const { ctx, source } = deps;
  const timeZone = ctx.repos.store.get()!.timezone;
  const today = date ?? storeLocalTime(ctx.clock.now(), timeZone).date;
  const day = (d: string) => ({ from: d, to: d, utcOffsetMinutes: utcOffsetMinutes(d, timeZone) });
  const yesterday = addDays(today, -1);
  const lastWeek = addDays(today, -7);
  const perHour = (d: string) => {
    const hours = new Array<number>(24).fill(0);
    for (const h of source.hourly(day(d))) hours[h.hour] = h.dueFen;
    return hours;
  };
  const shifts = new Map(source.openShifts().map((s) => [s.laneId, s.cashier]));
  const lanes: LaneLive[] = ctx.repos.lanes
    .list()
    .filter((l) => l.active)
    .map((l) => {
      const cashier = deps.presence.cashierAt(l.id);
      const state = cashier === undefined ? 'offline' : deps.selling(l.id) ? 'selling' : 'idle';
      return {
        laneId: l.id,
        name: l.name,
        state,
        cashier: cashier ?? shifts.get(l.id) ?? null,
        shiftOpen: shifts.has(l.id),
      };
    });
  return {
    businessDate: today,
    today: salesFigures(source.sums(day(today))),
    yesterday: { businessDate: yesterday, ...salesFigures(source.sums(day(yesterday))) },
    lastWeek: { businessDate: lastWeek, ...salesFigures(source.sums(day(lastWeek))) },
    hourly: { today: perHour(today), yesterday: perHour(yesterday), lastWeek: perHour(lastWeek) },
    channels: source.breakdown('channel', day(today), TOP),
    topProducts: source.breakdown('product', day(today), TOP),
    topCategories: source.breakdown('category', day(today), TOP),
    lanes,
    badges: { openAnomalies: source.openAnomalies(), deviceAlerts: deps.deviceAlerts(), hq: deps.hq() },
  };
}
