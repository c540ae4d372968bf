import { tlsServerOptions } from '../tls/tls-policy.ts';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import type { Logger } from 'pino';
import type { Config } from '../../runtime/config/config.schema.ts';
import type { Service } from '../../runtime/service.ts';
import { StartupError } from '../sqlite/database.ts';
import { registerDocsPage } from './docs-page.ts';
import {
  frameworkErrorReply,
  installDrainAnswer,
  installErrorHandler,
  installJsonBodyParser,
  writeClientError,
} from './error-handler.ts';
import type { Metrics } from './metrics.ts';
import { validatorCompiler } from './validators.ts';
import { LANE_MAX_FRAME_BYTES } from '../../contracts/lane/lane-messages.schema.ts';

export type HttpServerOptions = {
  config: Config;
  log: Logger;
  version: string;
  metrics: Metrics;
  /** installs the auth hook; run before routes are registered */
  installAuth: (app: FastifyInstance) => void;
  /** route plugins, registered in this order (an explicit registry) */
  routes: readonly FastifyPluginAsync[];
  /** the box's key and certificate (server/adapters/tls) for the HTTPS/WSS listener on http.tlsPort */
  tls?: () => { key: string; cert: string } | undefined;
};

/**
 * The Fastify server: REST under /api/v1, WebSockets, MQTT over WebSocket at /mqtt, health,
 * metrics, OpenAPI at /openapi.json and its docs page at /docs (assets bundled, no CDN); the
 * same app also over HTTPS/WSS on http.tlsPort when it is set.
 */
export class HttpServer implements Service {
  readonly name = 'http';
  private app: FastifyInstance | undefined;
  private readonly options: HttpServerOptions;
  private boundPort = 0;
  private https: HttpsServer | undefined;
  private boundTlsPort: number | undefined;
  private cleanupDocs: () => void = () => {};

  constructor(options: HttpServerOptions) {
    this.options = options;
  }

  get instance(): FastifyInstance {
    if (!this.app) throw new Error('http server not started');
    return this.app;
  }

  get port(): number {
    return this.boundPort;
  }

  /** The HTTPS/WSS port, when http.tlsPort is configured. */
  get tlsPort(): number | undefined {
    return this.boundTlsPort;
  }

  /** Builds the app without listening: start() listens; the route-level test tier (test/support/inject-box.ts) calls inject(). */
  async build(): Promise<FastifyInstance> {
    if (this.app) return this.app;
    const { config, log, version, metrics } = this.options;
    const app = Fastify({
      loggerInstance: log.child({ svc: 'http' }) as FastifyBaseLogger,
      logController: new LogController({ disableRequestLogging: true }),
      bodyLimit: config.http.bodyLimitBytes,
      ...timeoutsOf(config.http),
      frameworkErrors: frameworkErrorReply,
      clientErrorHandler: writeClientError,
      forceCloseConnections: 'idle',
      // the drain answer is ours (installDrainAnswer), in the envelope: Fastify's own 503 is not
      return503OnClosing: false,
      ajv: { customOptions: { removeAdditional: false } },
    });
    app.setValidatorCompiler(validatorCompiler);
    installErrorHandler(app);
    installDrainAnswer(app);
    installJsonBodyParser(app, config.http.maxJsonDepth);
    // a WebSocket lives past its HTTP request: the idle timeout is for HTTP (the sockets ping)
    app.server.on('upgrade', (_req, socket: Duplex) => {
      if (socket instanceof Socket) socket.setTimeout(0);
    });
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.requests.inc({ method: request.method, route, status: reply.statusCode });
      metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });
    await app.register(cookie);
    this.options.installAuth(app);
    // one frame limit for every WebSocket; the lane protocol documents it (docs/lane-protocol.md)
    await app.register(websocket, { options: { maxPayload: LANE_MAX_FRAME_BYTES } });
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Storebox API',
          version,
          description:
            'The store box API. Replies are {ok: true, data} or {ok: false, error: {code, message, field?}}.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
    });
    this.cleanupDocs = await registerDocsPage(app);
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    for (const plugin of this.options.routes) await app.register(plugin);
    this.app = app;
    return app;
  }

  async start(): Promise<void> {
    const app = await this.build();
    const { host, port } = this.options.config.http;
    try {
      await app.listen({ host, port });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new StartupError(`HTTP port ${host}:${port} is already in use (set http.port or STOREBOX_HTTP_PORT)`);
      if (code === 'EADDRNOTAVAIL')
        throw new StartupError(`HTTP address ${host} is not an address of this machine (set http.host)`);
      if (code === 'EACCES')
        throw new StartupError(
          `HTTP port ${port} needs privileges (use a port above 1023 or grant CAP_NET_BIND_SERVICE)`,
        );
      throw e;
    }
    const address = app.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : port;
    await this.listenTls(app);
  }

  /**
   * HTTPS on http.tlsPort, serving the same app: requests go through its router and WebSocket
   * upgrades to the upgrade handler @fastify/websocket put on the plain server, so `wss://…/mqtt`,
   * the lane and the console work over TLS with the box's own CA.
   */
  private async listenTls(app: FastifyInstance): Promise<void> {
    const { host, tlsPort } = this.options.config.http;
    const tls = this.options.tls?.();
    if (tlsPort === undefined || !tls) return;
    const timeouts = timeoutsOf(this.options.config.http);
    const https = createHttpsServer(
      {
        ...tlsServerOptions(tls),
        ...timeouts.http,
        requestTimeout: timeouts.requestTimeout,
        keepAliveTimeout: timeouts.keepAliveTimeout,
      },
      (req, res) => app.routing(req, res),
    );
    https.setTimeout(timeouts.connectionTimeout);
    https.on('clientError', writeClientError);
    https.on('upgrade', (req, socket, head) => app.server.emit('upgrade', req, socket, head));
    https.on('tlsClientError', (e) => this.options.log.debug({ err: e.message }, 'https handshake failed'));
    this.https = https;
    await new Promise<void>((resolve, reject) => {
      https.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          e.code === 'EADDRINUSE'
            ? new StartupError(
                `HTTPS port ${host}:${tlsPort} is already in use (set http.tlsPort or STOREBOX_HTTP_TLS_PORT)`,
              )
            : e,
        ),
      );
      https.listen(tlsPort, host, () => resolve());
    });
    const address = https.address();
    this.boundTlsPort = typeof address === 'object' && address ? address.port : tlsPort;
  }

  /** Serves the box's current certificate (after a renewal) to new connections; open ones keep theirs. */
  reloadTls(): void {
    const tls = this.options.tls?.();
    if (this.https && tls) this.https.setSecureContext(tlsServerOptions(tls));
  }

  /** Stops accepting, lets in-flight requests finish, closes idle keep-alive sockets. */
  async stop(): Promise<void> {
    const app = this.app;
    const https = this.https;
    this.app = undefined;
    this.https = undefined;
    https?.close();
    https?.closeIdleConnections();
    if (app) await app.close();
    // what app.close() let finish on the plain server has finished here too
    https?.closeAllConnections();
    this.cleanupDocs();
  }
}

/**
 * The HTTP server's timeouts from http.* (docs/config.md), for the plain and the TLS listener: a
 * whole request within requestTimeoutMs, its headers within headersTimeoutMs, an idle keep-alive
 * connection closed after keepAliveTimeoutMs, a silent socket after idleTimeoutMs. Node checks the
 * first two every connectionsCheckingInterval (30 s by default), so that follows the timeouts.
 */
function timeoutsOf(http: Config['http']) {
  const headersTimeout = Math.min(http.headersTimeoutMs, http.requestTimeoutMs);
  return {
    requestTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    connectionTimeout: http.idleTimeoutMs,
    http: {
      headersTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(headersTimeout / 4))),
    },
  };
}
