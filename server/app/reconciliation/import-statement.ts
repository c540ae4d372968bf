import type { StatementChannel, StatementTotals } from '../../core/reconciliation/index.ts';
import { err, ok, type Err, type Ok } from '../../core/result.ts';
import type { Secrets } from '../ports/secrets.port.ts';
import type { StatementImportRecord, StatementImportStore } from '../ports/statement-import-store.port.ts';
import type { ParseStatement, StatementError } from '../ports/statement-parser.port.ts';
import type { Transactions } from '../ports/transactions.port.ts';
import type { Repositories } from '../store-context.ts';

/** A worker job's own connection: its unit of work, stores and the statement parsers. */
export type ImportStatementDeps = {
  readonly tx: Transactions;
  readonly imports: StatementImportStore;
  readonly audit: Repositories['audit'];
  readonly parse: ParseStatement;
  readonly secrets: Pick<Secrets, 'sha256Hex'>;
};

export type ImportStatementInput = {
  readonly channel: StatementChannel;
  readonly bytes: Uint8Array;
  readonly fileName?: string;
  /** the store's merchant id on this channel (config reconciliation.merchantIds); unchecked when absent */
  readonly merchantId?: string;
  /** reject the file unless its period covers this day */
  readonly expectDate?: string;
  readonly expectSha1?: string;
  readonly settleDate?: string;
  readonly actor: string;
  /** ISO instant of the import */
  readonly at: string;
  readonly onProgress?: (stage: 'parse' | 'write', done: number) => void;
};

/** Something the reply should show although the import (or run) went through; rendered from the catalog. */
export type ReconWarning = {
  readonly code: 'RECON_MERCHANT_ID_UNCONFIGURED';
  readonly params: Readonly<Record<string, string | number>>;
};

/** The warning every import and run of a channel without reconciliation.merchantIds.<channel> carries. */
export function merchantWarnings(channel: StatementChannel, merchantId: string | undefined): ReconWarning[] {
  return merchantId === undefined ? [{ code: 'RECON_MERCHANT_ID_UNCONFIGURED', params: { channel } }] : [];
}

export type ImportSummary = {
  readonly importId: number;
  /** the same file was imported before: nothing was added */
  readonly duplicate: boolean;
  readonly channel: StatementChannel;
  readonly layout: string;
  readonly merchantId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly rowCount: number;
  readonly totals: StatementTotals;
  readonly contentSha256: string;
  /** false: no merchant id is configured for the channel, so the file's merchant was not checked */
  readonly merchantIdChecked: boolean;
  readonly warnings: readonly ReconWarning[];
};

export type ImportRejection = Err<'STATEMENT_REJECTED'> & { readonly errors: readonly StatementError[] };
export type ImportOutcome =
  | Ok<ImportSummary>
  | ImportRejection
  | Err<
      'RECON_PERIOD_ALREADY_IMPORTED' | 'RECON_IMPORT_IN_PROGRESS' | 'RECON_STATEMENT_EMPTY' | 'RECON_IMPORT_CONFLICT'
    >;

/** An 'importing' row older than this was left by a process that died mid-write. */
export const STALE_IMPORT_MS = 10 * 60 * 1000;

/**
 * Imports one statement file whole or not at all: the same bytes twice add nothing (SHA-256); a
 * file that fails parsing, is another merchant's, misses the expected day, or repeats a period
 * already imported in the same layout stores nothing. Rows are written in short chunks under an
 * 'importing' header and become visible in one final transaction with the audit record.
 */
export async function importStatement(deps: ImportStatementDeps, input: ImportStatementInput): Promise<ImportOutcome> {
  const { imports } = deps;
  if (input.bytes.length === 0) return err('RECON_STATEMENT_EMPTY', 'file');
  const hash = deps.secrets.sha256Hex(input.bytes);
  const known = imports.byHash(hash);
  if (known?.status === 'complete') {
    const conflict = await reuploadConflict(deps, input, known);
    return conflict ?? ok(summary(known.id, true, known, hash, input.merchantId));
  }
  if (known) {
    if (Date.parse(input.at) - Date.parse(known.importedAt) < STALE_IMPORT_MS)
      return err('RECON_IMPORT_IN_PROGRESS', 'file', { importId: known.id });
    imports.discard(known.id);
  }

  const parsed = await deps.parse(input.channel, input.bytes, {
    ...(input.merchantId !== undefined ? { expectMerchantId: input.merchantId } : {}),
    ...(input.expectDate !== undefined ? { expectDate: input.expectDate } : {}),
    ...(input.expectSha1 !== undefined ? { expectSha1: input.expectSha1 } : {}),
    ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
    ...(input.settleDate !== undefined ? { settleDate: input.settleDate } : {}),
    onProgress: (lines) => input.onProgress?.('parse', lines),
  });
  if (!parsed.ok)
    return { ok: false, code: 'STATEMENT_REJECTED', params: { count: parsed.errors.length }, errors: parsed.errors };
  const s = parsed.value;

  const overlap = imports.overlapping(s.channel, s.merchantId, s.layout, s.periodStart, s.periodEnd);
  if (overlap) {
    const period =
      overlap.periodStart === overlap.periodEnd ? overlap.periodStart : `${overlap.periodStart}..${overlap.periodEnd}`;
    return err('RECON_PERIOD_ALREADY_IMPORTED', 'file', {
      channel: s.channel,
      merchantId: s.merchantId,
      layout: s.layout,
      period,
      importId: overlap.id,
    });
  }

  let importId: number;
  try {
    importId = imports.begin(
      { ...s, contentHash: hash },
      { fileName: input.fileName ?? '', importedAt: input.at, actor: input.actor },
    );
  } catch (e) {
    // the same file started concurrently (another request or the CLI)
    const now = imports.byHash(hash);
    if (now?.status === 'complete') return ok(summary(now.id, true, now, hash, input.merchantId));
    if (now) return err('RECON_IMPORT_IN_PROGRESS', 'file', { importId: now.id });
    throw e;
  }
  try {
    for (let from = 0; from < s.rows.length; from += imports.chunkRows) {
      const to = Math.min(s.rows.length, from + imports.chunkRows);
      imports.appendRows(importId, s.rows, from, to);
      input.onProgress?.('write', to);
    }
    deps.tx.run(() => {
      imports.markComplete(importId);
      deps.audit.append({
        at: input.at,
        actor: input.actor,
        action: 'statement.import',
        subject: `${s.channel}:${importId}`,
        detail: {
          channel: s.channel,
          layout: s.layout,
          merchantId: s.merchantId,
          period: [s.periodStart, s.periodEnd],
          rows: s.rowCount,
          sha256: hash,
          fileName: input.fileName ?? '',
        },
      });
    });
  } catch (e) {
    imports.discard(importId);
    throw e;
  }
  return ok(summary(importId, false, s, hash, input.merchantId));
}

/**
 * The same bytes again are the first import's answer only if they are what was asked for now: a
 * re-upload naming another channel, a day outside the imported period or a SHA-1 the file does
 * not have is refused (RECON_IMPORT_CONFLICT, like an idempotency key reused with other content),
 * not answered `ok` as if the file were the one expected.
 */
async function reuploadConflict(
  deps: ImportStatementDeps,
  input: ImportStatementInput,
  known: StatementImportRecord,
): Promise<Err<'RECON_IMPORT_CONFLICT'> | undefined> {
  const period = known.periodStart === known.periodEnd ? known.periodStart : `${known.periodStart}..${known.periodEnd}`;
  const conflict = (field: string) =>
    err('RECON_IMPORT_CONFLICT', field, { importId: known.id, channel: known.channel, period, field });
  if (input.channel !== known.channel) return conflict('channel');
  if (input.expectDate !== undefined && !(known.periodStart <= input.expectDate && input.expectDate <= known.periodEnd))
    return conflict('date');
  if (input.expectSha1 !== undefined) {
    // the SHA-1 is of the uncompressed bill (WeChat hash_value): the parser knows how to take it
    const checked = await deps.parse(input.channel, input.bytes, {
      expectSha1: input.expectSha1,
      ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
      ...(input.settleDate !== undefined ? { settleDate: input.settleDate } : {}),
    });
    if (!checked.ok && checked.errors.some((e) => e.code === 'STATEMENT_HASH_MISMATCH')) return conflict('expectSha1');
  }
  return undefined;
}

function summary(
  importId: number,
  duplicate: boolean,
  s: {
    channel: StatementChannel;
    layout: string;
    merchantId: string;
    periodStart: string;
    periodEnd: string;
    rowCount: number;
  } & (
    | { totals: StatementTotals }
    | {
        paymentCount: number;
        paymentFen: number;
        refundCount: number;
        refundFen: number;
        feeFen: number;
        netFen: number;
      }
  ),
  contentSha256: string,
  configuredMerchantId: string | undefined,
): ImportSummary {
  const totals =
    'totals' in s
      ? s.totals
      : {
          paymentCount: s.paymentCount,
          paymentFen: s.paymentFen,
          refundCount: s.refundCount,
          refundFen: s.refundFen,
          feeFen: s.feeFen,
          netFen: s.netFen,
        };
  return {
    importId,
    duplicate,
    channel: s.channel,
    layout: s.layout,
    merchantId: s.merchantId,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    rowCount: s.rowCount,
    totals,
    contentSha256,
    merchantIdChecked: configuredMerchantId !== undefined,
    warnings: merchantWarnings(s.channel, configuredMerchantId),
  };
}
