import { StoreRepository } from '../adapters/sqlite/store.repository.ts';
import { openDatabase } from '../adapters/sqlite/database.ts';
import { runJobHere } from '../adapters/workers/reconciliation.jobs.ts';
import { isBusinessDate } from '../app/reconciliation/business-day.ts';
import type { RunSummary } from '../app/reconciliation/run-reconciliation.ts';
import { formatYuan } from '../core/money/index.ts';
import { ANOMALY_KINDS, STATEMENT_CHANNELS } from '../core/reconciliation/index.ts';
import type { Config } from '../runtime/config/config.schema.ts';
import type { CommandIo } from './commands.ts';
import { openBoxDatabaseFile, parseChannel } from './import-statement.command.ts';

/** `storebox reconcile --date D [--channel C]`: runs the day's reconciliation and prints a summary table per channel. */
export async function reconcileCommand(
  config: Config,
  options: { date?: string; channel?: string; extra: readonly string[] },
  io: CommandIo,
): Promise<number> {
  const channel = options.channel === undefined ? undefined : parseChannel(options.channel);
  const date = options.date;
  if (!date || !isBusinessDate(date) || (options.channel !== undefined && !channel) || options.extra.length > 0) {
    io.err(`usage: storebox reconcile --date YYYY-MM-DD [--channel ${STATEMENT_CHANNELS.join('|')}]`);
    return 64;
  }
  const dbFile = openBoxDatabaseFile(config);
  const db = openDatabase(dbFile, { readonly: true });
  const store = new StoreRepository(db).get();
  db.close();
  if (!store) {
    io.err('the database has no store yet: start the box once first');
    return 1;
  }
  const runs = await runJobHere('reconcile-day', {
    dataDir: config.dataDir,
    date,
    channels: channel ? [channel] : STATEMENT_CHANNELS,
    storeId: store.id,
    timeZone: store.timezone,
    actor: 'cli',
    at: new Date().toISOString(),
  });
  io.out(`reconciliation ${date}, store ${store.id}`);
  for (const run of runs) for (const line of summaryTable(run)) io.out(line);
  return 0;
}

/** One channel's figures as aligned text lines: matched, each anomaly kind with count and amounts, fees, net settlement. */
export function summaryTable(run: RunSummary): string[] {
  const t = run.totals;
  const row = (label: string, count: string, ours: string, channel: string) =>
    `  ${label.padEnd(24)}${count.padStart(7)}${ours.padStart(16)}${channel.padStart(16)}`;
  const lines = [
    `${run.channel}: ${t.tenderCount} tenders ${formatYuan(t.tenderFen)}, ${t.statement.rowCount} statement rows`,
    row('', 'count', 'ours', 'channel'),
    row('matched', String(t.matchedCount), formatYuan(t.matchedFen), formatYuan(t.matchedFen)),
  ];
  for (const kind of ANOMALY_KINDS) {
    const f = run.anomalies[kind];
    if (f.count > 0) lines.push(row(kind, String(f.count), formatYuan(f.expectedFen), formatYuan(f.statementFen)));
  }
  lines.push(row('fees', '', '', formatYuan(t.statement.feeFen)));
  lines.push(row('net settlement', '', '', formatYuan(t.statement.netFen)));
  if (run.resolved > 0) lines.push(`  (${run.resolved} of the anomalies already resolved)`);
  return lines;
}
