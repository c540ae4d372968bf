import { MdnsAdvertiser } from '../adapters/discovery/mdns-advertiser.ts';
import { installAuth } from '../adapters/http/auth.hook.ts';
import { HttpServer } from '../adapters/http/http-server.ts';
import { installIdempotency } from '../adapters/http/idempotency.hook.ts';
import { createMetrics, metricsRoutes, type Metrics } from '../adapters/http/metrics.ts';
import { consoleRoutes } from '../adapters/http/routes/console.routes.ts';
import { healthRoutes } from '../adapters/http/routes/health.routes.ts';
import type { MqttBroker } from '../adapters/mqtt/mqtt-broker.ts';
import type { BoxContext } from './store-context.ts';
import { serverTlsOf, type Feature, type Wiring } from './feature.ts';

export type Platform = Feature & {
  readonly http: HttpServer;
  readonly metrics: Metrics;
  /** a renewed box certificate: new connections get it, mDNS advertises its new fingerprint */
  reloadTls(): Promise<void>;
  /** logs where the box listens, once everything started */
  announce(): void;
};

/**
 * The HTTP server (every feature's routes, collected in the wiring), health and metrics, the console's
 * static files and the mDNS advertisement (docs/devices.md: A records only for the address the HTTP
 * listener is bound to; a name conflict is on /readyz). Last in the list: HTTP and mDNS start last.
 */
export function platformFeature(ctx: BoxContext, deps: { broker: MqttBroker; wiring: Wiring }): Platform {
  const { config, log, db, clock, version } = ctx;
  const { broker, wiring } = deps;
  const store = ctx.repos.store.get()!;
  const metrics = createMetrics();
  const advertiser = config.mdns.enabled
    ? new MdnsAdvertiser({
        interfaceAddress: config.mdns.interface,
        listenHost: config.http.host,
        log,
        advertisement: () => ({
          name: config.mdns.name ?? `storebox-${store.id}`,
          port: http.port,
          // the box's own keys, then each feature's (the devices' TLS ports and certificate fingerprint)
          txt: wiring.mdnsTxt.reduce<Record<string, string>>((txt, more) => ({ ...txt, ...more() }), {
            box: store.boxId,
            version,
            store: store.id,
            api: String(http.port),
            mqtt: String(broker.port),
          }),
        }),
      })
    : undefined;
  const health = healthRoutes(
    () => ({
      database: db.open,
      broker: broker.listening,
      ...(advertiser ? { mdns: advertiser.status() } : {}),
    }),
    version,
  );
  const http = new HttpServer({
    config,
    log,
    version,
    metrics,
    installAuth: (app) => {
      installAuth(app, ctx);
      installIdempotency(app, db, () => clock.now().toISOString());
    },
    tls: () => serverTlsOf(wiring),
    // the wiring's routes are the whole list's, collected before the server starts
    routes: wiring.routes,
  });
  return {
    name: 'platform',
    http,
    metrics,
    services: advertiser ? [http, advertiser] : [http],
    routes: [health, metricsRoutes(metrics), consoleRoutes(ctx)],
    announce() {
      log.info(
        {
          http: `${config.http.host}:${http.port}`,
          mqtt: `${config.mqtt.host}:${broker.port}`,
          ...(http.tlsPort !== undefined ? { https: `${config.http.host}:${http.tlsPort}` } : {}),
          store: store.id,
          version,
        },
        'storebox ready',
      );
    },
    async reloadTls() {
      http.reloadTls();
      broker.reloadTls();
      if (advertiser?.status().state === 'advertising') {
        await advertiser.stop();
        await advertiser.start();
      }
    },
  };
}
