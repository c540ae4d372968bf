import { Type, type Static } from '@sinclair/typebox';
import { AlipayConfigSchema } from '../../contracts/payments/alipay-config.schema.ts';
import { UnionpayConfigSchema } from '../../contracts/payments/unionpay-config.schema.ts';
import { WechatConfigSchema } from '../../contracts/payments/wechat-config.schema.ts';

/**
 * The whole box configuration: one schema, every key with its default. Defaults are for a
 * developer's machine: everything on loopback. Production binds come from the systemd unit's
 * config file, never from defaults.
 */
export const ConfigSchema = Type.Object(
  {
    dataDir: Type.String({
      default: './data',
      minLength: 1,
      description: 'directory holding the SQLite database, CA and backups',
    }),
    demo: Type.Boolean({ default: true, description: 'seed the demo store, catalog and staff on first start' }),
    adminPassword: Type.Optional(
      Type.String({ minLength: 8, description: 'password of the first admin, used only on first start' }),
    ),
    store: Type.Object(
      {
        id: Type.String({
          default: 'S001',
          pattern: '^[A-Za-z0-9_-]{1,32}$',
          description: 'the store id HQ knows this store by; fixed at first start',
        }),
        nameZh: Type.String({ default: '演示门店', minLength: 1 }),
        nameEn: Type.String({ default: 'Demo Store', minLength: 1 }),
      },
      { default: {}, additionalProperties: false },
    ),
    http: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1', minLength: 1 }),
        port: Type.Integer({ default: 8080, minimum: 0, maximum: 65535 }),
        bodyLimitBytes: Type.Integer({ default: 1_048_576, minimum: 1024 }),
        /** deepest nesting of objects/arrays a JSON body (or lane WebSocket message) may have: deeper is JSON_TOO_DEEP */
        maxJsonDepth: Type.Integer({ default: 32, minimum: 4, maximum: 256 }),
        /** a whole request (headers and body) must arrive within this; slower is 408 REQUEST_TIMEOUT and closed */
        requestTimeoutMs: Type.Integer({ default: 60_000, minimum: 100 }),
        /** the request headers must arrive within this (at most requestTimeoutMs) */
        headersTimeoutMs: Type.Integer({ default: 15_000, minimum: 100 }),
        /** an idle keep-alive connection between requests is closed after this */
        keepAliveTimeoutMs: Type.Integer({ default: 10_000, minimum: 100 }),
        /** a connection with no traffic at all for this long is closed (WebSockets are exempt: they ping) */
        idleTimeoutMs: Type.Integer({ default: 120_000, minimum: 1000 }),
        /** HTTPS (and WSS: /mqtt, lane and console pages) with the box's own CA on this port; 8443 in production, absent = off */
        tlsPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
      },
      { default: {}, additionalProperties: false },
    ),
    mqtt: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1', minLength: 1 }),
        port: Type.Integer({ default: 1883, minimum: 0, maximum: 65535 }),
        /** far below aedes's 60 s default: a frozen subscriber must not stall the store */
        drainTimeoutMs: Type.Integer({ default: 2000, minimum: 100 }),
        queueLimit: Type.Integer({ default: 100, minimum: 1 }),
        maxPacketBytes: Type.Integer({ default: 262_144, minimum: 1024 }),
        /** MQTT over TLS with the box's own CA (devices pin its fingerprint); 8883 in production, absent = off */
        tlsPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
      },
      { default: {}, additionalProperties: false },
    ),
    mdns: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        /** the address of the interface to advertise on; loopback by default, the LAN address in production */
        interface: Type.String({ default: '127.0.0.1', minLength: 1 }),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
      },
      { default: {}, additionalProperties: false },
    ),
    log: Type.Object(
      {
        level: Type.Union(
          [
            Type.Literal('fatal'),
            Type.Literal('error'),
            Type.Literal('warn'),
            Type.Literal('info'),
            Type.Literal('debug'),
            Type.Literal('trace'),
            Type.Literal('silent'),
          ],
          { default: 'info' },
        ),
        pretty: Type.Boolean({ default: false, description: 'human-readable logs (development); JSON otherwise' }),
      },
      { default: {}, additionalProperties: false },
    ),
    auth: Type.Object(
      {
        sessionHours: Type.Integer({ default: 12, minimum: 1, maximum: 24 * 30 }),
        maxFailuresPerUser: Type.Integer({ default: 5, minimum: 1 }),
        maxFailuresPerAddress: Type.Integer({ default: 20, minimum: 1 }),
        failureWindowSeconds: Type.Integer({ default: 900, minimum: 1 }),
      },
      { default: {}, additionalProperties: false },
    ),
    devices: Type.Object(
      {
        /** announces accepted per source address per minute (the announce endpoint is public) */
        announcePerMinute: Type.Integer({ default: 10, minimum: 1 }),
        /** wrong pairing codes before a device is locked until it announces again */
        maxPairingFailures: Type.Integer({ default: 5, minimum: 1, maximum: 20 }),
        /** how often a print job waiting for paper or a printer is tried again */
        printRetrySeconds: Type.Number({ default: 5, minimum: 0.05, maximum: 3600 }),
        /** how long the box waits for a device to acknowledge a command */
        commandTimeoutMs: Type.Integer({ default: 5000, minimum: 100 }),
        /** browse the LAN (mdns.interface) for _pdl-datastream._tcp receipt printers */
        browsePrinters: Type.Boolean({ default: true }),
        /** browse mdns.interface for device agents (_storebox-agent._tcp): a known agent's new address updates its record */
        browseAgents: Type.Boolean({ default: true }),
      },
      { default: {}, additionalProperties: false },
    ),
    reconciliation: Type.Object(
      {
        /** the store's merchant id per channel; a statement of another merchant is refused (absent = not checked) */
        merchantIds: Type.Object(
          {
            alipay: Type.Optional(Type.String({ minLength: 1, description: 'Alipay PID (2088…) or account' })),
            wechat: Type.Optional(Type.String({ minLength: 1, description: 'WeChat Pay mch_id or sub_mch_id' })),
            unionpay: Type.Optional(Type.String({ minLength: 1, description: 'UnionPay merId' })),
            card: Type.Optional(Type.String({ minLength: 1, description: 'card acquirer merchant id' })),
          },
          { default: {}, additionalProperties: false },
        ),
        /** largest statement upload accepted by POST /api/v1/statements/import */
        maxStatementBytes: Type.Integer({ default: 512 * 1024 * 1024, minimum: 1024 }),
      },
      { default: {}, additionalProperties: false },
    ),
    /** QR channels (付款码): a channel without its block is not offered at the lanes (docs/payments.md, docs/config.md) */
    payments: Type.Object(
      {
        alipay: Type.Optional(AlipayConfigSchema),
        wechat: Type.Optional(WechatConfigSchema),
        unionpay: Type.Optional(UnionpayConfigSchema),
        /** how long a lane waits for the customer to confirm before the payment is cancelled / reversed */
        deadlineMs: Type.Integer({ default: 60_000, minimum: 100 }),
        firstQueryDelayMs: Type.Integer({ default: 2_000, minimum: 10 }),
        maxQueryDelayMs: Type.Integer({ default: 10_000, minimum: 10 }),
        maxCancelAttempts: Type.Integer({ default: 5, minimum: 1, maximum: 20 }),
        /** how often payments left pending/unknown and refunds left unconfirmed are settled again */
        recoveryIntervalSeconds: Type.Integer({ default: 60, minimum: 1 }),
      },
      { default: {}, additionalProperties: false },
    ),
    /** the outbound MQTT 5 connection to HQ's broker (docs/uplink.md) */
    uplink: Type.Object(
      {
        enabled: Type.Boolean({ default: false }),
        url: Type.Optional(
          Type.String({
            pattern: '^(mqtts|wss|mqtt|ws)://',
            description: 'HQ broker: mqtts:// or wss:// in production (mqtt:// for tests)',
          }),
        ),
        username: Type.Optional(Type.String({ minLength: 1 })),
        password: Type.Optional(Type.String({ minLength: 1 })),
        /** PEM files: the CA HQ's broker certificate chains to; a client certificate and key instead of a password */
        caFile: Type.Optional(Type.String({ minLength: 1 })),
        certFile: Type.Optional(Type.String({ minLength: 1 })),
        keyFile: Type.Optional(Type.String({ minLength: 1 })),
        /** defaults to storebox-<storeId>; the broker keeps this client's session while the box is offline */
        clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        topicPrefix: Type.String({ default: 'hq', pattern: '^[A-Za-z0-9_/-]{1,64}$' }),
        batchRows: Type.Integer({ default: 250, minimum: 1, maximum: 10_000 }),
        batchBytes: Type.Integer({ default: 262_144, minimum: 1024 }),
        /** the drain's ceiling after days offline, so that lanes keep their share of the box */
        maxRowsPerSecond: Type.Integer({ default: 10_000, minimum: 10 }),
        /** batches sent and not yet acknowledged by HQ */
        maxInFlightBatches: Type.Integer({ default: 4, minimum: 1, maximum: 64 }),
        /** how often the outbox is looked at when there is nothing to send */
        intervalMs: Type.Integer({ default: 1000, minimum: 10 }),
        /** no ack progress for this long: send again from the last acked seq */
        ackTimeoutMs: Type.Integer({ default: 30_000, minimum: 100 }),
        reconnectMinMs: Type.Integer({ default: 1000, minimum: 10 }),
        reconnectMaxMs: Type.Integer({ default: 60_000, minimum: 10 }),
        keepaliveSeconds: Type.Integer({ default: 60, minimum: 0 }),
        /** MQTT 5 session expiry: how long HQ's broker keeps pushes for an offline box */
        sessionExpirySeconds: Type.Integer({ default: 7 * 24 * 3600, minimum: 0 }),
      },
      { default: {}, additionalProperties: false },
    ),
    shutdownTimeoutMs: Type.Integer({ default: 10_000, minimum: 100 }),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;

/** STOREBOX_* environment variables and the config key each one sets. */
export const ENV_KEYS: ReadonlyArray<readonly [env: string, path: string, kind: 'string' | 'integer' | 'boolean']> = [
  ['STOREBOX_DATA_DIR', 'dataDir', 'string'],
  ['STOREBOX_DEMO', 'demo', 'boolean'],
  ['STOREBOX_ADMIN_PASSWORD', 'adminPassword', 'string'],
  ['STOREBOX_STORE_ID', 'store.id', 'string'],
  ['STOREBOX_HTTP_HOST', 'http.host', 'string'],
  ['STOREBOX_HTTP_PORT', 'http.port', 'integer'],
  ['STOREBOX_HTTP_TLS_PORT', 'http.tlsPort', 'integer'],
  ['STOREBOX_MQTT_HOST', 'mqtt.host', 'string'],
  ['STOREBOX_MQTT_PORT', 'mqtt.port', 'integer'],
  ['STOREBOX_MQTT_TLS_PORT', 'mqtt.tlsPort', 'integer'],
  ['STOREBOX_MDNS', 'mdns.enabled', 'boolean'],
  ['STOREBOX_MDNS_INTERFACE', 'mdns.interface', 'string'],
  ['STOREBOX_LOG_LEVEL', 'log.level', 'string'],
  ['STOREBOX_LOG_PRETTY', 'log.pretty', 'boolean'],
  ['STOREBOX_UPLINK', 'uplink.enabled', 'boolean'],
  ['STOREBOX_UPLINK_URL', 'uplink.url', 'string'],
  ['STOREBOX_UPLINK_USERNAME', 'uplink.username', 'string'],
  ['STOREBOX_UPLINK_PASSWORD', 'uplink.password', 'string'],
];
