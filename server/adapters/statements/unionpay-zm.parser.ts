import { inflateSync } from 'node:zlib';
import type { StatementRow } from '../../core/reconciliation/index.ts';
import { parseFenDigits } from './decimal-amount.ts';
import { isIsoDate } from './local-datetime.ts';
import { rejectFile, StatementErrors } from './statement-error.ts';
import type { StatementRejection } from './statement-error.ts';
import type { ParseStatementOptions, StatementBody, StatementParser } from './statement-parser.ts';
import { forEachByteLine } from './line-reader.ts';
import { isNonAsciiUtf8 } from './text-encoding.ts';
import { isZip, readZipMembers } from './zip-archive.ts';

/**
 * UnionPay ACP merchant reconciliation file "ZM" (docs/formats.md §3; 全渠道平台接入接口规范 第3部分 §6.1):
 * GBK, CRLF-separated records of 42 fixed-width fields, one space between fields, 607 bytes each.
 * Offsets are bytes (the demo's parseZMFile copies `length` bytes then skips 1).
 */
const RECORD_BYTES = 607;
/** [offset, length] of the fields used, from the §3 table */
const F = {
  tradeCode: [0, 3], // 交易代码
  txnTime: [35, 10], // 交易传输时间 MMDDhhmmss
  txnAmt: [66, 12], // 交易金额, zero-padded fen
  queryId: [87, 21], // 查询流水号
  orderId: [112, 32], // 商户订单号
  merCharge: [166, 13], // 商户手续费
  settleAmt: [180, 13], // 结算金额
  txnType: [215, 2], // 交易类型
  origQryId: [271, 21], // 原交易查询流水号
  merId: [293, 15], // 商户代码
  origOrderId: [476, 32], // newer SDKs: 原始交易订单号 [?]; blank in older files
} as const satisfies Record<string, readonly [number, number]>;

/** ACP txnType: 01 消费 (consume), 04 退货 (refund), 31 消费撤销 (same-day undo of a consume) */
const PAYMENT_TYPES = new Set(['01']);
const REFUND_TYPES = new Set(['04', '31']);

/** `INN<YYMMDD>88ZM_<merId>` member, `<merId>_<yyyyMMdd>.zip` archive */
const MEMBER_NAME = /INN(\d{2})(\d{2})(\d{2})\d\dZM_/;
const ARCHIVE_NAME = /_(\d{4})(\d{2})(\d{2})\.zip$/;

export const unionpayZmParser: StatementParser = {
  channel: 'unionpay',
  parse: parseUnionpayZm,
};

async function parseUnionpayZm(
  bytes: Uint8Array,
  options: ParseStatementOptions,
): Promise<StatementBody | StatementRejection> {
  let file = bytes;
  let name = options.fileName ?? '';
  // fileContent of the download answer is a DEFLATE-compressed ZIP (docs/formats.md §3): accept it inflated or not
  if (bytes.length >= 2 && bytes[0] === 0x78 && (bytes[0] * 256 + bytes[1]) % 31 === 0) {
    try {
      file = inflateSync(bytes);
    } catch (e) {
      return rejectFile('STATEMENT_BAD_ARCHIVE', (e as Error).message, { reason: (e as Error).message });
    }
  }
  if (isZip(file)) {
    let members;
    try {
      members = await readZipMembers(file);
    } catch (e) {
      return rejectFile('STATEMENT_BAD_ARCHIVE', (e as Error).message, { reason: (e as Error).message });
    }
    const zm = members.find((m) => MEMBER_NAME.test(m.rawName.toString('latin1')));
    if (!zm) return rejectFile('STATEMENT_BAD_ARCHIVE', 'no INN…ZM_ member in the archive', { reason: 'INN…ZM_' });
    file = zm.data;
    name = zm.rawName.toString('latin1');
  }
  const settleDate = settlementDate(name, options.settleDate);
  if (settleDate === undefined)
    return rejectFile('STATEMENT_DATE_UNKNOWN', 'no settlement date: pass fileName or settleDate');

  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const errors = new StatementErrors();
  const rows: StatementRow[] = [];
  const orderOfQuery = new Map<string, string>();
  /** 查询流水号 → the line it was first seen on: each record has its own, so a repeat is the same record twice */
  const lineOfQuery = new Map<string, number>();
  const refundsToResolve: { index: number; origQryId: string }[] = [];
  let merId: string | undefined;
  forEachByteLine(
    buf,
    (start, end, line, terminated) => {
      if (errors.full || end === start) return;
      const record = buf.subarray(start, end);
      if (record.length !== RECORD_BYTES) {
        if (isNonAsciiUtf8(record)) {
          errors.add(line, 'STATEMENT_WRONG_ENCODING', 'record holds UTF-8 text; ZM files are GBK with byte offsets', {
            expected: 'GBK',
            found: 'UTF-8',
          });
        } else if (!terminated) {
          errors.add(line, 'STATEMENT_TRUNCATED', `last record is ${record.length} bytes, not ${RECORD_BYTES}`, {
            missing: `${RECORD_BYTES - record.length} bytes`,
          });
        } else {
          errors.add(line, 'STATEMENT_MALFORMED_ROW', `record is ${record.length} bytes, not ${RECORD_BYTES}`, {
            reason: `${record.length} bytes`,
          });
        }
        return;
      }
      if (!terminated) errors.add(line, 'STATEMENT_TRUNCATED', 'last record has no CRLF', { missing: 'CRLF' });
      const field = (f: readonly [number, number]): string => record.toString('latin1', f[0], f[0] + f[1]).trim();

      const recordMerId = field(F.merId);
      if (merId === undefined) merId = recordMerId;
      else if (recordMerId !== merId) {
        errors.add(
          line,
          'STATEMENT_MERCHANT_MISMATCH',
          `record is merchant ${recordMerId}, earlier records ${merId}`,
          { found: recordMerId, expected: merId },
          '商户代码',
        );
        return;
      }
      const txnType = field(F.txnType);
      const refund = REFUND_TYPES.has(txnType);
      if (!refund && !PAYMENT_TYPES.has(txnType)) {
        errors.add(
          line,
          'STATEMENT_UNKNOWN_TYPE',
          `交易类型 "${txnType}" (交易代码 ${field(F.tradeCode)})`,
          { value: txnType },
          '交易类型',
        );
        return;
      }
      const amount = parseFenDigits(field(F.txnAmt));
      const fee = signedFen(field(F.merCharge));
      const settled = signedFen(field(F.settleAmt));
      const bad =
        amount === undefined
          ? ['交易金额', F.txnAmt]
          : fee === undefined
            ? ['商户手续费', F.merCharge]
            : settled === undefined
              ? ['结算金额', F.settleAmt]
              : undefined;
      if (bad) {
        const value = field(bad[1] as readonly [number, number]);
        errors.add(
          line,
          'STATEMENT_MALFORMED_AMOUNT',
          `${bad[0]} is "${value}"`,
          { column: bad[0] as string, value },
          bad[0] as string,
        );
        return;
      }
      const occurredAt = txnTimeIso(field(F.txnTime), settleDate);
      if (occurredAt === undefined) {
        errors.add(
          line,
          'STATEMENT_MALFORMED_ROW',
          `交易传输时间 "${field(F.txnTime)}"`,
          { reason: '交易传输时间' },
          '交易传输时间',
        );
        return;
      }
      const orderId = field(F.orderId);
      const queryId = field(F.queryId);
      const firstLine = lineOfQuery.get(queryId);
      if (firstLine !== undefined) {
        errors.add(
          line,
          'STATEMENT_DUPLICATE_RECORD',
          `查询流水号 ${queryId} already on line ${firstLine}`,
          { firstLine, value: queryId },
          '查询流水号',
        );
        return;
      }
      lineOfQuery.set(queryId, line);
      // 13-wide fee/settle fields: direction char + 12 digits [K/?]; direction follows the row kind
      const base = {
        channel: 'unionpay' as const,
        merchantId: recordMerId,
        amountFen: amount as number,
        settledFen: settled as number,
        occurredAt,
        businessDate: settleDate,
        line,
      };
      if (!refund) {
        orderOfQuery.set(queryId, orderId);
        rows.push({ ...base, merchantOrderNo: orderId, channelTxnId: queryId, kind: 'payment', feeFen: fee as number });
      } else {
        // a refund (退货 / 撤销) has its own orderId; the original order is 原始交易订单号 or found through 原交易查询流水号
        const origQryId = field(F.origQryId);
        const row: StatementRow = {
          ...base,
          merchantOrderNo: field(F.origOrderId),
          channelTxnId: origQryId,
          kind: 'refund',
          refundRequestNo: orderId,
          feeFen: 0 - (fee as number),
        };
        if (row.merchantOrderNo === '') refundsToResolve.push({ index: rows.length, origQryId });
        rows.push(row);
      }
    },
    options.onProgress,
  );
  if (errors.any) return errors.reject();
  for (const { index, origQryId } of refundsToResolve) {
    const orderNo = orderOfQuery.get(origQryId);
    if (orderNo !== undefined) rows[index] = { ...rows[index], merchantOrderNo: orderNo };
  }
  return {
    layout: 'unionpay-zm',
    merchantId: merId ?? '',
    merchantAliases: [],
    periodStart: settleDate,
    periodEnd: settleDate,
    rows,
  };
}

/** Magnitude of a 13-wide amount: an optional direction (C/D/+/-) then digits. */
function signedFen(text: string): number | undefined {
  const c = text.charCodeAt(0);
  const digits = c === 67 || c === 68 || c === 43 || c === 45 ? text.slice(1) : text;
  return parseFenDigits(digits);
}

function settlementDate(name: string, given: string | undefined): string | undefined {
  const m = MEMBER_NAME.exec(name);
  if (m) return `20${m[1]}-${m[2]}-${m[3]}`;
  const a = ARCHIVE_NAME.exec(name);
  if (a) return `${a[1]}-${a[2]}-${a[3]}`;
  return given !== undefined && isIsoDate(given) ? given : undefined;
}

/** MMDDhhmmss has no year: it is the settlement date's, or the year before when the month-day is later (31 Dec settled 1 Jan). */
function txnTimeIso(mmddhhmmss: string, settleDate: string): string | undefined {
  if (!/^\d{10}$/.test(mmddhhmmss)) return undefined;
  const mmdd = `${mmddhhmmss.slice(0, 2)}-${mmddhhmmss.slice(2, 4)}`;
  const settleYear = Number(settleDate.slice(0, 4));
  const year = mmdd > settleDate.slice(5) ? settleYear - 1 : settleYear;
  const date = `${year}-${mmdd}`;
  const h = Number(mmddhhmmss.slice(4, 6));
  const mi = Number(mmddhhmmss.slice(6, 8));
  const s = Number(mmddhhmmss.slice(8, 10));
  if (!isIsoDate(date) || h > 23 || mi > 59 || s > 59) return undefined;
  return `${date}T${mmddhhmmss.slice(4, 6)}:${mmddhhmmss.slice(6, 8)}:${mmddhhmmss.slice(8, 10)}`;
}
