import { tlsServerOptions } from '../tls/tls-policy.ts';
import { createServer, type Server } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from 'pino';
import {
  hasNullCharacter,
  mayPublish,
  mayUseClientId,
  maySubscribe,
  principalKey,
  type Principal,
} from '../../core/devices/topic-acl.ts';
import type { Result } from '../../core/result.ts';
import type { Config } from '../../runtime/config/config.schema.ts';
import type { Service } from '../../runtime/service.ts';
import { StartupError } from '../sqlite/database.ts';
import { guardFrameSize } from './frame-size-guard.ts';

/** Who is connecting: the CONNECT's client id and the peer's address (for the login throttle and the audit). */
export type MqttClientInfo = { id: string; address: string };
/** Checks MQTT credentials; returns who connected, or why not (`AUTH_RATE_LIMITED`, `AUTH_INVALID_CREDENTIALS`). */
export type MqttAuthenticator = (
  username: string,
  password: string,
  client: MqttClientInfo,
) => Promise<Result<Principal>>;
/** Sees what a staff tool publishes before it is delivered (e.g. to audit a drawer opened over MQTT); throws to refuse it. */
export type StaffPublishAuditor = (username: string, topic: string, payload: Buffer) => void;

/** Checks what a device publishes (its payload schema); returns why it is refused, or undefined. */
export type DevicePublishValidator = (deviceId: string, topic: string, payload: Buffer) => string | undefined;
/** Sees every accepted publication of a device (after validation), will messages included. */
export type DevicePublishListener = (deviceId: string, topic: string, payload: Buffer) => void;
/** The TLS listener's key and certificate (the box's own CA, server/adapters/tls). */
export type BrokerTls = { key: string; cert: string };

// MQTT 3.1.1 CONNACK return codes [MQTT-3.2.2.3]
const IDENTIFIER_REJECTED = 2;
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
  private readonly isDeviceId: (clientId: string) => boolean;
  private readonly auditStaffPublish: StaffPublishAuditor | undefined;
  /** client id → the staff credential its session belongs to (principalKey), while that session lives */
  private readonly clientOwners = new Map<string, string>();
  /** CONNECTs with an empty client id and CleanSession 0, answered 0x02 at authentication [MQTT-3.1.3-8] */
  private readonly persistentWithoutId = new WeakSet<Client>();

  constructor(options: {
    config: Config;
    log: Logger;
    storeId: () => string;
    authenticate: MqttAuthenticator;
    validateDevicePublish?: DevicePublishValidator;
    /** the device's display name for logs */
    deviceName?: (deviceId: string) => string;
    tls?: () => BrokerTls | undefined;
    /** a paired device's id: reserved as that device's client id */
    isDeviceId?: (clientId: string) => boolean;
    auditStaffPublish?: StaffPublishAuditor;
  }) {
    this.config = options.config;
    this.log = options.log.child({ svc: 'mqtt' });
    this.storeId = options.storeId;
    this.authenticate = options.authenticate;
    this.validateDevice = options.validateDevicePublish;
    this.deviceName = options.deviceName ?? ((id) => id);
    this.tls = options.tls;
    this.isDeviceId = options.isDeviceId ?? (() => false);
    this.auditStaffPublish = options.auditStaffPublish;
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
      preConnect: (client, packet, done) => {
        // a UTF-8 string MUST NOT hold U+0000; the receiver MUST close the connection [MQTT-1.5.3-2], and
        // a will topic is a Topic Name [MQTT-4.7.3-2]. aedes 1.2.0 checks neither.
        if ([packet.clientId, packet.username, packet.will?.topic].some(hasNullCharacter)) {
          this.log.warn({ address: clientAddress(client) }, 'mqtt CONNECT with U+0000 in a string; connection closed');
          return done(new Error('U+0000 in a CONNECT string'), false);
        }
        // a zero-byte client id with CleanSession 0 MUST get CONNACK 0x02 and the connection closed
        // [MQTT-3.1.3-8]; aedes 1.2.0 gives it a generated id instead (fixed upstream only later)
        if (packet.clientId === '' && !packet.clean) this.persistentWithoutId.add(client);
        done(null, true);
      },
      authenticate: (client, username, password, done) => {
        if (this.persistentWithoutId.has(client))
          return done(authError(IDENTIFIER_REJECTED, 'an empty client id needs a clean session'), false);
        if (!username || !password) return done(authError(NOT_AUTHORIZED, 'anonymous connections are refused'), false);
        const address = clientAddress(client);
        this.authenticate(username, password.toString('utf8'), { id: client.id, address }).then(
          (result) => {
            if (!result.ok) {
              this.log.warn({ clientId: client.id, username, address, code: result.code }, 'mqtt login refused');
              return result.code === 'AUTH_RATE_LIMITED'
                ? done(authError(NOT_AUTHORIZED, 'too many failed logins; try again later'), false)
                : done(authError(BAD_USERNAME_OR_PASSWORD, 'bad username or password'), false);
            }
            const principal = result.value;
            // checked and bound in one synchronous step, so two logins racing for one id cannot both win
            if (!this.mayTakeClientId(principal, client.id)) {
              this.log.warn(
                { clientId: client.id, username, address },
                'mqtt client id belongs to another login; refused',
              );
              return done(authError(IDENTIFIER_REJECTED, 'client id belongs to another login'), false);
            }
            if (principal.kind === 'staff') this.clientOwners.set(client.id, principalKey(principal));
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
        if (principal.kind === 'staff' && this.auditStaffPublish) {
          const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
          try {
            this.auditStaffPublish(principal.username, packet.topic, payload);
          } catch (e) {
            // not audited, not delivered
            this.log.error({ err: e, user: principal.username, topic: packet.topic }, 'staff publish audit failed');
            return done(new Error('audit failed'));
          }
        }
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
        // [MQTT-4.7.3-2] no U+0000 in a Topic Filter: a malformed packet closes the connection [MQTT-1.5.3-2]
        if (hasNullCharacter(sub.topic)) return done(new Error('U+0000 in a topic filter'));
        const principal = client?.principal;
        if (!principal || !maySubscribe(principal, this.storeId(), sub.topic)) {
          this.log.warn({ clientId: client?.id, topic: sub.topic }, 'subscription refused');
          return done(null, null); // SUBACK 0x80 for this filter [MQTT-3.9.3]
        }
        done(null, sub);
      },
    });
    this.aedes.on('clientDisconnect', (client: Client) => {
      // a clean session ends with its connection [MQTT-3.1.2-6]: its client id is free again
      const owner = client.principal ? principalKey(client.principal) : undefined;
      if (client.clean && owner !== undefined && this.clientOwners.get(client.id) === owner)
        this.clientOwners.delete(client.id);
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

  /** Whether this principal may CONNECT with this client id now (see mayUseClientId). */
  private mayTakeClientId(principal: Principal, clientId: string): boolean {
    const holder = this.aedes?.clients[clientId]?.principal;
    return mayUseClientId(principal, clientId, {
      isDeviceId: this.isDeviceId(clientId),
      boundTo: this.clientOwners.get(clientId) ?? (holder ? principalKey(holder) : undefined),
    });
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

  /** Ends every MQTT connection of a staff user at once (role or status changed). */
  disconnectStaff(username: string): number {
    return this.disconnect((p) => p?.kind === 'staff' && p.username === username);
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

/** The peer's address: the TCP/TLS socket's, or the HTTP upgrade request's for MQTT over WebSocket. */
function clientAddress(client: Client): string {
  return client.conn?.remoteAddress ?? client.req?.socket.remoteAddress ?? 'unknown';
}
