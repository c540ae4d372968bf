import mqtt, { type IClientOptions, type IClientPublishOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';

export type HqConnectionOptions = {
  url: string;
  clientOptions: IClientOptions;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** subscribed (QoS 1) on every connect; the persistent session keeps them too */
  subscriptions: readonly string[];
  log: Logger;
  onConnect(): void;
  onDisconnect(): void;
  onMessage(topic: string, payload: Buffer, packet: IPublishPacket): void;
  onError(code: string, message: string): void;
};

/**
 * The outbound MQTT 5 connection to HQ's broker. A fresh mqtt.js client per attempt, reconnecting
 * with exponential backoff and jitter (mqtt.js only has a fixed reconnect period): a thousand boxes
 * coming back after an HQ outage do not knock all at once. Nothing here ever blocks a sale: the
 * callers only publish when connected, and a lost connection just schedules the next attempt.
 */
export class HqConnection {
  private readonly options: HqConnectionOptions;
  private client: MqttClient | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempts = 0;
  private stopped = true;

  constructor(options: HqConnectionOptions) {
    this.options = options;
  }

  get connected(): boolean {
    return this.client?.connected === true;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client;
    this.client = undefined;
    // a clean DISCONNECT keeps the session (and its queued pushes) at HQ's broker
    if (client) await client.endAsync(!client.connected);
  }

  /** Publishes when connected; false when not (the caller sends it again later). */
  publish(
    topic: string,
    payload: string | Buffer,
    options: IClientPublishOptions,
    done?: (error?: Error) => void,
  ): boolean {
    const client = this.client;
    if (!client?.connected) return false;
    client.publish(topic, payload, options, (error) => {
      if (error) this.options.onError('UPLINK_PUBLISH_FAILED', error.message);
      done?.(error);
    });
    return true;
  }

  private attempt(): void {
    if (this.stopped) return;
    const { log } = this.options;
    const client = mqtt.connect(this.options.url, this.options.clientOptions);
    this.client = client;
    let wasConnected = false;
    let closed = false;
    client.on('connect', (connack) => {
      wasConnected = true;
      this.attempts = 0;
      log.info({ sessionPresent: connack.sessionPresent }, 'uplink connected');
      client.subscribe(
        Object.fromEntries(this.options.subscriptions.map((topic) => [topic, { qos: 1 as const }])),
        (error, granted) => {
          const refused = granted?.filter((g) => g.qos === 128).map((g) => g.topic) ?? [];
          if (error || refused.length > 0)
            this.options.onError('UPLINK_SUBSCRIBE_REFUSED', error?.message ?? `refused: ${refused.join(', ')}`);
        },
      );
      this.options.onConnect();
    });
    client.on('message', (topic, payload, packet) => this.options.onMessage(topic, payload, packet));
    client.on('error', (error) => {
      // mqtt.js: a number is the CONNACK reason code (MQTT 5 §3.2.2.2, 134 = bad user name or password)
      const code = (error as { code?: string | number }).code;
      this.options.onError(
        'UPLINK_CONNECTION_FAILED',
        code === undefined ? error.message : `${typeof code === 'number' ? `CONNACK ${code}` : code}: ${error.message}`,
      );
    });
    client.on('close', () => {
      if (closed) return;
      closed = true;
      if (wasConnected) this.options.onDisconnect();
      if (this.stopped || this.client !== client) return;
      client.end(true);
      const ceiling = Math.min(
        this.options.reconnectMaxMs,
        this.options.reconnectMinMs * 2 ** Math.min(this.attempts, 20),
      );
      // full jitter over the upper half: never a thundering herd, never faster than half the step
      const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
      this.attempts++;
      log.debug({ delayMs: delay, attempt: this.attempts }, 'uplink reconnecting');
      this.retryTimer = setTimeout(() => this.attempt(), delay);
      this.retryTimer.unref();
    });
  }
}
