import type {
  AckPayload,
  CommandPayload,
  DeviceCommandTopic,
  DeviceStatePayload,
  PresencePayload,
  ScanPayload,
  WeightPayload,
} from '../../contracts/devices/device-messages.schema.ts';
import { deviceTopic, parseDeviceTopic } from '../../core/devices/device-topic.ts';
import type { Principal } from '../../core/devices/topic-acl.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Service } from '../../runtime/service.ts';
import type { DeviceStore } from '../ports/device-store.port.ts';
import type { StoreContext } from '../store-context.ts';

/** The broker as the hub needs it (MqttBroker implements it). */
export type DeviceBroker = {
  publish(topic: string, payload: string | Buffer, options?: { qos?: 0 | 1; retain?: boolean }): Promise<void>;
  onDevicePublish(listener: (deviceId: string, topic: string, payload: Buffer) => void): () => void;
  disconnect(predicate: (principal: Principal | undefined) => boolean): number;
};

type Pending = { resolve: (r: Result<AckPayload>) => void; timer: NodeJS.Timeout };
type LaneWeight = { deviceId: string; grams: number; stable: boolean; ok: boolean };

/**
 * The box's side of the device tree: presence, state, scale weights and scans from agents, and
 * commands to them with acknowledgements. Device alerts go to the bus (console and the lane).
 * Payloads reaching here were validated at the broker edge.
 */
export class DeviceHub implements Service {
  readonly name = 'devices';
  private readonly ctx: StoreContext;
  private readonly devices: DeviceStore;
  private readonly broker: DeviceBroker;
  private readonly online = new Map<string, boolean>();
  private readonly printerStatus = new Map<string, string>();
  private readonly weights = new Map<string, LaneWeight>();
  private readonly pending = new Map<string, Pending>();
  private unsubscribe: (() => void) | undefined;

  constructor(options: { ctx: StoreContext; devices: DeviceStore; broker: DeviceBroker }) {
    this.ctx = options.ctx;
    this.devices = options.devices;
    this.broker = options.broker;
  }

  async start(): Promise<void> {
    this.unsubscribe ??= this.broker.onDevicePublish((deviceId, topic, payload) =>
      this.receive(deviceId, topic, payload),
    );
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(err('UNAVAILABLE'));
      this.pending.delete(id);
    }
  }

  /** the printer status last reported by an agent or a network printer ('ok', 'offline', 'paper-out', ...) */
  printerStatusOf(deviceId: string): string | undefined {
    return this.printerStatus.get(deviceId);
  }

  isOnline(deviceId: string): boolean {
    return this.online.get(deviceId) === true;
  }

  /**
   * The lane scale's current weight when it is stable and valid (LaneDeps.scaleWeight). Over
   * capacity, under zero and motion arrive as weight events that are not stable-and-ok; a scale or
   * agent going offline drops the weight (forgetWeight), so nothing prices with a stale reading.
   */
  stableWeight(laneId: string): number | undefined {
    const w = this.weights.get(laneId);
    return w && w.stable && w.ok && w.grams > 0 ? w.grams : undefined;
  }

  /** Ends a device's MQTT session at once (revoked or ignored). */
  disconnect(deviceId: string): number {
    const device = this.devices.byId(deviceId);
    if (device) this.presence(deviceId, device.name, device.laneId ?? undefined, false);
    return this.broker.disconnect((p) => p?.kind === 'device' && p.deviceId === deviceId);
  }

  /**
   * Sends `cmd/<x>` with a fresh command id and waits for `ack/<commandId>` (bounded by
   * devices.commandTimeoutMs). An offline device is answered at once.
   */
  command<T extends DeviceCommandTopic>(
    deviceId: string,
    topic: T,
    body: Omit<CommandPayload<T>, 'commandId'>,
    timeoutMs = this.ctx.config.devices.commandTimeoutMs,
  ): Promise<Result<AckPayload>> {
    if (!this.isOnline(deviceId)) return Promise.resolve(err('DEVICE_OFFLINE', undefined, { deviceId }));
    const commandId = this.ctx.ids.uuid();
    const storeId = this.storeId();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(commandId);
        resolve(err('DEVICE_COMMAND_TIMEOUT', undefined, { deviceId, command: topic }));
      }, timeoutMs);
      this.pending.set(commandId, { resolve, timer });
      this.broker
        .publish(deviceTopic(storeId, deviceId, topic), JSON.stringify({ ...body, commandId }), { qos: 1 })
        .catch((e: Error) => {
          clearTimeout(timer);
          this.pending.delete(commandId);
          this.ctx.log.warn({ device: deviceId, err: e.message }, 'command publish failed');
          resolve(err('DEVICE_OFFLINE', undefined, { deviceId }));
        });
    });
  }

  private storeId(): string {
    return this.ctx.repos.store.get()!.id;
  }

  private receive(deviceId: string, topic: string, payload: Buffer): void {
    const parsed = parseDeviceTopic(this.storeId(), topic);
    if (!parsed) return;
    const device = this.devices.byId(deviceId);
    if (!device || device.status !== 'approved') return;
    const message = JSON.parse(payload.toString('utf8')) as unknown;
    const laneId = device.laneId ?? undefined;
    switch (parsed.suffix) {
      case 'presence':
        this.presence(deviceId, device.name, laneId, (message as PresencePayload).status === 'online');
        break;
      case 'state':
        this.state(deviceId, device.name, laneId, message as DeviceStatePayload);
        break;
      case 'events/weight': {
        const w = message as WeightPayload;
        if (!laneId) return;
        this.weights.set(laneId, { deviceId, grams: w.grams, stable: w.stable, ok: w.condition === 'ok' });
        this.ctx.bus.emit('lane.event', {
          laneId,
          payload: { kind: 'weight', deviceId, grams: w.grams, stable: w.stable, condition: w.condition },
        });
        break;
      }
      case 'events/scan': {
        const s = message as ScanPayload;
        if (laneId)
          this.ctx.bus.emit('lane.event', {
            laneId,
            payload: { kind: 'scan', deviceId, code: s.code, symbology: s.symbology },
          });
        break;
      }
      case 'events/key':
        if (laneId)
          this.ctx.bus.emit('lane.event', {
            laneId,
            payload: { kind: 'key', deviceId, key: (message as { key: string }).key },
          });
        break;
      case 'ack': {
        const waiting = this.pending.get(parsed.commandId!);
        if (!waiting) return;
        clearTimeout(waiting.timer);
        this.pending.delete(parsed.commandId!);
        waiting.resolve(ok(message as AckPayload));
        break;
      }
    }
  }

  private presence(deviceId: string, name: string, laneId: string | undefined, online: boolean): void {
    const was = this.online.get(deviceId);
    this.online.set(deviceId, online);
    this.devices.update(deviceId, { lastSeenAt: this.ctx.clock.now().toISOString() });
    if (!online) this.forgetWeight(deviceId, laneId);
    if (was === online) return;
    this.ctx.bus.emit('device.presence', { deviceId, online });
    if (!online || was === false)
      this.alert(deviceId, name, laneId, online ? 'online' : 'offline', online ? `${name} 已恢复在线` : `${name} 离线`);
  }

  /** The device's scale weight no longer holds (scale or agent offline): the lane must weigh again. */
  private forgetWeight(deviceId: string, laneId: string | undefined): boolean {
    if (!laneId || this.weights.get(laneId)?.deviceId !== deviceId) return false;
    this.weights.delete(laneId);
    return true;
  }

  private state(deviceId: string, name: string, laneId: string | undefined, state: DeviceStatePayload): void {
    const scale = state.peripherals.find((p) => p.kind === 'scale');
    if (scale && !scale.online && this.forgetWeight(deviceId, laneId))
      this.alert(deviceId, name, laneId, 'scale-offline', `${name} 电子秤离线，请重新称重`);
    const printer = state.peripherals.find((p) => p.kind === 'printer');
    if (!printer) return;
    const status = printer.online ? (printer.status ?? 'ok') : 'offline';
    const was = this.printerStatus.get(deviceId);
    this.printerStatus.set(deviceId, status);
    if (was === status || (was === undefined && status === 'ok')) return;
    this.alert(deviceId, name, laneId, `printer-${status}`, `${name} 打印机状态：${status}`);
  }

  /** One alert on the bus: the console's event stream and, for a lane's device, the lane screen. */
  alert(deviceId: string, name: string, laneId: string | undefined, kind: string, message: string): void {
    this.ctx.log.info({ device: deviceId, name, lane: laneId, kind }, 'device alert');
    this.ctx.bus.emit('device.alert', laneId ? { deviceId, laneId, kind, message } : { deviceId, kind, message });
    if (laneId) this.ctx.bus.emit('lane.event', { laneId, payload: { kind: 'alert', deviceId, alert: kind, message } });
  }
}
