import type { PricingAt } from '../contracts/pricing/pricing-request.schema.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The store's local date, ISO weekday and minute of day for an instant: what promotions and business dates use. */
export function storeLocalTime(instant: Date, timeZone: string): PricingAt & { time: string } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday],
    minuteOfDay: hour * 60 + minute,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** The store's offset from UTC in minutes at noon of a business date (what turns a stored instant into a local hour). */
export function utcOffsetMinutes(businessDate: string, timeZone: string): number {
  const [y, m, d] = businessDate.split('-').map(Number);
  const noon = Date.UTC(y, m - 1, d, 12, 0);
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(noon))) parts[p.type] = p.value;
  const localNoon = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  return Math.round((localNoon - noon) / 60_000);
}

/** A business date `days` after (or before) another, in the calendar. */
export function addDays(businessDate: string, days: number): string {
  const [y, m, d] = businessDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The UTC instant (ISO) at which a business date starts in the store's time zone. */
export function startOfBusinessDate(businessDate: string, timeZone: string): string {
  const [y, m, d] = businessDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - utcOffsetMinutes(businessDate, timeZone) * 60_000).toISOString();
}
