import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import type { Logger } from 'pino';
import type { Config } from '../../runtime/config/config.schema.ts';
import type { Service } from '../../runtime/service.ts';
import { StartupError } from '../sqlite/database.ts';
import { registerDocsPage } from './docs-page.ts';
import { installErrorHandler } from './error-handler.ts';
import type { Metrics } from './metrics.ts';
import { validatorCompiler } from './validators.ts';

export type HttpServerOptions = {
  config: Config;
  log: Logger;
  version: string;
  metrics: Metrics;
  /** installs the auth hook; run before routes are registered */
  installAuth: (app: FastifyInstance) => void;
  /** route plugins, registered in this order (an explicit registry) */
  routes: readonly FastifyPluginAsync[];
};

/**
 * The Fastify server: REST under /api/v1, WebSockets, MQTT over WebSocket at /mqtt, health,
 * metrics, OpenAPI at /openapi.json and its docs page at /docs (assets bundled, no CDN).
 */
export class HttpServer implements Service {
  readonly name = 'http';
  private app: FastifyInstance | undefined;
  private readonly options: HttpServerOptions;
  private boundPort = 0;
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

  /** Builds the app without listening (tests use inject; start() listens). */
  async build(): Promise<FastifyInstance> {
    if (this.app) return this.app;
    const { config, log, version, metrics } = this.options;
    const app = Fastify({
      loggerInstance: log.child({ svc: 'http' }) as FastifyBaseLogger,
      logController: new LogController({ disableRequestLogging: true }),
      bodyLimit: config.http.bodyLimitBytes,
      forceCloseConnections: 'idle',
      return503OnClosing: true,
      ajv: { customOptions: { removeAdditional: false } },
    });
    app.setValidatorCompiler(validatorCompiler);
    installErrorHandler(app);
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.requests.inc({ method: request.method, route, status: reply.statusCode });
      metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });
    await app.register(cookie);
    this.options.installAuth(app);
    await app.register(websocket, { options: { maxPayload: 1_048_576 } });
    await app.register(swagger, {
      openapi: {
        info: { title: 'Storebox API', version, description: 'The store box API. Replies are {ok: true, data} or {ok: false, error: {code, message, field?}}.' },
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
      if (code === 'EADDRINUSE') throw new StartupError(`HTTP port ${host}:${port} is already in use (set http.port or STOREBOX_HTTP_PORT)`);
      if (code === 'EADDRNOTAVAIL') throw new StartupError(`HTTP address ${host} is not an address of this machine (set http.host)`);
      if (code === 'EACCES') throw new StartupError(`HTTP port ${port} needs privileges (use a port above 1023 or grant CAP_NET_BIND_SERVICE)`);
      throw e;
    }
    const address = app.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : port;
  }

  /** Stops accepting, lets in-flight requests finish, closes idle keep-alive sockets. */
  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    if (app) await app.close();
    this.cleanupDocs();
  }
}
