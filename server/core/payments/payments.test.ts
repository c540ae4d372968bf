import { describe, expect, it } from 'vitest';
import {
  canTransition,
  channelOfAuthCode,
  checkCompletion,
  checkNewTender,
  tenderTotals,
  type Tender,
} from './index.ts';

describe('channelOfAuthCode', () => {
  it('tells the wallet from the payment code prefix and length', () => {
    expect(channelOfAuthCode('284473836217491234')).toBe('alipay');
    expect(channelOfAuthCode('250000000000000000000000')).toBe('alipay');
    expect(channelOfAuthCode('301234567890123456')).toBe('alipay');
    expect(channelOfAuthCode('134567890123456789')).toBe('wechat');
    expect(channelOfAuthCode('101234567890123456')).toBe('wechat');
    expect(channelOfAuthCode('6212345678901234567')).toBe('unionpay');
    expect(channelOfAuthCode('164567890123456789')).toBeUndefined(); // 16 is not a WeChat prefix
    expect(channelOfAuthCode('311234567890123456')).toBeUndefined();
    expect(channelOfAuthCode('13456789012345678')).toBeUndefined(); // 17 digits
    expect(channelOfAuthCode('28abc')).toBeUndefined();
  });
});

describe('payment status', () => {
  it('moves forward only; unknown can still be decided; final states stay', () => {
    expect(canTransition('created', 'pending')).toBe(true);
    expect(canTransition('pending', 'unknown')).toBe(true);
    expect(canTransition('unknown', 'succeeded')).toBe(true);
    expect(canTransition('succeeded', 'cancelled')).toBe(false);
    expect(canTransition('failed', 'pending')).toBe(false);
    expect(canTransition('pending', 'created')).toBe(false);
  });
});

describe('split tender', () => {
  const cash = (amountFen: number): Tender => ({ kind: 'cash', amountFen });
  const qr = (amountFen: number, status: 'succeeded' | 'unknown'): Tender => ({
    kind: 'alipay',
    id: 'p',
    paymentId: 'p',
    amountFen,
    status,
  });

  it('counts settled tenders only and gives change from cash only', () => {
    expect(tenderTotals(10000, [cash(3000), qr(7000, 'succeeded')])).toMatchObject({
      tenderedFen: 10000,
      remainingFen: 0,
      changeFen: 0,
    });
    expect(tenderTotals(10000, [qr(7000, 'succeeded'), cash(5000)])).toMatchObject({
      tenderedFen: 12000,
      changeFen: 2000,
    });
    expect(tenderTotals(10000, [qr(7000, 'unknown')])).toMatchObject({
      tenderedFen: 0,
      remainingFen: 10000,
      unsettled: 1,
    });
  });

  it('a QR tender takes what remains by default, never more; nothing while one is unknown', () => {
    expect(checkNewTender(10000, [cash(3000)], 'wechat', undefined)).toEqual({ ok: true, value: 7000 });
    expect(checkNewTender(10000, [cash(3000)], 'wechat', 7001)).toMatchObject({
      ok: false,
      code: 'PAYMENT_EXCEEDS_DUE',
    });
    expect(checkNewTender(10000, [cash(3000)], 'cash', 9000)).toEqual({ ok: true, value: 9000 });
    expect(checkNewTender(10000, [qr(7000, 'unknown')], 'cash', 100)).toMatchObject({
      ok: false,
      code: 'PAYMENT_IN_PROGRESS',
    });
    expect(checkNewTender(10000, [cash(10000)], 'alipay', undefined)).toMatchObject({
      ok: false,
      code: 'PAYMENT_NOTHING_DUE',
    });
  });

  it('completes only when settled tenders cover the due', () => {
    expect(checkCompletion(10000, [cash(3000), qr(7000, 'succeeded')])).toEqual({
      ok: true,
      value: { tenderedFen: 10000, changeFen: 0 },
    });
    expect(checkCompletion(10000, [cash(3000), qr(7000, 'unknown')])).toMatchObject({
      ok: false,
      code: 'PAYMENT_IN_PROGRESS',
    });
    expect(checkCompletion(10000, [cash(3000)])).toMatchObject({ ok: false, code: 'SALE_UNDERPAID' });
    expect(checkCompletion(5000, [{ kind: 'card', amountFen: 6000, reference: 'r', authCode: 'a' }])).toMatchObject({
      ok: false,
      code: 'PAYMENT_CHANGE_NOT_CASH',
    });
  });
});
