import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sea from 'node:sea';
import { parseMigrationName, type Migration } from './migrator.ts';

/** The SEA build embeds migrations/ as one JSON asset (see scripts/build-binary.ts). */
export const MIGRATIONS_ASSET = 'migrations.json';

export function readMigrationsDir(dir: string): Migration[] {
  return readdirSync(dir)
    .map((file) => ({ file, parsed: parseMigrationName(file) }))
    .filter((f) => f.parsed !== undefined)
    .map(({ file, parsed }) => ({ ...parsed!, sql: readFileSync(join(dir, file), 'utf8') }));
}

export function loadMigrations(): Migration[] {
  if (sea.isSea()) return JSON.parse(sea.getAsset(MIGRATIONS_ASSET, 'utf8')) as Migration[];
  return readMigrationsDir(fileURLToPath(new URL('../../../migrations/', import.meta.url)));
}
