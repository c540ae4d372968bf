import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, isoLocalDateTime } from './local-datetime.ts';

describe('bill date-times', () => {
  it('turns `yyyy-MM-dd HH:mm:ss` into ISO local time and refuses impossible times', () => {
    expect(isoLocalDateTime('2019-09-16 10:55:23')).toBe('2019-09-16T10:55:23');
    for (const bad of [
      '2019-09-16T10:55:23',
      '2019-02-29 10:00:00',
      '2019-09-16 24:00:00',
      '2019-13-01 00:00:00',
      '2019-09-16 10:55',
      '2019-09-16 10:60:00',
    ]) {
      expect(isoLocalDateTime(bad)).toBeUndefined();
    }
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2019-09-17', -1)).toBe('2019-09-16');
    expect(addDays('2020-01-01', -1)).toBe('2019-12-31');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
  });
});
