/**
 * Business dates are 'YYYY-MM-DD' strings in the store's local calendar; timestamps are local ISO 8601
 * with offset ('2025-03-01T20:15:00+08:00'). Day arithmetic goes through UTC day numbers so it is the
 * same in Node and in the lane's browser, whatever the host time zone.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type IsoDate = string;

/** Days since 1970-01-01. Throws on a malformed date: dates reach the core already validated. */
export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function dateOfDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return dateOfDay(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday (as Date#getDay); 1970-01-01 was a Thursday. */
export function weekdayOf(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** The same day `months` later, clamped to the end of a shorter month (2025-01-31 + 1 → 2025-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const monthIndex = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local business date of a local ISO timestamp, as written (no zone conversion). */
export function localDateOf(at: string): IsoDate {
  return at.slice(0, 10);
}

/** The local hour (0–23) of a local ISO timestamp, as written. */
export function localHourOf(at: string): number {
  return Number(at.slice(11, 13));
}

/** 'YYYY-MM' of a date or timestamp. */
export function monthOf(dateOrAt: string): string {
  return dateOrAt.slice(0, 7);
}
