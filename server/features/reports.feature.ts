import { reportsRoutes } from '../adapters/http/routes/reports.routes.ts';
import { ReportRepository } from '../adapters/sqlite/report.repository.ts';
import { LanePresence } from '../app/reports/lane-presence.ts';
import { saleRollupEffect } from '../app/reports/sale-rollup.effect.ts';
import type { UplinkService } from '../adapters/uplink/uplink-service.ts';
import type { LaneService } from '../app/checkout/lane-service.ts';
import type { DevicesFeature } from './devices/devices.feature.ts';
import type { Feature } from './feature.ts';
import type { BoxContext } from './store-context.ts';

/**
 * The manager console's 首页 and 报表 (docs/console.md): sales summed in SQL over covering indexes and the per-day
 * item totals its sale effect keeps, lanes live
 * (lane screens connected, carts in progress, open shifts), device alerts and the HQ link as badges.
 */
export function reportsFeature(
  ctx: BoxContext,
  deps: { checkout: { lanes: LaneService }; devices: DevicesFeature; uplink: { uplink: UplinkService } },
): Feature {
  const presence = new LanePresence(ctx.bus);
  const { hub, devices } = deps.devices.devices;
  const lanes = deps.checkout.lanes;
  const uplink = deps.uplink.uplink;
  const repo = new ReportRepository(ctx.db);
  const routes = reportsRoutes({
    ctx,
    source: repo,
    presence,
    selling: (laneId) => (lanes.cartOf(laneId)?.items.length ?? 0) > 0,
    // approved devices that are offline, and printers reporting anything but ok
    deviceAlerts: () =>
      devices
        .list()
        .filter((d) => d.status === 'approved')
        .flatMap((d) => {
          const printer = hub.printerStatusOf(d.id);
          const kind = !hub.isOnline(d.id) ? 'offline' : printer && printer !== 'ok' ? `printer-${printer}` : undefined;
          return kind ? [{ deviceId: d.id, name: d.name, laneId: d.laneId ?? null, kind }] : [];
        }),
    hq: () => {
      const s = uplink.status();
      return { enabled: s.enabled, connected: s.connected, backlog: s.backlog, ackedAt: s.ackedAt };
    },
  });
  return { name: 'reports', services: [presence], routes: [routes], saleEffects: [saleRollupEffect(repo)] };
}
