import { tlsServerOptions } from '../tls/tls-policy.ts';
import { createServer, type Server } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from 'pino';
import { mayPublish, maySubscribe, type Principal } from '../../core/devices/topic-acl.ts';
import type { Config } from '../../runtime/config/config.schema.ts';
import type { Service } from '../../runtime/service.ts';
import { StartupError } from '../sqlite/database.ts';
import { guardFrameSize } from './frame-size-guard.ts';

/** Checks MQTT credentials; returns who connected, or null. */
export type MqttAuthenticator = (username: string, password: string) => Promise<Principal | null>;

/** Checks what a device publishes (its payload schema); returns why it is refused, or undefined. */
export type DevicePublishValidator = (deviceId: string, topic: string, payload: Buffer) => string | undefined;
/** Sees every accepted publication of a device (after validation), will messages included. */
export type DevicePublishListener = (deviceId: string, topic: string, payload: Buffer) => void;
/** The TLS listener's key and certificate (the box's own CA, server/adapters/tls). */
export type BrokerTls = { key: string; cert: string };

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
  private tlsServer: TlsServer | undefined;
  private boundTlsPort: number | undefined;
  private readonly validateDevice: DevicePublishValidator | undefined;
  private readonly deviceName: (deviceId: string) => string;
  private readonly tls: (() => BrokerTls | undefined) | undefined;
  private readonly deviceListeners = new Set<DevicePublishListener>();

  constructor(options: {
    config: Config;
    log: Logger;
    storeId: () => string;
    authenticate: MqttAuthenticator;
    validateDevicePublish?: DevicePublishValidator;
    /** the device's display name for logs */
    deviceName?: (deviceId: string) => string;
    tls?: () => BrokerTls | undefined;
  }) {
    this.config = options.config;
    this.log = options.log.child({ svc: 'mqtt' });
    this.storeId = options.storeId;
    this.authenticate = options.authenticate;
    this.validateDevice = options.validateDevicePublish;
    this.deviceName = options.deviceName ?? ((id) => id);
    this.tls = options.tls;
  }

  /** The MQTT-over-TLS port, when mqtt.tlsPort is configured. */
  get tlsPort(): number | undefined {
    return this.boundTlsPort;
  }

  /** Subscribes to devices' accepted publications; returns an unsubscribe function. */
  onDevicePublish(listener: DevicePublishListener): () => void {
    this.deviceListeners.add(listener);
    return () => this.deviceListeners.delete(listener);
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
        if (!principal || !mayPublish(principal, this.storeId(), packet.topic)) {
          if (principal?.kind === 'device')
            this.log.warn(
              { device: principal.deviceId, name: this.deviceName(principal.deviceId), topic: packet.topic },
              'device publish to a foreign topic refused',
            );
          return done(new Error(`publish to ${packet.topic} not allowed`));
        }
        if (packet.payload && packet.payload.length > maxPayload) return done(new Error('payload too large'));
        if (principal.kind === 'device' && this.validateDevice) {
          const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
          const reason = this.validateDevice(principal.deviceId, packet.topic, payload);
          if (reason) {
            // MQTT 3.1.1 has no negative PUBACK: refusing closes this device's connection only [MQTT-3.3.5-2]
            this.log.warn(
              { device: principal.deviceId, name: this.deviceName(principal.deviceId), topic: packet.topic, reason },
              'device message refused',
            );
            return done(new Error(reason));
          }
        }
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
    this.aedes.on('clientError', (client: Client, e: Error) =>
      this.log.debug({ clientId: client.id, err: e.message }, 'client error'),
    );
    this.aedes.on('publish', (packet: { topic: string; payload: Buffer | string }, client: Client | null) => {
      const principal = client?.principal;
      if (principal?.kind !== 'device') return;
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      for (const listener of this.deviceListeners) {
        try {
          listener(principal.deviceId, packet.topic, payload);
        } catch (e) {
          this.log.error({ err: e, device: principal.deviceId, topic: packet.topic }, 'device message listener failed');
        }
      }
    });
    this.server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE')
          reject(
            new StartupError(
              `MQTT port ${mqtt.host}:${mqtt.port} is already in use (set mqtt.port or STOREBOX_MQTT_PORT)`,
            ),
          );
        else reject(e);
      });
      this.server!.listen(mqtt.port, mqtt.host, () => resolve());
    });
    const address = this.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : mqtt.port;
    const tls = this.tls?.();
    if (mqtt.tlsPort !== undefined && tls) {
      this.tlsServer = createTlsServer(tlsServerOptions(tls), (socket) => this.accept(socket));
      this.tlsServer.on('tlsClientError', (e) => this.log.debug({ err: e.message }, 'mqtt tls handshake failed'));
      await new Promise<void>((resolve, reject) => {
        this.tlsServer!.once('error', (e: NodeJS.ErrnoException) =>
          reject(
            e.code === 'EADDRINUSE'
              ? new StartupError(`MQTT TLS port ${mqtt.host}:${mqtt.tlsPort} is already in use (set mqtt.tlsPort)`)
              : e,
          ),
        );
        this.tlsServer!.listen(mqtt.tlsPort, mqtt.host, () => resolve());
      });
      const tlsAddress = this.tlsServer.address();
      this.boundTlsPort = typeof tlsAddress === 'object' && tlsAddress ? tlsAddress.port : mqtt.tlsPort;
    }
  }

  /** One connection: aedes reads it; the frame guard drops it on an oversized packet. */
  private accept(stream: Duplex, request?: IncomingMessage): void {
    if (!this.aedes) {
      stream.destroy();
      return;
    }
    this.aedes.handle(stream, request);
    // after aedes attached its 'readable' listener, so observing with 'data' does not make the stream flow
    guardFrameSize(stream, this.config.mqtt.maxPacketBytes, () =>
      this.log.warn({ limit: this.config.mqtt.maxPacketBytes }, 'mqtt packet too large; connection closed'),
    );
  }

  /** MQTT over WebSocket: the HTTP server hands each /mqtt connection's stream here. */
  handleStream(stream: Duplex, request: IncomingMessage): void {
    this.accept(stream, request);
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
      this.broker.publish(
        {
          cmd: 'publish',
          topic,
          payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
          qos: options.qos ?? 0,
          retain: options.retain ?? false,
          dup: false,
        },
        (e) => (e ? reject(e) : resolve()),
      ),
    );
  }

  /** Serves the box's current certificate (after a renewal) to new MQTT TLS connections; open ones keep theirs. */
  reloadTls(): void {
    const tls = this.tls?.();
    if (this.tlsServer && tls) this.tlsServer.setSecureContext(tlsServerOptions(tls));
  }

  async stop(): Promise<void> {
    const server = this.server;
    const tlsServer = this.tlsServer;
    const aedes = this.aedes;
    this.server = undefined;
    this.tlsServer = undefined;
    this.aedes = undefined;
    // closing aedes first disconnects its clients; net.Server.close waits for open connections
    server?.close();
    tlsServer?.close();
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()));
  }
}
