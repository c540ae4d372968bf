import type { Logger } from 'pino';
import { settleIdempotencyKeys } from './adapters/http/idempotency.hook.ts';
import { BoxLock } from './adapters/sqlite/box-lock.ts';
import { DatabaseService } from './adapters/sqlite/database.service.ts';
import { databasePath, openDatabase, prepareDataDir, type Db } from './adapters/sqlite/database.ts';
import { loadMigrations } from './adapters/sqlite/migration-files.ts';
import { migrate } from './adapters/sqlite/migrator.ts';
import { firstStart } from './app/setup/first-start.ts';
import { catalogFeature } from './features/catalog.feature.ts';
import { checkoutFeature } from './features/checkout.feature.ts';
import { devicesFeature } from './features/devices/devices.feature.ts';
import { emptyWiring, wire, type Feature } from './features/feature.ts';
import { inventoryFeature } from './features/inventory.feature.ts';
import { loyaltyFeature } from './features/loyalty/loyalty.feature.ts';
import { createLoyalty } from './features/loyalty/loyalty-stores.ts';
import { mqttFeature } from './features/mqtt.feature.ts';
import { paymentsFeature } from './features/payments.feature.ts';
import { platformFeature } from './features/platform.feature.ts';
import { pricingFeature } from './features/pricing.feature.ts';
import { reconciliationFeature } from './features/reconciliation.feature.ts';
import { replenishmentFeature } from './features/replenishment.feature.ts';
import { reportsFeature } from './features/reports.feature.ts';
import { returnsFeature } from './features/returns.feature.ts';
import { shiftsFeature } from './features/shifts.feature.ts';
import { staffFeature } from './features/staff.feature.ts';
import { createStoreContext, type BoxContext } from './features/store-context.ts';
import { uplinkFeature } from './features/uplink.feature.ts';
import { systemClock, type Clock } from './runtime/clock.ts';
import type { Config } from './runtime/config/config.schema.ts';
import { ServiceRunner } from './runtime/service.ts';

/** What startBox returns: the context, each feature's handle the tests and the CLI use, and stop(). */
export type Box = Awaited<ReturnType<typeof startBox>>;

/**
 * Composition root (docs/architecture.md): opens the database, builds the context, builds the features and
 * lists them once, in start order — the database first, then each feature's services (uplink, reconciliation,
 * catalog refresher, loyalty jobs, broker, devices, payments, returns, HTTP, mDNS) — stopped in reverse.
 */
export async function startBox(config: Config, log: Logger, clock: Clock = systemClock) {
  prepareDataDir(config.dataDir);
  const lock = new BoxLock(config.dataDir);
  lock.acquire();
  let db: Db;
  try {
    db = openDatabase(databasePath(config.dataDir));
    const report = migrate(db, loadMigrations());
    if (report.applied.length > 0) log.info({ applied: report.applied }, 'migrations applied');
  } catch (e) {
    lock.release();
    throw e;
  }
  const ctx = createStoreContext(config, db, log, clock);
  // only a first start in demo mode builds loyalty stores of its own, to seed the demo members
  const setup = await firstStart(ctx, () => createLoyalty(ctx));
  settleIdempotencyKeys(db, new Date(clock.now().getTime() - 7 * 86_400_000).toISOString());

  const { features, platform, handles } = composeFeatures(ctx);
  const runner = new ServiceRunner([new DatabaseService(db, lock), ...features.flatMap((f) => f.services ?? [])], log);
  await runner.start();
  platform.announce();
  return {
    ...handles,
    generatedAdminPassword: setup.generatedAdminPassword,
    stop: () => runner.stop(),
  };
}

/**
 * Builds every feature over the context and wires them (docs/architecture.md), starting nothing: startBox
 * starts their services; the route-level test tier (test/support/inject-box.ts) builds the HTTP app from the
 * same list without listening and calls inject().
 */
export function composeFeatures(ctx: BoxContext) {
  // each feature gets the handles of those it uses; what they give each other through the list is in `wiring`
  const wiring = emptyWiring();
  const mqtt = mqttFeature(ctx, wiring);
  const platform = platformFeature(ctx, { broker: mqtt.broker, wiring });
  const catalog = catalogFeature(ctx);
  const loyalty = loyaltyFeature(ctx);
  const pricing = pricingFeature(ctx, { catalog, loyalty });
  const staff = staffFeature(ctx, { catalog, pricing });
  const devices = devicesFeature(ctx, { broker: mqtt.broker, listeners: platform });
  const payments = paymentsFeature(ctx);
  const returns = returnsFeature(ctx, { payments, wiring });
  const checkout = checkoutFeature(ctx, { catalog, pricing, loyalty, devices, payments, wiring });
  const reconciliation = reconciliationFeature(ctx, { payments });
  const uplink = uplinkFeature(ctx, { catalog, pricing, metrics: platform.metrics });
  const shifts = shiftsFeature(ctx);
  const inventory = inventoryFeature(ctx);
  const replenishment = replenishmentFeature(ctx);
  const reports = reportsFeature(ctx, { checkout, devices, uplink });

  // the features, once, in start order (adding a feature: docs/architecture.md)
  const features: Feature[] = [
    staff,
    uplink,
    reconciliation,
    catalog,
    loyalty,
    pricing,
    mqtt,
    devices,
    payments,
    returns,
    shifts,
    inventory,
    replenishment,
    checkout,
    reports,
    platform,
  ];
  wire(wiring, features);
  return {
    features,
    platform,
    mqtt,
    handles: {
      ctx,
      http: platform.http,
      broker: mqtt.broker,
      catalog: catalog.catalog,
      pricing: pricing.pricing,
      lanes: checkout.lanes,
      uplink: uplink.uplink,
      loyalty: loyalty.loyalty,
      loyaltyJobs: loyalty.loyaltyJobs,
      devices: devices.devices,
      reconciliation: reconciliation.reconciliation,
      replenishment: replenishment.replenishment,
      auditAnchoring: staff.auditAnchoring,
      stock: inventory.stock,
      purchasing: inventory.purchasing,
      stocktakes: inventory.stocktakes,
      returns: returns.returns,
    },
  };
}
