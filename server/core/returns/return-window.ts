import { addDays, type IsoDate } from '../loyalty/calendar.ts';

/** A sale may be returned up to `days` calendar days after its business date (the store's setting); 0 = same day only. */
export function withinReturnWindow(saleDate: IsoDate, today: IsoDate, days: number): boolean {
  return today <= addDays(saleDate, days);
}
