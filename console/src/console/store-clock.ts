/**
 * Dates and times in store time: the back-office PC or a manager's phone may be set to another zone (or to UTC),
 * and a business date is the store's (GET /api/v1/store says its time zone).
 */
export function storeDate(timeZone: string, instant = new Date()): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** a calendar date `days` after another (negative: before) */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** the first of the date's month */
export const monthStart = (date: string) => `${date.slice(0, 8)}01`;

/** HH:MM:SS in store time */
export function storeClock(timeZone: string, instant = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}
