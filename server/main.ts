import type { Logger } from 'pino';
import { LoginThrottle } from './app/auth/login-throttle.ts';
import { authenticateMqtt } from './app/auth/mqtt-credentials.ts';
import { firstStart } from './app/setup/first-start.ts';
import type { Repositories, StoreContext } from './app/store-context.ts';
import { MdnsAdvertiser } from './adapters/discovery/mdns-advertiser.ts';
import { installAuth } from './adapters/http/auth.hook.ts';
import { installIdempotency, settleIdempotencyKeys } from './adapters/http/idempotency.hook.ts';
import { HttpServer } from './adapters/http/http-server.ts';
import { createMetrics, metricsRoutes } from './adapters/http/metrics.ts';
import { auditRoutes } from './adapters/http/routes/audit.routes.ts';
import { authRoutes } from './adapters/http/routes/auth.routes.ts';
import { healthRoutes } from './adapters/http/routes/health.routes.ts';
import { mqttWebSocketRoute } from './adapters/http/routes/mqtt-ws.routes.ts';
import { laneWebSocketRoutes } from './adapters/http/routes/lane-ws.routes.ts';
import { staffRoutes } from './adapters/http/routes/staff.routes.ts';
import { lanesRoutes } from './adapters/http/routes/lanes.routes.ts';
import { storeRoutes } from './adapters/http/routes/store.routes.ts';
import { MqttBroker } from './adapters/mqtt/mqtt-broker.ts';
import { AuditLogRepository } from './adapters/sqlite/audit-log.repository.ts';
import { AuditAnchorRepository } from './adapters/sqlite/audit-anchor.repository.ts';
import { AuditAnchoring } from './app/audit/audit-anchoring.ts';
import { sqliteTransactions } from './adapters/sqlite/sqlite-transactions.ts';
import { nodeSecrets, scryptPasswords, uuidIds } from './adapters/crypto/node-crypto.ts';
import { BoxLock } from './adapters/sqlite/box-lock.ts';
import { DatabaseService } from './adapters/sqlite/database.service.ts';
import { CatalogRefresher } from './app/catalog/catalog-refresher.ts';
import { databasePath, openDatabase, prepareDataDir, type Db } from './adapters/sqlite/database.ts';
import { LaneRepository } from './adapters/sqlite/lane.repository.ts';
import { loadMigrations } from './adapters/sqlite/migration-files.ts';
import { migrate } from './adapters/sqlite/migrator.ts';
import { SessionRepository } from './adapters/sqlite/session.repository.ts';
import { StaffRepository } from './adapters/sqlite/staff.repository.ts';
import { StoreRepository } from './adapters/sqlite/store.repository.ts';
import { ProductRepository } from './adapters/sqlite/product.repository.ts';
import { PromotionRepository } from './adapters/sqlite/promotion.repository.ts';
import { SaleRepository } from './adapters/sqlite/sale.repository.ts';
import { OutboxRepository } from './adapters/sqlite/outbox.repository.ts';
import { ParkedCartRepository } from './adapters/sqlite/parked-cart.repository.ts';
import { CatalogService } from './app/catalog/catalog-service.ts';
import { PricingService } from './app/pricing/pricing-service.ts';
import { LaneService, type CouponDirectory, type MemberDirectory } from './app/checkout/lane-service.ts';
import { createLoyalty, type Loyalty } from './app/loyalty/loyalty-stores.ts';
import { LoyaltyJobs } from './app/loyalty/loyalty-jobs.ts';
import { loyaltySaleEffect } from './app/loyalty/loyalty-sale-effect.ts';
import { loyaltyRefundEffect } from './app/loyalty/loyalty-refund-effect.ts';
import { loyaltyCouponDirectory } from './app/loyalty/coupon-directory.ts';
import { loyaltyMemberDirectory } from './app/members/member-directory.ts';
import { membersRoutes } from './adapters/http/routes/members.routes.ts';
import { loyaltyRoutes } from './adapters/http/routes/loyalty.routes.ts';
import { couponsRoutes } from './adapters/http/routes/coupons.routes.ts';
import { campaignsRoutes } from './adapters/http/routes/campaigns.routes.ts';
import { fissionRoutes } from './adapters/http/routes/fission.routes.ts';
import { productsRoutes } from './adapters/http/routes/products.routes.ts';
import { promotionsRoutes } from './adapters/http/routes/promotions.routes.ts';
import { pricingRoutes } from './adapters/http/routes/pricing.routes.ts';
import { catalogImportRoutes } from './adapters/http/routes/catalog-import.routes.ts';
import { UplinkService } from './adapters/uplink/uplink-service.ts';
import { registerUplinkMetrics } from './adapters/uplink/uplink.metrics.ts';
import { uplinkStatusRoutes } from './adapters/uplink/uplink-status.routes.ts';
import { statementsRoutes } from './adapters/http/routes/statements.routes.ts';
import { reconciliationRoutes } from './adapters/http/routes/reconciliation.routes.ts';
import { consoleRoutes } from './adapters/http/routes/console.routes.ts';
import { WorkerJobRunner } from './adapters/workers/worker-job-runner.ts';
import { ReconciliationService } from './app/reconciliation/reconciliation-service.ts';
import { createDeviceModule, type DeviceModule } from './app/devices/device-module.ts';
import { systemClock, type Clock } from './runtime/clock.ts';
import type { Config } from './runtime/config/config.schema.ts';
import { EventBus } from './runtime/event-bus.ts';
import { ServiceRunner, type Service } from './runtime/service.ts';
import { VERSION } from './version.ts';
import { createPaymentChannels } from './adapters/payments/payment-channels.ts';
import { PaymentRepository } from './adapters/sqlite/payment.repository.ts';
import { RefundRepository } from './adapters/sqlite/refund.repository.ts';
import { ShiftRepository } from './adapters/sqlite/shift.repository.ts';
import { QrPayments } from './app/payments/qr-payments.ts';
import { OrphanRefunds } from './app/payments/orphan-refunds.ts';
import { paymentsSaleEffect } from './app/payments/payments-sale-effect.ts';
import { ReturnService } from './app/returns/return-service.ts';
import { ShiftService } from './app/shifts/shift-service.ts';
import { paymentsRoutes } from './adapters/http/routes/payments.routes.ts';
import { returnsRoutes } from './adapters/http/routes/returns.routes.ts';
import { salesRoutes } from './adapters/http/routes/sales.routes.ts';
import { shiftsRoutes } from './adapters/http/routes/shifts.routes.ts';

export type Box = {
  readonly ctx: StoreContext;
  readonly http: HttpServer;
  readonly broker: MqttBroker;
  readonly catalog: CatalogService;
  readonly pricing: PricingService;
  readonly lanes: LaneService;
  readonly uplink: UplinkService;
  readonly loyalty: Loyalty;
  readonly loyaltyJobs: LoyaltyJobs;
  readonly devices: DeviceModule;
  readonly reconciliation: ReconciliationService;
  readonly auditAnchoring: AuditAnchoring;
  readonly generatedAdminPassword?: string;
  stop(): Promise<void>;
};

export function createRepositories(db: Db): Repositories {
  return {
    store: new StoreRepository(db),
    staff: new StaffRepository(db),
    sessions: new SessionRepository(db),
    lanes: new LaneRepository(db),
    audit: new AuditLogRepository(db),
    products: new ProductRepository(db),
    promotions: new PromotionRepository(db),
    sales: new SaleRepository(db),
    outbox: new OutboxRepository(db),
    parkedCarts: new ParkedCartRepository(db),
  };
}

/**
 * Composition root: opens the database, builds the adapters, injects them, starts the services
 * in order (database, broker, HTTP, mDNS) and returns a handle that stops them in reverse.
 */
export async function startBox(config: Config, log: Logger, clock: Clock = systemClock): Promise<Box> {
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

  const bus = new EventBus(log);
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
    bus,
    loginThrottle: new LoginThrottle({
      perUser: config.auth.maxFailuresPerUser,
      perAddress: config.auth.maxFailuresPerAddress,
      windowMs: config.auth.failureWindowSeconds * 1000,
    }),
    version: VERSION,
  };
  const setup = await firstStart(ctx);
  settleIdempotencyKeys(db, new Date(clock.now().getTime() - 7 * 86_400_000).toISOString());
  const store = ctx.repos.store.get()!;

  const catalog = new CatalogService(ctx.repos.products, ctx.repos.store);
  // members and coupons join with the loyalty module; the lanes and the quote endpoint share them
  const loyalty = createLoyalty(ctx);
  // points redemption limits: the programme's rule is the one the pricing engine applies
  const pricing = new PricingService(
    ctx.repos.promotions,
    ctx.repos.store,
    () => loyalty.program.config().points.redemption,
  );
  // the nightly RFM/tags pass runs on a worker thread, off the lanes' event loop
  const loyaltyJobs = new LoyaltyJobs(loyalty, log, new WorkerJobRunner(log.child({ svc: 'loyalty-jobs' })));
  const members: MemberDirectory = loyaltyMemberDirectory(loyalty);
  const coupons: CouponDirectory = loyaltyCouponDirectory(loyalty);
  // devices (pairing, hub, print queue); the broker and the HTTPS port are passed lazily because they are built below
  const devices = createDeviceModule(
    ctx,
    () => broker,
    () => http.tlsPort,
  );
  // QR payments, returns and shifts (docs/payments.md, docs/returns.md, docs/shifts.md)
  const paymentRepo = new PaymentRepository(db);
  const refundRepo = new RefundRepository(db);
  const channels = createPaymentChannels(config.payments);
  const payments = new QrPayments(ctx, paymentRepo, channels, {
    settle: {
      deadlineMs: config.payments.deadlineMs,
      firstDelayMs: config.payments.firstQueryDelayMs,
      maxDelayMs: config.payments.maxQueryDelayMs,
      backoffPercent: 150,
      maxCancelAttempts: config.payments.maxCancelAttempts,
    },
    recoveryIntervalMs: config.payments.recoveryIntervalSeconds * 1000,
  });
  // loyalty's RefundEffect: points clawback and restore, coupons, stored value, member spend (docs/loyalty.md)
  const returns = new ReturnService({
    ctx,
    refunds: refundRepo,
    payments: paymentRepo,
    channels,
    effects: [loyaltyRefundEffect(loyalty)],
    retryMs: config.payments.recoveryIntervalSeconds * 1000,
  });
  const shifts = new ShiftService(ctx, new ShiftRepository(db));
  const lanes = new LaneService({
    scaleWeight: (laneId) => devices.hub.stableWeight(laneId),
    ctx,
    catalog,
    pricing,
    stores: {
      sales: ctx.repos.sales,
      outbox: ctx.repos.outbox,
      effects: [loyaltySaleEffect(loyalty), paymentsSaleEffect(paymentRepo)],
    },
    parked: ctx.repos.parkedCarts,
    payments,
    members,
    coupons,
  });

  // statement parsing and matching run on a worker thread, off the lanes' event loop; a refund_orphan
  // resolution gives an orphan QR payment's money back through its channel
  const orphanRefunds = new OrphanRefunds(ctx, paymentRepo, channels);
  const reconciliation = new ReconciliationService({
    ctx,
    jobs: new WorkerJobRunner(log.child({ svc: 'reconciliation' })),
    refundOrphan: orphanRefunds.refund,
  });

  payments.onSettled((p) => lanes.paymentSettled(p));
  const metrics = createMetrics();
  const uplink = new UplinkService({
    config: config.uplink,
    storeId: store.id,
    db,
    repos: ctx.repos,
    clock,
    log,
    catalogChanged: () => catalog.refresh(),
    promotionsChanged: () => pricing.invalidate(),
  });
  registerUplinkMetrics(metrics.registry, () => uplink.status());
  const broker = new MqttBroker({
    config,
    log,
    storeId: () => store.id,
    authenticate: (username, password, client) =>
      devices.authenticate(username, password, () =>
        authenticateMqtt(ctx, { username, password, address: client.address }),
      ),
    ...devices.brokerOptions,
  });
  // a staff user's role or status changed: their MQTT connections end with their HTTP sessions
  bus.on('staff.sessions_ended', (e) => broker.disconnectStaff(e.username));
  // mDNS (docs/devices.md): A records only for the address the HTTP listener is bound to; a name conflict is on /readyz
  const advertiser = config.mdns.enabled
    ? new MdnsAdvertiser({
        interfaceAddress: config.mdns.interface,
        listenHost: config.http.host,
        log,
        advertisement: () => ({
          name: config.mdns.name ?? `storebox-${store.id}`,
          port: http.port,
          txt: {
            box: store.boxId,
            version: VERSION,
            store: store.id,
            api: String(http.port),
            mqtt: String(broker.port),
            ...devices.txt(),
          },
        }),
      })
    : undefined;
  const http = new HttpServer({
    config,
    log,
    version: VERSION,
    metrics,
    installAuth: (app) => {
      installAuth(app, ctx);
      installIdempotency(app, db, () => clock.now().toISOString());
    },
    tls: () => devices.serverTls(),
    routes: [
      healthRoutes(
        () => ({
          database: db.open,
          broker: broker.listening,
          ...(advertiser ? { mdns: advertiser.status() } : {}),
        }),
        VERSION,
      ),
      metricsRoutes(metrics),
      authRoutes(ctx),
      staffRoutes(ctx),
      lanesRoutes(ctx),
      storeRoutes(ctx, () => {
        pricing.invalidate();
        catalog.invalidateLayouts();
      }),
      auditRoutes(ctx),
      mqttWebSocketRoute(broker),
      laneWebSocketRoutes(ctx, lanes),
      paymentsRoutes(payments, paymentRepo),
      returnsRoutes(returns),
      salesRoutes(ctx, returns, refundRepo, paymentRepo),
      shiftsRoutes(shifts),
      membersRoutes(loyalty),
      loyaltyRoutes(loyalty, loyaltyJobs),
      couponsRoutes(loyalty),
      campaignsRoutes(loyalty),
      fissionRoutes(loyalty),
      productsRoutes(ctx, catalog),
      promotionsRoutes({ ctx, pricing }),
      pricingRoutes({ ctx, catalog, pricing, members, coupons }),
      catalogImportRoutes(ctx, catalog),
      uplinkStatusRoutes(() => uplink.status()),
      statementsRoutes(ctx, reconciliation),
      reconciliationRoutes(reconciliation),
      consoleRoutes(ctx),
      ...devices.routes,
    ],
  });
  // the audit chain's anchors (docs/audit.md): right after the database, so the stop anchor is written last
  const auditAnchoring = new AuditAnchoring(ctx, new AuditAnchorRepository(db));
  const services: Service[] = [
    new DatabaseService(db, lock),
    auditAnchoring,
    uplink,
    reconciliation,
    new CatalogRefresher(catalog, log),
    loyaltyJobs,
    broker,
    ...devices.services,
    payments,
    returns,
    http,
  ];
  if (advertiser) services.push(advertiser);
  // a renewed box certificate (docs/devices.md, TLS): new connections get it, mDNS advertises its fingerprint
  devices.onTlsRenewed(async () => {
    http.reloadTls();
    broker.reloadTls();
    if (advertiser?.status().state === 'advertising') {
      await advertiser.stop();
      await advertiser.start();
    }
  });
  const runner = new ServiceRunner(services, log);
  await runner.start();
  log.info(
    {
      http: `${config.http.host}:${http.port}`,
      mqtt: `${config.mqtt.host}:${broker.port}`,
      ...(http.tlsPort !== undefined ? { https: `${config.http.host}:${http.tlsPort}` } : {}),
      store: store.id,
      version: VERSION,
    },
    'storebox ready',
  );
  return {
    ctx,
    http,
    broker,
    catalog,
    pricing,
    lanes,
    uplink,
    loyalty,
    loyaltyJobs,
    devices,
    reconciliation,
    auditAnchoring,
    generatedAdminPassword: setup.generatedAdminPassword,
    stop: () => runner.stop(),
  };
}
