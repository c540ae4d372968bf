import { addDays, addMonths, type IsoDate } from '../calendar.ts';
import type { ExpiryPolicy } from './points-config.ts';

const NEVER: IsoDate = '9999-12-31';

/** Last usable day of a lot earned on `earnedOn`. */
export function lotExpiry(policy: ExpiryPolicy, earnedOn: IsoDate): IsoDate {
  switch (policy.kind) {
    case 'end-of-next-year':
      return `${Number(earnedOn.slice(0, 4)) + 1}-12-31`;
    case 'rolling-months':
      return addDays(addMonths(earnedOn, policy.months), -1);
    case 'never':
      return NEVER;
  }
}
