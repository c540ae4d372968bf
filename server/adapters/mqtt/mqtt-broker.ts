import { createServer, type Server } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from 'pino';
import { mayPublish, maySubscribe, type Principal } from '../../core/devices/topic-acl.ts';
import type { Config } from '../../runtime/config/config.schema.ts';
import type { Service } from '../../runtime/service.ts';
import { StartupError } from '../sqlite/database.ts';

/** Checks MQTT credentials; returns who connected, or null. */
export type MqttAuthenticator = (username: string, password: string) => Promise<Principal | null>;

// MQTT 3.1.1 CONNACK return codes [MQTT-3.2.2.3]
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

function authError(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/**
 * The embedded broker (aedes): TCP on mqtt.host:port and WebSocket at /mqtt on the HTTP port.
 * Anonymous connections are refused; each publish/subscribe is checked against the topic ACL.
 * drainTimeout is far below aedes's 60 s so a frozen subscriber cannot stall the others.
 */
export class MqttBroker implements Service {
  readonly name = 'mqtt';
  private aedes: Aedes | undefined;
  private server: Server | undefined;
  private readonly config: Config;
  private readonly log: Logger;
  private readonly storeId: () => string;
  private readonly authenticate: MqttAuthenticator;
  private boundPort = 0;

  constructor(options: { config: Config; log: Logger; storeId: () => string; authenticate: MqttAuthenticator }) {
    this.config = options.config;
    this.log = options.log.child({ svc: 'mqtt' });
    this.storeId = options.storeId;
    this.authenticate = options.authenticate;
  }

  get listening(): boolean {
    return this.server?.listening === true;
  }

  get port(): number {
    return this.boundPort;
  }

  get broker(): Aedes {
    if (!this.aedes) throw new Error('broker not started');
    return this.aedes;
  }

  async start(): Promise<void> {
    const { mqtt } = this.config;
    const maxPayload = mqtt.maxPacketBytes;
    this.aedes = await Aedes.createBroker({
      drainTimeout: mqtt.drainTimeoutMs,
      queueLimit: mqtt.queueLimit,
      connectTimeout: 10_000,
      maxClientsIdLength: 64,
      authenticate: (client, username, password, done) => {
        if (!username || !password) return done(authError(NOT_AUTHORIZED, 'anonymous connections are refused'), false);
        this.authenticate(username, password.toString('utf8')).then(
          (principal) => {
            if (!principal) {
              this.log.warn({ clientId: client.id, username }, 'mqtt login refused');
              return done(authError(BAD_USERNAME_OR_PASSWORD, 'bad username or password'), false);
            }
            client.principal = principal;
            done(null, true);
          },
          (e) => done(authError(NOT_AUTHORIZED, (e as Error).message), false),
        );
      },
      authorizePublish: (client, packet, done) => {
        if (!client) return done(null); // the box's own publications
        const principal = client.principal;
        if (!principal || !mayPublish(principal, this.storeId(), packet.topic)) return done(new Error(`publish to ${packet.topic} not allowed`));
        if (packet.payload && packet.payload.length > maxPayload) return done(new Error('payload too large'));
        done(null);
      },
      authorizeSubscribe: (client, sub, done) => {
        const principal = client?.principal;
        if (!principal || !maySubscribe(principal, this.storeId(), sub.topic)) {
          this.log.warn({ clientId: client?.id, topic: sub.topic }, 'subscription refused');
          return done(null, null); // SUBACK 0x80 for this filter [MQTT-3.9.3]
        }
        done(null, sub);
      },
    });
    this.aedes.on('clientError', (client: Client, e: Error) => this.log.debug({ clientId: client.id, err: e.message }, 'client error'));
    this.server = createServer((socket) => this.aedes!.handle(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE') reject(new StartupError(`MQTT port ${mqtt.host}:${mqtt.port} is already in use (set mqtt.port or STOREBOX_MQTT_PORT)`));
        else reject(e);
      });
      this.server!.listen(mqtt.port, mqtt.host, () => resolve());
    });
    const address = this.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : mqtt.port;
  }

  /** MQTT over WebSocket: the HTTP server hands each /mqtt connection's stream here. */
  handleStream(stream: Duplex, request: IncomingMessage): void {
    if (!this.aedes) {
      stream.destroy();
      return;
    }
    this.aedes.handle(stream, request);
  }

  /** Disconnects one client at once (device revoked). */
  disconnect(predicate: (principal: Principal | undefined) => boolean): number {
    let n = 0;
    const clients = this.aedes?.clients ?? {};
    for (const client of Object.values(clients)) {
      if (predicate(client.principal)) {
        client.close();
        n++;
      }
    }
    return n;
  }

  publish(topic: string, payload: string | Buffer, options: { qos?: 0 | 1; retain?: boolean } = {}): Promise<void> {
    return new Promise((resolve, reject) =>
      this.broker.publish({ cmd: 'publish', topic, payload: typeof payload === 'string' ? Buffer.from(payload) : payload, qos: options.qos ?? 0, retain: options.retain ?? false, dup: false }, (e) => (e ? reject(e) : resolve())),
    );
  }

  async stop(): Promise<void> {
    const server = this.server;
    const aedes = this.aedes;
    this.server = undefined;
    this.aedes = undefined;
    // closing aedes first disconnects its clients; net.Server.close waits for open connections
    server?.close();
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()));
  }
}
