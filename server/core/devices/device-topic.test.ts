import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deviceTopic, parseDeviceTopic } from './device-topic.ts';
import { FixedWindowLimiter } from './fixed-window-limiter.ts';
import { displayEventFor } from './customer-display.ts';

describe('device topics', () => {
  it('parses what it builds', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{2,20}$/);
    const suffix = fc.constantFrom('state', 'presence', 'events/scan', 'events/weight', 'cmd/print');
    fc.assert(
      fc.property(id, suffix, (d, s) => {
        expect(parseDeviceTopic('S1', deviceTopic('S1', d, s))).toEqual({ deviceId: d, suffix: s });
      }),
    );
  });
  it('splits acks into their command id', () => {
    expect(parseDeviceTopic('S1', 'sb/S1/dev/lane1-pc/ack/c-42')).toEqual({
      deviceId: 'lane1-pc',
      suffix: 'ack',
      commandId: 'c-42',
    });
    expect(parseDeviceTopic('S1', 'sb/S1/dev/lane1-pc/ack/')).toBeUndefined();
    expect(parseDeviceTopic('S1', 'sb/S1/dev/lane1-pc/ack/a/b')).toBeUndefined();
  });
  it('ignores other stores and other trees', () => {
    expect(parseDeviceTopic('S1', 'sb/S2/dev/x/state')).toBeUndefined();
    expect(parseDeviceTopic('S1', 'sb/S1/lane/L01/display')).toBeUndefined();
    expect(parseDeviceTopic('S1', 'sb/S1/dev/x')).toBeUndefined();
    expect(parseDeviceTopic('S1', 'sb/S1/dev/x/')).toBeUndefined();
  });
});

describe('fixed window limiter', () => {
  it('allows the limit per key per window and resets with the next window', () => {
    const limiter = new FixedWindowLimiter(3, 60_000);
    const t0 = 1_000_000 * 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('10.0.0.5', t0))).toEqual([true, true, true, false]);
    expect(limiter.take('10.0.0.6', t0 + 1)).toBe(true);
    expect(limiter.take('10.0.0.5', t0 + 59_999)).toBe(false);
    expect(limiter.take('10.0.0.5', t0 + 60_000)).toBe(true);
  });
});

describe('customer display events', () => {
  it('shows the scanned item, the total, the change and idle', () => {
    expect(displayEventFor({ topic: 'cart.scan', lastLine: { name: '富士苹果', netFen: 645 } })).toEqual({
      kind: 'item',
      name: '富士苹果',
      priceFen: 645,
    });
    expect(displayEventFor({ topic: 'cart.scan' })).toBeUndefined();
    expect(displayEventFor({ topic: 'cart.total', dueFen: 1290 })).toEqual({ kind: 'total', totalFen: 1290 });
    expect(displayEventFor({ topic: 'cart.complete', tenderedFen: 2000, changeFen: 710 })).toEqual({
      kind: 'change',
      paidFen: 2000,
      changeFen: 710,
    });
    expect(displayEventFor({ topic: 'cart.void' })).toEqual({ kind: 'idle' });
  });
});
