import type { StatementChannel, StatementRow } from '../../core/reconciliation/index.ts';

/**
 * Text of a stored chunk of statement rows (migrations/0011_reconciliation_bulk.sql): one line per row,
 * LF-separated, fields TAB-separated:
 *
 *   line  kind (0 payment, 1 refund)  merchantOrderNo  channelTxnId  refundRequestNo (empty: none)  amountFen  settledFen  feeFen  occurredAt
 *
 * A string that is empty, contains a TAB or LF, or starts with `"` is written as a JSON string literal
 * (which never contains a raw TAB or LF); every other string is written as is. Reading a million rows
 * back this way takes about half the time of JSON.parse on the same rows as arrays, which also builds a
 * throw-away array per row.
 */
const TAB = '\t';
const LF = '\n';
const QUOTE = 34; // "

function field(text: string): string {
  return text === '' || text.charCodeAt(0) === QUOTE || text.includes(TAB) || text.includes(LF)
    ? JSON.stringify(text)
    : text;
}

function text(chunk: string, start: number, end: number): string {
  return chunk.charCodeAt(start) === QUOTE ? (JSON.parse(chunk.slice(start, end)) as string) : chunk.slice(start, end);
}

/** Rows of one chunk (one import, one business day) as its text. */
export function encodeStatementChunk(rows: readonly StatementRow[]): string {
  const lines: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    lines[i] =
      `${r.line}\t${r.kind === 'refund' ? 1 : 0}\t${field(r.merchantOrderNo)}\t${field(r.channelTxnId)}\t${r.refundRequestNo === undefined ? '' : field(r.refundRequestNo)}\t${r.amountFen}\t${r.settledFen}\t${r.feeFen}\t${field(r.occurredAt)}`;
  }
  return lines.join(LF);
}

/** Appends the rows of one chunk to `out`; channel, merchant and business day are the chunk's. */
export function decodeStatementChunk(
  chunk: string,
  common: { channel: StatementChannel; merchantId: string; businessDate: string },
  out: StatementRow[],
): void {
  const { channel, merchantId, businessDate } = common;
  const n = chunk.length;
  let p = 0;
  const next = (sep: string): number => {
    const q = chunk.indexOf(sep, p);
    return q < 0 ? n : q;
  };
  while (p < n) {
    let q = next(TAB);
    const line = Number(chunk.slice(p, q));
    p = q + 1;
    const kind = chunk.charCodeAt(p) === 49 /* 1 */ ? 'refund' : 'payment';
    p += 2;
    q = next(TAB);
    const merchantOrderNo = text(chunk, p, q);
    p = q + 1;
    q = next(TAB);
    const channelTxnId = text(chunk, p, q);
    p = q + 1;
    q = next(TAB);
    const refundRequestNo = q === p ? undefined : text(chunk, p, q);
    p = q + 1;
    q = next(TAB);
    const amountFen = Number(chunk.slice(p, q));
    p = q + 1;
    q = next(TAB);
    const settledFen = Number(chunk.slice(p, q));
    p = q + 1;
    q = next(TAB);
    const feeFen = Number(chunk.slice(p, q));
    p = q + 1;
    q = next(LF);
    const occurredAt = text(chunk, p, q);
    p = q + 1;
    out.push(
      refundRequestNo === undefined
        ? {
            channel,
            merchantId,
            merchantOrderNo,
            channelTxnId,
            kind,
            amountFen,
            settledFen,
            feeFen,
            occurredAt,
            businessDate,
            line,
          }
        : {
            channel,
            merchantId,
            merchantOrderNo,
            channelTxnId,
            kind,
            refundRequestNo,
            amountFen,
            settledFen,
            feeFen,
            occurredAt,
            businessDate,
            line,
          },
    );
  }
}
