import type { StoreSettings } from '../../contracts/store/store-settings.schema.ts';
import { parseVariableMeasureLayouts } from '../catalog/catalog-input.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { StoreContext } from '../store-context.ts';

/**
 * Merges a settings change into the store row, audits each changed key with its old and new value
 * (config changes are audited), and tells the caches to reload. The schema has checked the shapes;
 * what needs more than a shape (overlapping barcode digit spans) is checked here.
 */
export function updateStoreSettings(
  ctx: StoreContext,
  actor: string,
  change: StoreSettings,
  onChanged: (keys: string[]) => void,
): Result<Record<string, unknown>> {
  if (change.variableMeasureLayouts) {
    const layouts = parseVariableMeasureLayouts(change.variableMeasureLayouts);
    if (!layouts.ok)
      return err('VALIDATION_FAILED', `variableMeasureLayouts${layouts.field ?? ''}`.replaceAll('/', '.'), {
        reason: String(layouts.params?.reason ?? 'is invalid'),
      });
  }
  if (change.tlsCertificate && change.tlsCertificate.renewBeforeDays >= change.tlsCertificate.lifeDays)
    return err('VALIDATION_FAILED', 'tlsCertificate.renewBeforeDays', { reason: 'must be less than lifeDays' });
  const at = ctx.clock.now().toISOString();
  const changed: string[] = [];
  const settings = ctx.tx.run(() => {
    const current = ctx.repos.store.get()!.settings;
    const next: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(change)) {
      if (JSON.stringify(current[key]) === JSON.stringify(value)) continue;
      next[key] = value;
      changed.push(key);
      ctx.repos.audit.append({
        at,
        actor,
        action: 'config.changed',
        subject: `store.${key}`,
        detail: { from: current[key] ?? null, to: value },
      });
    }
    if (changed.length > 0) ctx.repos.store.updateSettings(next);
    return next;
  });
  if (changed.length > 0) onChanged(changed);
  return ok(settings);
}
