import type { Logger } from 'pino';
import { nodeSecrets, scryptPasswords, uuidIds } from './adapters/crypto/node-crypto.ts';
import { settleIdempotencyKeys } from './adapters/http/idempotency.hook.ts';
import { BoxLock } from './adapters/sqlite/box-lock.ts';
import { DatabaseService } from './adapters/sqlite/database.service.ts';
import { databasePath, openDatabase, prepareDataDir, type Db } from './adapters/sqlite/database.ts';
import { loadMigrations } from './adapters/sqlite/migration-files.ts';
import { migrate } from './adapters/sqlite/migrator.ts';
import { sqliteTransactions } from './adapters/sqlite/sqlite-transactions.ts';
import { LoginThrottle } from './app/auth/login-throttle.ts';
import { firstStart } from './app/setup/first-start.ts';
import type { StoreContext } from './app/store-context.ts';
import { catalogFeature } from './features/catalog.feature.ts';
import { checkoutFeature } from './features/checkout.feature.ts';
import { devicesFeature } from './features/devices/devices.feature.ts';
import { emptyWiring, wire, type Feature } from './features/feature.ts';
import { loyaltyFeature } from './features/loyalty/loyalty.feature.ts';
import { mqttFeature } from './features/mqtt.feature.ts';
import { paymentsFeature } from './features/payments.feature.ts';
import { platformFeature } from './features/platform.feature.ts';
import { pricingFeature } from './features/pricing.feature.ts';
import { reconciliationFeature } from './features/reconciliation.feature.ts';
import { returnsFeature } from './features/returns.feature.ts';
import { createRepositories } from './features/shared-repositories.ts';
import { shiftsFeature } from './features/shifts.feature.ts';
import { staffFeature } from './features/staff.feature.ts';
import { uplinkFeature } from './features/uplink.feature.ts';
import { systemClock, type Clock } from './runtime/clock.ts';
import type { Config } from './runtime/config/config.schema.ts';
import { EventBus } from './runtime/event-bus.ts';
import { ServiceRunner } from './runtime/service.ts';
import { VERSION } from './version.ts';

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
  const { auth } = config;
  const ctx: StoreContext = {
    config,
    db,
    repos: createRepositories(db),
    tx: sqliteTransactions(db),
    clock,
    ids: uuidIds,
    passwords: scryptPasswords,
    secrets: nodeSecrets,
    log,
    bus: new EventBus(log),
    loginThrottle: new LoginThrottle({
      perUser: auth.maxFailuresPerUser,
      perAddress: auth.maxFailuresPerAddress,
      windowMs: auth.failureWindowSeconds * 1000,
    }),
    version: VERSION,
  };
  const setup = await firstStart(ctx);
  settleIdempotencyKeys(db, new Date(clock.now().getTime() - 7 * 86_400_000).toISOString());

  // each feature gets the handles of those it uses; what they give each other through the list is in `wiring`
  const wiring = emptyWiring();
  const mqtt = mqttFeature(ctx, wiring);
  const platform = platformFeature(ctx, { broker: mqtt.broker, wiring });
  const catalog = catalogFeature(ctx);
  const loyalty = loyaltyFeature(ctx);
  const pricing = pricingFeature(ctx, { catalog, loyalty });
  const settingsChanged = () => {
    pricing.pricing.invalidate();
    catalog.catalog.invalidateLayouts();
  };
  const staff = staffFeature(ctx, { settingsChanged });
  const devices = devicesFeature(ctx, { broker: mqtt.broker, listeners: platform });
  const payments = paymentsFeature(ctx);
  const returns = returnsFeature(ctx, { payments, wiring });
  const checkout = checkoutFeature(ctx, { catalog, pricing, loyalty, devices, payments, wiring });
  const reconciliation = reconciliationFeature(ctx, { payments });
  const uplink = uplinkFeature(ctx, { catalog, pricing, metrics: platform.metrics });
  const shifts = shiftsFeature(ctx);

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
    checkout,
    platform,
  ];
  wire(wiring, features);
  const runner = new ServiceRunner([new DatabaseService(db, lock), ...features.flatMap((f) => f.services ?? [])], log);
  await runner.start();
  const { http } = platform;
  const store = ctx.repos.store.get()!;
  log.info(
    {
      http: `${config.http.host}:${http.port}`,
      mqtt: `${config.mqtt.host}:${mqtt.broker.port}`,
      ...(http.tlsPort !== undefined ? { https: `${config.http.host}:${http.tlsPort}` } : {}),
      store: store.id,
      version: VERSION,
    },
    'storebox ready',
  );
  return {
    ctx,
    http,
    broker: mqtt.broker,
    catalog: catalog.catalog,
    pricing: pricing.pricing,
    lanes: checkout.lanes,
    uplink: uplink.uplink,
    loyalty: loyalty.loyalty,
    loyaltyJobs: loyalty.loyaltyJobs,
    devices: devices.devices,
    reconciliation: reconciliation.reconciliation,
    auditAnchoring: staff.auditAnchoring,
    generatedAdminPassword: setup.generatedAdminPassword,
    stop: () => runner.stop(),
  };
}
