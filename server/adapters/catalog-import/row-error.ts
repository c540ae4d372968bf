export type { CatalogFileRows, ImportRow, RowError } from '../../app/ports/catalog-file.port.ts';
