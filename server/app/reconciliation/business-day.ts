import { storeLocalTime } from '../store-time.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isBusinessDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** `YYYY-MM-DD` moved by whole days (calendar arithmetic in UTC, so no DST or zone can shift it). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The store-local business day of an ISO instant. */
export function businessDayOf(instantIso: string, timeZone: string): string {
  return storeLocalTime(new Date(instantIso), timeZone).date;
}
