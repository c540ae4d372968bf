import { TypeCompiler } from '@sinclair/typebox/compiler';
import mqtt from 'mqtt';
import { WebSocket, type ClientOptions } from 'ws';
import type { Logger } from 'pino';
import type { AnnounceResult, Credentials } from '../../server/contracts/devices/device-api.schema.ts';
import {
  DeviceCommands,
  type AckPayload,
  type DeviceCommandTopic,
  type DisplayPayload,
  type PrintPayload,
  type TarePayload,
} from '../../server/contracts/devices/device-messages.schema.ts';
import { VERSION } from '../../server/version.ts';
import { AgentAdvertiser } from './agent-advertiser.ts';
import type { AgentConfig } from './agent-config.ts';
import { loadAgentState, newPairingCode, saveAgentState, type AgentState } from './agent-state.ts';
import { postToBox, type BoxReply } from './box-client.ts';
import { findBox, type BoxLocation } from './box-locator.ts';
import { Peripherals } from './peripherals.ts';
import { PinMismatchError, type HttpsPin } from './pinned-https.ts';

const commandChecks = new Map(
  Object.entries(DeviceCommands).map(([suffix, schema]) => [suffix, TypeCompiler.Compile(schema)]),
);

export type AgentPhase = 'locating' | 'pairing' | 'connecting' | 'online' | 'stopped';

/**
 * The device agent on a lane PC (docs/devices.md): finds the box (config or mDNS), announces
 * itself with a 6-digit pairing code shown on stdout and the customer display, waits for a
 * manager's approval, fetches its MQTT credentials once and keeps them in its state dir, then
 * bridges its serial scale, scanner, display and printer to `sb/<store>/dev/<id>/…` with a
 * retained presence and last will, reconnecting with backoff. Revoked → it pairs again.
 */
export class DeviceAgent {
  private readonly config: AgentConfig;
  private readonly log: Logger;
  private readonly onPairingCode: (code: string) => void;
  private state!: AgentState;
  private box: BoxLocation | undefined;
  private client: mqtt.MqttClient | undefined;
  private peripherals: Peripherals | undefined;
  private advertiser: AgentAdvertiser | undefined;
  private running = false;
  private backoffMs: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  phase: AgentPhase = 'stopped';

  constructor(options: { config: AgentConfig; log: Logger; onPairingCode?: (code: string) => void }) {
    this.config = options.config;
    this.log = options.log.child({ agent: options.config.deviceId ?? 'agent' });
    this.onPairingCode = options.onPairingCode ?? ((code) => console.log(`配对码 pairing code: ${code}`));
    this.backoffMs = options.config.reconnectMinMs;
  }

  get deviceId(): string {
    return this.state.deviceId;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.state = loadAgentState(this.config.stateDir, this.config.deviceId);
    this.peripherals = new Peripherals(this.config.peripherals, this.log, {
      weight: (p) => this.publish('events/weight', p),
      scan: (p) => this.publish('events/scan', p),
      stateChanged: () => this.publishState(),
    });
    await this.peripherals.start();
    if (this.config.advertise) {
      this.advertiser = new AgentAdvertiser({ interfaceAddress: this.config.mdnsInterface, log: this.log });
      try {
        this.advertiser.start({
          deviceId: this.state.deviceId,
          name: this.config.name ?? this.state.deviceId,
          kinds: this.peripherals.capabilities(),
          agentVersion: VERSION,
        });
      } catch (e) {
        // being seen is a convenience: the agent still announces itself over HTTP
        this.log.warn({ err: (e as Error).message }, 'cannot advertise over mDNS');
      }
    }
    void this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.phase = 'stopped';
    clearTimeout(this.retryTimer);
    this.wake?.();
    const client = this.client;
    this.client = undefined;
    if (client?.connected) {
      // a clean stop says offline itself; the last will covers crashes [MQTT-3.1.2-8]
      await bounded(
        client.publishAsync(this.topic('presence'), JSON.stringify({ status: 'offline' }), { qos: 1, retain: true }),
        1000,
      );
    }
    // a client still connecting to a box that went away never finishes a graceful end: bounded, then forced
    if (client && !(await bounded(client.endAsync(), 1000))) client.end(true);
    await this.advertiser?.stop();
    this.advertiser = undefined;
    await this.peripherals?.stop();
  }

  private topic(suffix: string): string {
    return `sb/${this.state.credentials!.storeId}/dev/${this.state.deviceId}/${suffix}`;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.retryTimer = setTimeout(resolve, ms);
    });
  }

  private nextBackoff(): number {
    const ms = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.config.reconnectMaxMs);
    return ms;
  }

  /** locate → announce (→ pair) → connect; any failure waits with backoff and starts over. */
  private async run(): Promise<void> {
    while (this.running) {
      try {
        this.phase = 'locating';
        this.box = this.config.box ?? (await findBox(this.config.mdnsInterface, 3000));
        if (!this.box) {
          this.log.info('no box found over mDNS yet');
        } else if (await this.ensurePaired()) {
          this.phase = 'connecting';
          if (await this.connect()) return; // mqtt.js owns the connection from here
        }
      } catch (e) {
        if (e instanceof PinMismatchError)
          this.log.error({ err: e.message }, 'refusing a server that is not the pinned box');
        else this.log.warn({ err: (e as Error).message }, 'agent step failed');
      }
      if (this.running) await this.sleep(this.nextBackoff());
    }
  }

  private announce(code: string, https: HttpsPin | undefined): Promise<BoxReply<AnnounceResult>> {
    return postToBox<AnnounceResult>(this.box!, https, '/api/v1/devices/announce', {
      deviceId: this.state.deviceId,
      agentKey: this.state.agentKey,
      pairingCode: code,
      name: this.config.name ?? this.state.deviceId,
      capabilities: this.peripherals!.capabilities(),
      ...(this.config.laneHint ? { laneHint: this.config.laneHint } : {}),
      agentVersion: VERSION,
    });
  }

  /**
   * True once the agent holds credentials the box accepts (announcing every start updates its address).
   * The claim token and the credentials travel over HTTPS pinned to the box's certificate whenever
   * the box offers it: known before the first byte from agent.json or mDNS TXT (`https`, `tls`), or
   * else learned from a plain announce's reply, in which case the agent announces again over
   * HTTPS for a claim token that never crossed the LAN in clear (the new one replaces the old).
   */
  private async ensurePaired(): Promise<boolean> {
    this.phase = 'pairing';
    const box = this.box!;
    let https: HttpsPin | undefined =
      box.httpsPort !== undefined && box.tlsFingerprint
        ? { port: box.httpsPort, fingerprint: box.tlsFingerprint }
        : undefined;
    let code = newPairingCode();
    let announced = await this.announce(code, https);
    const offered = announced.data;
    if (!https && offered?.claimToken) {
      if (offered.httpsPort !== undefined && offered.tlsFingerprint) {
        https = { port: offered.httpsPort, fingerprint: offered.tlsFingerprint };
        code = newPairingCode();
        announced = await this.announce(code, https);
      } else {
        this.log.warn(
          { device: this.state.deviceId },
          'the box offers no HTTPS (http.tlsPort): the MQTT credentials cross the LAN in clear',
        );
      }
    }
    if (!announced.ok || !announced.data) {
      this.log.error(
        { code: announced.code, device: this.state.deviceId },
        announced.code === 'DEVICE_ID_TAKEN'
          ? 'this device id belongs to another agent: set another deviceId'
          : 'announce refused',
      );
      return false;
    }
    const { status, claimToken } = announced.data;
    if (status === 'approved' && this.state.credentials && !claimToken) return true;
    if (status === 'ignored') return false;
    if (this.state.credentials) {
      // revoked and re-announced: the old credentials are dead
      delete this.state.credentials;
      saveAgentState(this.config.stateDir, this.state);
    }
    if (!claimToken) return false;
    if (status === 'pending') {
      this.onPairingCode(code);
      void this.peripherals!.show({ event: { kind: 'idle', welcome: `配对码 ${code}` } }).catch(() => undefined);
    }
    // poll until a manager approves (or the code is locked / replaced)
    let wait = 500;
    while (this.running) {
      const claimed = await postToBox<Credentials>(box, https, `/api/v1/devices/${this.state.deviceId}/credentials`, {
        claimToken,
      });
      if (claimed.ok && claimed.data) return this.accept(claimed.data, https);
      if (claimed.code !== 'DEVICE_NOT_APPROVED') {
        this.log.warn({ code: claimed.code }, 'claiming credentials failed; announcing again');
        return false;
      }
      await this.sleep(wait);
      wait = Math.min(wait * 2, 5000);
    }
    return false;
  }

  private accept(credentials: Credentials, https: HttpsPin | undefined): boolean {
    const expected = https?.fingerprint ?? this.box?.tlsFingerprint;
    if (credentials.tlsFingerprint && expected && credentials.tlsFingerprint.toUpperCase() !== expected.toUpperCase()) {
      this.log.error('the TLS fingerprint in the pairing reply differs from the one the box advertises: refusing');
      return false;
    }
    this.state.credentials = credentials;
    if (credentials.tlsFingerprint) this.state.pinnedFingerprint = credentials.tlsFingerprint;
    saveAgentState(this.config.stateDir, this.state);
    // the pairing code has served its purpose: off the customer display
    void this.peripherals?.show({ event: { kind: 'idle' } }).catch(() => undefined);
    this.log.info({ device: this.state.deviceId }, 'paired');
    return true;
  }

  /** Connects MQTT once; resolves true when connected, false when the box refused the credentials. */
  private connect(): Promise<boolean> {
    const creds = this.state.credentials!;
    const useWss = this.config.wss && creds.wssPort !== undefined && creds.caPem !== undefined;
    const useTls = !useWss && this.config.tls && creds.mqttTlsPort !== undefined && creds.caPem !== undefined;
    const host = this.box!.host;
    const url = useWss
      ? `wss://${host}:${creds.wssPort}/mqtt`
      : useTls
        ? `mqtts://${host}:${creds.mqttTlsPort}`
        : `mqtt://${host}:${creds.mqttPort}`;
    if (this.config.wss && !useWss) this.log.warn('the box offers no WSS (http.tlsPort): connecting without it');
    const tlsOptions = {
      ca: creds.caPem,
      // Called only once the chain verified against the box CA from the pairing reply (which is
      // name-constrained to the store LAN and signs only this box's certificates): the certificate the
      // box paired with, whatever name or address the agent used, or its renewal (the box reissues its
      // certificate before it expires, docs/devices.md), which becomes the new pin.
      checkServerIdentity: (_host: string, cert: { fingerprint256: string }) => {
        const pinned = this.state.pinnedFingerprint;
        if (pinned !== undefined && cert.fingerprint256 !== pinned) {
          this.log.info(
            { fingerprint: cert.fingerprint256 },
            'the box renewed its certificate (signed by its CA): pinning it',
          );
          this.state.pinnedFingerprint = cert.fingerprint256;
          saveAgentState(this.config.stateDir, this.state);
        }
        return undefined;
      },
    };
    const client = mqtt.connect(url, {
      clientId: this.state.deviceId,
      username: creds.username,
      password: creds.password,
      protocolVersion: 4, // aedes speaks MQTT 3.1.1
      keepalive: 30,
      reconnectPeriod: 0, // our own backoff below
      connectTimeout: 5000,
      will: {
        topic: this.topic('presence'),
        payload: Buffer.from(JSON.stringify({ status: 'offline' })),
        qos: 1,
        retain: true,
      },
      ...(useTls ? tlsOptions : {}),
      ...(useWss
        ? { createWebsocket: (wsUrl: string, protocols: string[]) => this.openWebSocket(wsUrl, protocols, tlsOptions) }
        : {}),
    });
    this.client = client;
    return new Promise((resolve) => {
      let settled = false;
      client.on('connect', () => {
        this.phase = 'online';
        this.backoffMs = this.config.reconnectMinMs;
        settled = true;
        resolve(true);
        void this.online(client);
      });
      client.on('message', (topic, payload) => void this.command(topic, payload));
      client.on('error', (e: Error & { code?: number }) => {
        this.log.warn({ err: e.message, code: e.code }, 'mqtt error');
        if (e.code === 4 || e.code === 5) {
          // credentials refused (revoked): pair again
          delete this.state.credentials;
          saveAgentState(this.config.stateDir, this.state);
        }
      });
      client.on('close', () => {
        if (this.client !== client) return;
        this.client = undefined;
        client.removeAllListeners();
        client.end(true);
        if (!settled) {
          settled = true;
          resolve(false);
          return;
        }
        if (this.running) {
          this.phase = 'connecting';
          this.log.info('mqtt connection lost; reconnecting');
          void this.sleep(this.nextBackoff()).then(() => {
            if (this.running) void this.run();
          });
        }
      });
    });
  }

  /**
   * The WebSocket under MQTT over WSS, opened here because mqtt.js hands only ca/cert/key to ws
   * (the pin must reach tls.connect too) and reports a failed TLS handshake as a bare close.
   */
  private openWebSocket(
    url: string,
    protocols: string[],
    tls: { ca?: string; checkServerIdentity: (host: string, cert: { fingerprint256: string }) => Error | undefined },
  ): WebSocket {
    // ws passes these options on to tls.connect; its typings still describe an old checkServerIdentity
    const socket = new WebSocket(url, protocols, { ...tls, rejectUnauthorized: true } as unknown as ClientOptions);
    socket.on('error', (e) => this.log.warn({ err: e.message, url }, 'wss connection failed'));
    return socket;
  }

  private async online(client: mqtt.MqttClient): Promise<void> {
    await client.subscribeAsync(this.topic('cmd/#'), { qos: 1 });
    await client.publishAsync(this.topic('presence'), JSON.stringify({ status: 'online' }), { qos: 1, retain: true });
    this.publishState();
    this.log.info({ device: this.state.deviceId }, 'connected to the box');
  }

  private publish(suffix: string, payload: unknown, options: { retain?: boolean } = {}): void {
    if (!this.client?.connected) return;
    this.client.publish(this.topic(suffix), JSON.stringify(payload), { qos: 0, retain: options.retain ?? false });
  }

  private publishState(): void {
    this.publish(
      'state',
      { version: VERSION, peripherals: this.peripherals?.state() ?? [], at: new Date().toISOString() },
      { retain: true },
    );
  }

  private async command(topic: string, payload: Buffer): Promise<void> {
    const suffix = topic.slice(this.topic('').length) as DeviceCommandTopic;
    let message: { commandId?: unknown };
    try {
      message = JSON.parse(payload.toString('utf8'));
    } catch {
      this.log.warn({ topic }, 'command is not JSON');
      return;
    }
    const commandId =
      typeof message.commandId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(message.commandId)
        ? message.commandId
        : undefined;
    if (!commandId) return;
    const check = commandChecks.get(suffix);
    const bad = check ? check.Errors(message).First() : undefined;
    let ack: AckPayload;
    if (!check || bad)
      ack = {
        ok: false,
        code: 'VALIDATION_FAILED',
        params: { field: bad?.path ?? 'topic', reason: bad?.message ?? `unknown command ${suffix}` },
      };
    else {
      try {
        const p = this.peripherals!;
        if (suffix === 'cmd/print') ack = await p.print(message as PrintPayload);
        else if (suffix === 'cmd/display') ack = await p.show(message as DisplayPayload);
        else if (suffix === 'cmd/drawer') ack = await p.drawer();
        else ack = await p.tare(message as TarePayload);
      } catch (e) {
        this.log.error({ err: e, command: suffix }, 'command failed');
        ack = { ok: false, code: 'INTERNAL' };
      }
    }
    this.client?.publish(this.topic(`ack/${commandId}`), JSON.stringify(ack), { qos: 1 });
  }
}

/** True when the promise settled within `ms` (resolved or rejected); stopping must never hang on the network. */
function bounded(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      () => (clearTimeout(timer), resolve(true)),
      () => (clearTimeout(timer), resolve(true)),
    );
  });
}
