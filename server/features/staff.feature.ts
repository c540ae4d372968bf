import { AuditAnchorRepository } from '../adapters/sqlite/audit-anchor.repository.ts';
import { auditRoutes } from '../adapters/http/routes/audit.routes.ts';
import { authRoutes } from '../adapters/http/routes/auth.routes.ts';
import { lanesRoutes } from '../adapters/http/routes/lanes.routes.ts';
import { staffRoutes } from '../adapters/http/routes/staff.routes.ts';
import { storeRoutes } from '../adapters/http/routes/store.routes.ts';
import { AuditAnchoring } from '../app/audit/audit-anchoring.ts';
import type { BoxContext } from './store-context.ts';
import type { CatalogFeature } from './catalog.feature.ts';
import type { Feature } from './feature.ts';
import type { PricingFeature } from './pricing.feature.ts';

/**
 * Staff and the store (docs/lanes.md, docs/audit.md): sign-in and sessions, staff, lanes, the store settings and
 * the audit log with its anchors. First in the list: the anchors start right after the database, so the stop
 * anchor is written last.
 */
export function staffFeature(
  ctx: BoxContext,
  deps: { catalog: CatalogFeature; pricing: PricingFeature },
): Feature & { auditAnchoring: AuditAnchoring } {
  // a settings change (receipt layouts, rounding, ...) reloads what the lanes price and print with
  const settingsChanged = () => {
    deps.pricing.pricing.invalidate();
    deps.catalog.catalog.invalidateLayouts();
  };
  const anchors = new AuditAnchorRepository(ctx.db);
  const auditAnchoring = new AuditAnchoring(ctx, anchors);
  return {
    name: 'staff',
    auditAnchoring,
    services: [auditAnchoring],
    routes: [
      authRoutes(ctx),
      staffRoutes(ctx),
      lanesRoutes(ctx),
      storeRoutes(ctx, settingsChanged),
      auditRoutes(ctx, anchors),
    ],
  };
}
