import fc from 'fast-check';
import iconv from 'iconv-lite';
import { alipayBillBytes, alipayBillZip } from '../../../test/fixtures/statements/alipay-bill.fixture.ts';
import { cardBatchText } from '../../../test/fixtures/statements/card-batch.fixture.ts';
import { zmArchive, zmFile } from '../../../test/fixtures/statements/unionpay-zm.fixture.ts';
import { wechatBillBytes, wechatBillGzip } from '../../../test/fixtures/statements/wechat-bill.fixture.ts';
import { DAY } from '../../../test/reconciliation/statement-samples.ts';
import { fail, isEnvelope, newFigures, show, type TargetFigures } from './figures.ts';
import { halfWritten, type FuzzBox } from './fuzz-box.ts';
import { draw } from './schema-arbitrary.ts';

/**
 * Statement files: a valid bill of each channel (the layouts of test/fixtures/statements), its
 * inner file mutated line by line or byte by byte and then packed as the channel downloads it
 * (Alipay zip, WeChat gzip, UnionPay zip, card CSV), uploaded to /api/v1/statements/import. A
 * refusal must leave every table as it was: an import is all or nothing.
 */
type Channel = 'alipay' | 'wechat' | 'unionpay' | 'card';
type Bill = { inner: Buffer; pack: (inner: Buffer) => Buffer; fileName: string; encoding: string };

export function bills(): Record<Channel, Bill> {
  const alipaySpec = {
    date: DAY,
    rows: [
      {
        tradeNo: '2024031022001',
        orderNo: 'A-1',
        type: '交易',
        finishedAt: `${DAY} 09:00:00`,
        amountFen: 1_230,
        feeFen: 7,
      },
      {
        tradeNo: '2024031022002',
        orderNo: 'A-2',
        type: '退款',
        finishedAt: `${DAY} 11:00:00`,
        amountFen: 230,
        refundNo: 'R-1',
      },
    ],
  };
  return {
    alipay: {
      inner: alipayBillBytes(alipaySpec),
      pack: (inner) => alipayBillZip(alipaySpec, inner),
      fileName: '20880211096256330156_20240310.csv.zip',
      encoding: 'gbk',
    },
    wechat: {
      inner: wechatBillBytes('ALL', [
        { time: `${DAY} 09:00:00`, txnId: '4200000001', orderNo: 'W-1', status: 'SUCCESS', orderFen: 1_000, feeFen: 6 },
        {
          time: `${DAY} 10:00:00`,
          txnId: '4200000002',
          orderNo: 'W-2',
          status: 'SUCCESS',
          orderFen: 2_000,
          feeFen: 12,
        },
      ]),
      pack: (inner) => wechatBillGzip(inner).gzip,
      fileName: 'wechat-20240310.csv.gz',
      encoding: 'utf8',
    },
    unionpay: {
      inner: zmFile([
        {
          txnTime: '0310090000',
          amountFen: 1_500,
          queryId: '100000000000000000001',
          orderId: 'U-1',
          feeFen: 8,
          txnType: '01',
        },
        {
          txnTime: '0310100000',
          amountFen: 2_500,
          queryId: '100000000000000000002',
          orderId: 'U-2',
          feeFen: 13,
          txnType: '01',
        },
      ]),
      pack: (inner) => zmArchive(inner, DAY),
      fileName: '898310048990001_20240310.zip',
      encoding: 'gbk',
    },
    card: {
      inner: Buffer.from(
        cardBatchText(
          [
            {
              date: DAY,
              time: '10:15:02',
              referenceNo: '240310101502',
              amount: '12.30',
              type: 'SALE',
              orderNo: 'C-1',
              fee: '0.07',
            },
          ],
          'TOTAL,1,12.30,0.00',
        ),
      ),
      pack: (inner) => inner,
      fileName: 'card-20240310.csv',
      encoding: 'utf8',
    },
  };
}

const FIELD_VALUES = [
  '',
  '-0.01',
  '0.001',
  '99999999999.99',
  '1e5',
  'NaN',
  '¥12.30',
  '12,30',
  '"',
  '\t',
  '2024-02-30 25:00:00',
  '测试',
  'x'.repeat(300),
];

type Mutation =
  | { kind: 'field'; line: number; column: number; value: string }
  | { kind: 'drop' | 'duplicate'; line: number }
  | { kind: 'swap'; line: number; other: number }
  | { kind: 'bytes'; at: number; bytes: number[] }
  | { kind: 'truncate'; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('field' as const),
    line: fc.nat({ max: 40 }),
    column: fc.nat({ max: 40 }),
    value: fc.oneof(fc.constantFrom(...FIELD_VALUES), fc.string({ maxLength: 12 }), fc.integer().map(String)),
  }),
  fc.record({ kind: fc.constantFrom('drop' as const, 'duplicate' as const), line: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat({ max: 40 }), other: fc.nat({ max: 40 }) }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.nat({ max: 4000 }),
    bytes: fc.array(fc.nat({ max: 255 }), { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: 4000 }) }),
);

export function mutate(bill: Bill, mutations: Mutation[]): Buffer {
  let bytes = bill.inner;
  for (const m of mutations) {
    if (m.kind === 'bytes' || m.kind === 'truncate') {
      const at = m.at % (bytes.length + 1);
      bytes =
        m.kind === 'truncate'
          ? bytes.subarray(0, at)
          : Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at + m.bytes.length)]);
      continue;
    }
    const lines = iconv.decode(bytes, bill.encoding).split('\n');
    const i = m.line % lines.length;
    if (m.kind === 'drop') lines.splice(i, 1);
    else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i]);
    else if (m.kind === 'swap') [lines[i], lines[m.other % lines.length]] = [lines[m.other % lines.length], lines[i]];
    else if (m.kind === 'field') {
      const cells = lines[i].split(',');
      cells[m.column % cells.length] = m.value;
      lines[i] = cells.join(',');
    }
    bytes = iconv.encode(lines.join('\n'), bill.encoding);
  }
  return bytes;
}

type StatementInput = {
  channel: Channel;
  claimed: string;
  mutations: Mutation[];
  packed: boolean;
  date: string | null;
};

const inputArb: fc.Arbitrary<StatementInput> = fc.record({
  channel: fc.constantFrom<Channel>('alipay', 'wechat', 'unionpay', 'card'),
  claimed: fc.oneof(
    { weight: 9, arbitrary: fc.constant('same') },
    { weight: 1, arbitrary: fc.constantFrom('alipay', 'wechat', 'unionpay', 'card', 'cash') },
  ),
  mutations: fc.array(mutationArb, { minLength: 0, maxLength: 3 }),
  packed: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  date: fc.constantFrom(DAY, DAY, DAY, null, '2024-03-11', '2024-13-01'),
});

export async function fuzzStatements(
  box: FuzzBox,
  seed: number,
  count: number,
  onCrash: () => number,
  progress?: (line: string) => void,
): Promise<TargetFigures> {
  const f = newFigures('statement files (4 channels)');
  const all = bills();
  let imported = 0;
  for (const input of draw(inputArb, seed, count)) {
    if (++f.inputs % 500 === 0) progress?.(`statements: ${f.inputs}/${count}`);
    const bill = all[input.channel];
    const inner = mutate(bill, input.mutations);
    const body = input.packed ? bill.pack(inner) : inner;
    const channel = input.claimed === 'same' ? input.channel : input.claimed;
    const query = new URLSearchParams({ channel, fileName: bill.fileName });
    if (input.date) query.set('date', input.date);
    const crashesBefore = onCrash();
    const before = box.snapshot();
    let status = 0;
    let text = '';
    try {
      const res = await fetch(`${box.t.baseUrl}/api/v1/statements/import?${query}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${box.tokens.manager}`,
          'content-type': 'application/octet-stream',
          'idempotency-key': `fuzz-${seed}-${f.inputs}`,
        },
        body: new Uint8Array(body),
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      fail(f, 'crashes', `${show(input)}: no answer (${(error as Error).message})`);
      continue;
    }
    if (onCrash() > crashesBefore) fail(f, 'crashes', show(input));
    let reply: unknown;
    try {
      reply = JSON.parse(text);
    } catch {
      reply = undefined;
    }
    if (status >= 500) fail(f, 'serverErrors', `${status} ${show(input)} → ${show(text)}`);
    if (!isEnvelope(reply)) fail(f, 'nonEnvelope', `${status} ${show(input)} → ${show(text)}`);
    if (status >= 400) {
      f.refused++;
      const changed = halfWritten(before, box.snapshot());
      if (changed.length) fail(f, 'halfWrites', `${show(input)} → ${show(text)}: ${changed.join('; ')}`);
    } else imported++;
    if (status === 401) await box.refreshTokens();
  }
  f.notes.push(`${imported} mutated files accepted, ${f.refused} refused`);
  return f;
}
