import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStatementChunk, encodeStatementChunk } from '../../server/adapters/sqlite/statement-chunk.codec.ts';
import type { StatementRow } from '../../server/core/reconciliation/index.ts';

const common = { channel: 'alipay', merchantId: '2088021109625633', businessDate: '2024-03-10' } as const;

// strings that exercise every escape: separators, a leading quote, empty, backslashes, non-ASCII
const text = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    '"',
    '"quoted"',
    'a\tb',
    'line\nbreak',
    '\t',
    '\n',
    '\\',
    '\\"',
    '退款\t单号',
    'T-1',
    '2024-03-10T09:00:00',
  ),
);
const fen = fc.integer({ min: 0, max: 2 ** 40 });
const row: fc.Arbitrary<StatementRow> = fc
  .record({
    merchantOrderNo: text,
    channelTxnId: text,
    refund: fc.boolean(),
    refundRequestNo: fc.option(text, { nil: undefined }),
    amountFen: fen,
    settledFen: fen,
    feeFen: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    occurredAt: text,
    line: fc.integer({ min: 1, max: 10_000_000 }),
  })
  .map(({ refund, refundRequestNo, ...r }) => ({
    ...common,
    ...r,
    kind: refund ? 'refund' : 'payment',
    ...(refundRequestNo !== undefined ? { refundRequestNo } : {}),
  }));

describe('statement chunk text', () => {
  it('reads back every row exactly as written, whatever its strings hold', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const out: StatementRow[] = [];
        decodeStatementChunk(encodeStatementChunk(rows), common, out);
        expect(out).toStrictEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('writes plain strings as they are, one line per row', () => {
    const r: StatementRow = {
      ...common,
      merchantOrderNo: 'T-1',
      channelTxnId: '2024031022001',
      kind: 'refund',
      refundRequestNo: 'R-1',
      amountFen: 1230,
      settledFen: 1230,
      feeFen: -7,
      occurredAt: '2024-03-10T09:00:00',
      line: 5,
    };
    expect(encodeStatementChunk([r, { ...r, kind: 'payment', refundRequestNo: '', line: 6 }])).toBe(
      '5\t1\tT-1\t2024031022001\tR-1\t1230\t1230\t-7\t2024-03-10T09:00:00\n6\t0\tT-1\t2024031022001\t""\t1230\t1230\t-7\t2024-03-10T09:00:00',
    );
  });
});
