import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dateOfDay, dayNumber, localDateOf, localHourOf, monthOf, weekdayOf } from './calendar.ts';
import { fnv1a32 } from './hash.ts';

describe('calendar', () => {
  it('day numbers round-trip and step over month and leap-year ends', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dateOfDay(dayNumber('2024-02-28') + 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(() => dayNumber('2025-3-1')).toThrow(RangeError);
  });
  it('adds months with month-end clamping', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-15', -12)).toBe('2024-03-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });
  it('weekday 0 = Sunday; local date and hour as written', () => {
    expect(weekdayOf('2025-03-02')).toBe(0); // a Sunday
    expect(weekdayOf('2025-03-01')).toBe(6);
    expect(localDateOf('2025-03-01T23:30:00+08:00')).toBe('2025-03-01');
    expect(localHourOf('2025-03-01T20:15:00+08:00')).toBe(20);
    expect(monthOf('2025-03-01')).toBe('2025-03');
  });
  it('FNV-1a 32 matches the reference vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});
