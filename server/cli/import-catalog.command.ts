import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { AuditLogRepository } from '../adapters/sqlite/audit-log.repository.ts';
import { readCatalogFile } from '../adapters/catalog-import/read-catalog-file.ts';
import { nodeSecrets } from '../adapters/crypto/node-crypto.ts';
import { databasePath, openDatabase, StartupError } from '../adapters/sqlite/database.ts';
import { sqliteTransactions } from '../adapters/sqlite/sqlite-transactions.ts';
import { ProductRepository } from '../adapters/sqlite/product.repository.ts';
import { importCatalog } from '../app/catalog/import-catalog.ts';
import { errorMessage } from '../contracts/errors/catalog.ts';
import type { Config } from '../runtime/config/config.schema.ts';
import { systemClock } from '../runtime/clock.ts';
import type { CommandIo } from './commands.ts';

/** EX_DATAERR (sysexits.h): the file had bad rows and nothing was imported. */
export const EXIT_BAD_ROWS = 65;

/**
 * `storebox import-catalog FILE [--partial] [--dry-run]`: imports straight into the database (WAL
 * lets it write while the box runs; the box reloads its index within a second of the revision
 * moving). Progress goes to stderr, the summary and every bad row to stdout.
 */
export async function importCatalogCommand(
  config: Config,
  file: string,
  options: { partial: boolean; dryRun: boolean },
  io: CommandIo,
): Promise<number> {
  if (!existsSync(file)) throw new StartupError(`${file} does not exist`);
  const target = databasePath(config.dataDir);
  if (!existsSync(target)) throw new StartupError(`no database at ${target}: start the box once first`);
  const bytes = readFileSync(file);
  const db = openDatabase(target);
  try {
    const result = importCatalog(
      {
        tx: sqliteTransactions(db),
        clock: systemClock,
        secrets: nodeSecrets,
        repos: { audit: new AuditLogRepository(db), products: new ProductRepository(db) },
        readCatalogFile,
      },
      bytes,
      {
        fileName: basename(file),
        partial: options.partial,
        dryRun: options.dryRun,
        actor: `cli:${userInfo().username}`,
        onProgress: (p) =>
          io.err(p.phase === 'parsed' ? `parsed ${p.rows} rows` : `imported ${p.rows}/${p.of} products`),
      },
    );
    if (!result.ok) {
      io.err(`import-catalog: ${errorMessage(result.code, 'en', { ...result.params })}`);
      return EXIT_BAD_ROWS;
    }
    const s = result.value;
    for (const e of s.errors) io.out(`row ${e.row}, column ${e.column}: ${e.reason}`);
    if (s.errorCount > s.errors.length) io.out(`… and ${s.errorCount - s.errors.length} more bad rows`);
    const counts = `${s.rows} rows: ${s.imported} imported (${s.created} new, ${s.updated} changed), ${s.unchanged} unchanged, ${s.badRows} bad`;
    switch (s.outcome) {
      case 'alreadyImported':
        io.out(`${s.fileName} was imported before (sha256 ${s.sha256}): nothing to do`);
        return 0;
      case 'rejected':
        io.out(`${counts}; nothing imported: fix the rows above or use --partial`);
        return EXIT_BAD_ROWS;
      case 'dryRun':
        io.out(`dry run, nothing written: ${counts}`);
        return 0;
      case 'imported':
        io.out(counts);
        return 0;
    }
  } finally {
    db.close();
  }
}
