import type { CatalogPush } from '../../contracts/uplink/uplink-push.schema.ts';
import { importCatalog, type CatalogImportDeps } from '../catalog/import-catalog.ts';
import type { HqPushStore } from '../ports/hq-push-store.port.ts';
import { pushOnce, refused, type PushOutcome } from './push-once.ts';

export type CatalogPushDeps = CatalogImportDeps & { pushes: HqPushStore };

export const HQ_ACTOR = 'hq';

/**
 * Products pushed by HQ go through the catalog import use case the console and the CLI use (core
 * parseProduct per product, GTIN check digits, barcode and PLU ownership across the whole catalog,
 * one audit entry, the catalog revision bumped once), with `partial` off: one bad product refuses
 * the push and nothing is written. The import's transaction nests inside the push's (a savepoint).
 */
export function applyCatalogPush(deps: CatalogPushDeps, push: CatalogPush): PushOutcome {
  const at = deps.clock.now().toISOString();
  return pushOnce(deps, 'catalog', push.pushId, push.products, at, () => {
    const bytes = Buffer.from(JSON.stringify(push.products), 'utf8');
    const imported = importCatalog(deps, bytes, {
      fileName: `hq-push-${push.pushId}.json`,
      contentType: 'application/json',
      partial: false,
      dryRun: false,
      actor: HQ_ACTOR,
    });
    if (!imported.ok)
      return refused([
        { field: 'products', code: imported.code, reason: String(imported.params?.reason ?? imported.code) },
      ]);
    const s = imported.value;
    // JSON import rows are 1-based array positions
    if (s.outcome === 'rejected')
      return refused(s.errors.map((e) => ({ index: e.row - 1, field: e.column, reason: e.reason })));
    // the same products imported before (same bytes, another push id): nothing to change
    if (s.outcome === 'alreadyImported')
      return { ok: true, value: { created: 0, updated: 0, unchanged: push.products.length, deactivated: 0 } };
    return { ok: true, value: { created: s.created, updated: s.updated, unchanged: s.unchanged, deactivated: 0 } };
  });
}
