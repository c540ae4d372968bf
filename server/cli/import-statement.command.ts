import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { databasePath, openDatabase, StartupError } from '../adapters/sqlite/database.ts';
import { loadMigrations } from '../adapters/sqlite/migration-files.ts';
import { migrate } from '../adapters/sqlite/migrator.ts';
import { runJobHere } from '../adapters/workers/reconciliation.jobs.ts';
import { isBusinessDate } from '../app/reconciliation/business-day.ts';
import { errorMessage } from '../contracts/errors/catalog.ts';
import { formatYuan } from '../core/money/index.ts';
import { STATEMENT_CHANNELS, type StatementChannel } from '../core/reconciliation/index.ts';
import type { Config } from '../runtime/config/config.schema.ts';
import type { CommandIo } from './commands.ts';

/** The box's database, migrated, for commands that work on it directly (safe while the box runs: WAL, busy timeout). */
export function openBoxDatabaseFile(config: Config): string {
  const file = databasePath(config.dataDir);
  if (!existsSync(file)) throw new StartupError(`no database at ${file}: start the box once first`);
  const db = openDatabase(file);
  try {
    migrate(db, loadMigrations());
  } finally {
    db.close();
  }
  return file;
}

export function parseChannel(text: string | undefined): StatementChannel | undefined {
  return STATEMENT_CHANNELS.find((c) => c === text);
}

export type ImportStatementOptions = {
  /** positionals after the command: exactly one file */
  readonly files: readonly string[];
  readonly channel?: string;
  readonly date?: string;
  readonly expectSha1?: string;
  readonly fileName?: string;
  readonly settleDate?: string;
};

/**
 * `storebox import-statement --channel C FILE [--date D] [--expect-sha1 X] [--file-name N] [--settle-date D]`:
 * imports a channel statement whole or not at all; progress goes to stderr, the result to stdout.
 */
export async function importStatementCommand(
  config: Config,
  options: ImportStatementOptions,
  io: CommandIo,
): Promise<number> {
  const channel = parseChannel(options.channel);
  const file = options.files[0];
  if (!channel || !file || options.files.length > 1) {
    io.err(
      `usage: storebox import-statement --channel ${STATEMENT_CHANNELS.join('|')} FILE [--date YYYY-MM-DD] [--expect-sha1 X] [--file-name NAME] [--settle-date YYYY-MM-DD]`,
    );
    return 64;
  }
  for (const d of [options.date, options.settleDate]) {
    if (d !== undefined && !isBusinessDate(d)) {
      io.err(`not a date (YYYY-MM-DD): ${d}`);
      return 64;
    }
  }
  if (!existsSync(file)) {
    io.err(`no such file: ${file}`);
    return 66; // sysexits.h EX_NOINPUT
  }
  openBoxDatabaseFile(config);
  const merchantId = config.reconciliation.merchantIds[channel];
  const outcome = await runJobHere(
    'import-statement',
    {
      dataDir: config.dataDir,
      filePath: file,
      removeFile: false,
      channel,
      fileName: options.fileName ?? basename(file),
      actor: 'cli',
      at: new Date().toISOString(),
      ...(merchantId !== undefined ? { merchantId } : {}),
      ...(options.date !== undefined ? { expectDate: options.date } : {}),
      ...(options.expectSha1 !== undefined ? { expectSha1: options.expectSha1.toLowerCase() } : {}),
      ...(options.settleDate !== undefined ? { settleDate: options.settleDate } : {}),
    },
    (p) => io.err(`${p.stage}: ${p.done} ${p.stage === 'parse' ? 'lines' : 'rows'}`),
  );
  if (outcome.ok) {
    const s = outcome.value;
    if (s.duplicate) {
      io.out(`already imported as #${s.importId} (${s.channel} ${s.periodStart}): nothing added`);
      return 0;
    }
    const t = s.totals;
    const period = s.periodStart === s.periodEnd ? s.periodStart : `${s.periodStart}..${s.periodEnd}`;
    io.out(
      `imported ${s.channel} statement #${s.importId} (${s.layout}, merchant ${s.merchantId}, ${period}): ${s.rowCount} rows`,
    );
    io.out(
      `  payments ${t.paymentCount} ${formatYuan(t.paymentFen)}, refunds ${t.refundCount} ${formatYuan(t.refundFen)}, fees ${formatYuan(t.feeFen)}, net ${formatYuan(t.netFen)}`,
    );
    return 0;
  }
  if ('errors' in outcome) {
    io.err(`statement rejected, nothing imported: ${outcome.errors.length} error(s)`);
    for (const e of outcome.errors)
      io.err(`  line ${e.line}${e.column ? ` [${e.column}]` : ''}: ${e.code} ${e.message}`);
    return 1;
  }
  io.err(`${outcome.code}: ${errorMessage(outcome.code, 'en', outcome.params)}`);
  return 1;
}
