import type { StoreContext } from '../store-context.ts';
import { storeLocalTime } from '../store-time.ts';

/** The store's local moment as the loyalty core wants it: ISO with offset, date, weekday 0 = Sunday, minute. */
export type LoyaltyTime = { at: string; date: string; weekday: number; minute: number; ms: number };

export function loyaltyTime(ctx: StoreContext, instant: Date = ctx.clock.now()): LoyaltyTime {
  const tz = ctx.repos.store.get()?.timezone ?? 'Asia/Shanghai';
  const local = storeLocalTime(instant, tz);
  const [y, mo, d] = local.date.split('-').map(Number);
  const localMs = Date.UTC(y, mo - 1, d, Math.floor(local.minuteOfDay / 60), local.minuteOfDay % 60);
  const offsetMin = Math.round((localMs - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const seconds = String(instant.getUTCSeconds()).padStart(2, '0');
  return {
    at: `${local.date}T${local.time}:${seconds}${offset}`,
    date: local.date,
    weekday: local.weekday % 7,
    minute: local.minuteOfDay,
    ms: instant.getTime(),
  };
}
