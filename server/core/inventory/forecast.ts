/**
 * Daily demand forecast with weekday seasonality (docs/replenishment.md): a weekday index (each weekday's
 * mean over the overall mean, promotion days left out) times an exponentially smoothed level of the
 * deseasonalised series (promotion days do not move the level). Pure: the series and its first weekday
 * come in; quantities are units, or grams for weighed goods.
 */

/** 0 = Monday … 6 = Sunday (ISO order), so an index array reads like a shelf plan. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type DemandSeries = {
  /** quantity sold per business day, oldest first, one entry per calendar day (0 on a day without sales) */
  readonly quantities: readonly number[];
  /** promotion[i]: day i had a promotion on this product; its sales are left out of the base */
  readonly promotion: readonly boolean[];
  /** weekday of quantities[0] */
  readonly firstWeekday: Weekday;
};

export type Forecast = {
  /** smoothed deseasonalised demand per day (the mean of the seven weekday forecasts) */
  readonly level: number;
  /** seven multipliers, Monday first, averaging 1 */
  readonly weekdayIndex: readonly number[];
  /** standard deviation of the one-day-ahead forecast error, for safety stock */
  readonly sigma: number;
  /** non-promotion days the forecast is built on */
  readonly daysObserved: number;
};

/** Smoothing constant of the level: about the last ten weeks' days weigh in. */
export const DEFAULT_ALPHA = 0.1;

/** Weekday of a YYYY-MM-DD business date (ISO: Monday 0). */
export function weekdayOfDate(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const sundayFirst = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return ((sundayFirst + 6) % 7) as Weekday;
}

/** The weekday `days` after `weekday`. */
export function addWeekdays(weekday: Weekday, days: number): Weekday {
  return ((((weekday + days) % 7) + 7) % 7) as Weekday;
}

function weekdayIndices(series: DemandSeries): number[] {
  const sum = [0, 0, 0, 0, 0, 0, 0];
  const count = [0, 0, 0, 0, 0, 0, 0];
  const { quantities, promotion } = series;
  for (let i = 0, w: number = series.firstWeekday; i < quantities.length; i++, w = w === 6 ? 0 : w + 1) {
    if (promotion[i]) continue;
    sum[w]! += quantities[i]!;
    count[w]! += 1;
  }
  const means = sum.map((s, w) => (count[w]! > 0 ? s / count[w]! : undefined));
  const known = means.filter((m): m is number => m !== undefined);
  const overall = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 0;
  if (overall <= 0) return [1, 1, 1, 1, 1, 1, 1];
  // a weekday never seen without a promotion gets the average weekday (1)
  return means.map((m) => (m === undefined ? 1 : m / overall));
}

/**
 * Forecast from a daily series. The level starts at the mean of the first week's deseasonalised
 * non-promotion days and is then smoothed day by day; each non-promotion day's error against the
 * previous level × its weekday index feeds sigma. (Plain loops: the job runs this for every product.)
 */
export function forecastDemand(series: DemandSeries, alpha: number = DEFAULT_ALPHA): Forecast {
  const { quantities, promotion } = series;
  if (quantities.length !== promotion.length)
    throw new Error('forecastDemand: quantities and promotion differ in length');
  if (!(alpha > 0 && alpha <= 1)) throw new Error('forecastDemand: alpha must be in (0, 1]');
  const index = weekdayIndices(series);
  let level = 0;
  let started = false;
  let warmSum = 0;
  let warmCount = 0;
  let squaredErrors = 0;
  let errors = 0;
  let observed = 0;
  let valueSum = 0;
  let valueSquares = 0;
  const last = quantities.length - 1;
  for (let i = 0, w: number = series.firstWeekday; i <= last; i++, w = w === 6 ? 0 : w + 1) {
    if (promotion[i]) continue;
    const q = quantities[i]!;
    observed += 1;
    valueSum += q;
    valueSquares += q * q;
    const idx = index[w]!;
    const deseasonalised = idx > 0 ? q / idx : q;
    if (!started) {
      warmSum += deseasonalised;
      warmCount += 1;
      if (warmCount === 7 || i === last) {
        level = warmSum / warmCount;
        started = true;
      }
      continue;
    }
    const error = q - level * idx;
    squaredErrors += error * error;
    errors += 1;
    level = alpha * deseasonalised + (1 - alpha) * level;
  }
  if (!started && warmCount > 0) level = warmSum / warmCount;
  let sigma: number;
  if (errors >= 2) sigma = Math.sqrt(squaredErrors / errors);
  else if (observed >= 2) {
    const mean = valueSum / observed;
    sigma = Math.sqrt(Math.max(0, (valueSquares - observed * mean * mean) / (observed - 1)));
  } else sigma = 0;
  return { level: Math.max(0, level), weekdayIndex: index, sigma, daysObserved: observed };
}

/** Expected demand over `days` days starting on `firstWeekday`. */
export function demandOver(forecast: Forecast, firstWeekday: Weekday, days: number): number {
  let total = 0;
  for (let d = 0; d < days; d++) total += forecast.level * forecast.weekdayIndex[addWeekdays(firstWeekday, d)]!;
  return total;
}

/**
 * Inverse of the standard normal distribution (Acklam's rational approximation, relative error
 * below 1.2e-9): the z of a service level, e.g. 0.95 → 1.645.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error('normalQuantile: p must be in (0, 1)');
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

const DAY_MS = 86_400_000;
const utcDay = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
};

/** The business date `days` after `date` (YYYY-MM-DD, calendar arithmetic, no time zone). */
export function addDays(date: string, days: number): string {
  return new Date((utcDay(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return utcDay(to) - utcDay(from);
}

/** Days since 1970-01-01 of a YYYY-MM-DD business date. */
export function epochDay(date: string): number {
  return utcDay(date);
}

/** ISO weekday (Monday 0) of a day number (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(day: number): Weekday {
  return ((((day + 3) % 7) + 7) % 7) as Weekday;
}
