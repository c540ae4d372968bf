import { describe, expect, it } from 'vitest';
import { countedCash, expectedCash, shiftReport, type ShiftActivity } from './index.ts';

describe('shift cash', () => {
  it('expected = float + cash taken − change − cash refunds + pay-ins − pay-outs', () => {
    expect(
      expectedCash({
        floatFen: 50000,
        cashTakenFen: 30000,
        changeGivenFen: 4500,
        cashRefundsFen: 1200,
        payInsFen: 1000,
        payOutsFen: 2000,
      }),
    ).toBe(73300);
  });

  it('counts a drawer by denomination and refuses unknown notes or negative counts', () => {
    expect(
      countedCash([
        { denominationFen: 10000, count: 3 },
        { denominationFen: 50, count: 3 },
        { denominationFen: 1, count: 2 },
      ]),
    ).toEqual({ ok: true, value: 30152 });
    expect(countedCash([{ denominationFen: 300, count: 1 }])).toMatchObject({ ok: false, code: 'SHIFT_COUNT_INVALID' });
    expect(countedCash([{ denominationFen: 100, count: -1 }])).toMatchObject({
      ok: false,
      code: 'SHIFT_COUNT_INVALID',
    });
  });

  it('a Z report keeps over/short as counted − expected', () => {
    const activity: ShiftActivity = {
      shiftId: 's',
      laneId: 'L01',
      cashier: 'c',
      openedAt: 't0',
      cash: {
        floatFen: 20000,
        cashTakenFen: 10000,
        changeGivenFen: 1000,
        cashRefundsFen: 0,
        payInsFen: 0,
        payOutsFen: 500,
      },
      sales: { count: 2, grossFen: 9500, discountFen: 0, dueFen: 9500 },
      refunds: { count: 1, refundFen: 700 },
      tenders: [],
    };
    expect(shiftReport(activity, 't1')).toMatchObject({ kind: 'X', expectedCashFen: 28500, netSalesFen: 8800 });
    expect(shiftReport(activity, 't1', 28400)).toMatchObject({
      kind: 'Z',
      count: { countedFen: 28400, overShortFen: -100 },
    });
  });
});
