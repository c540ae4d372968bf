import type { DisplayEvent } from '../../core/devices/display-event.ts';
import { EscPosEncoder } from '../../../devices/drivers/escpos/escpos.encoder.ts';
import type { TareRequest } from '../../contracts/devices/device-api.schema.ts';
import type { Receipt } from '../../core/sale/receipt.ts';
import { renderReceipt } from '../../../devices/drivers/escpos/receipt.renderer.ts';
import { displayEventFor, type LaneDisplayInput } from '../../core/devices/customer-display.ts';
import { laneDisplayTopic, parseDeviceTopic } from '../../core/devices/device-topic.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Service } from '../../runtime/service.ts';
import type { DeviceRecord, DeviceStore } from '../ports/device-store.port.ts';
import type { SaleStore } from '../ports/sale-store.port.ts';
import type { StoreContext } from '../store-context.ts';
import type { DeviceBroker, DeviceHub } from './device-hub.ts';
import type { PrintQueue } from './print-queue.ts';

type CartLike = {
  lines?: Array<{ name?: { zh?: string }; netFen?: number; lineId?: string }>;
  totals?: { dueFen?: number };
} | null;

/**
 * The lane's devices during the store's day: a completed sale prints its receipt on the lane's
 * printer (drawer kick inside the receipt for cash), and the customer display follows the cart
 * (item, total, change). Display events also go to `sb/<store>/lane/<laneId>/display` (retained)
 * for web customer displays.
 */
export class LaneDevices implements Service {
  readonly name = 'lane-devices';
  private readonly ctx: StoreContext;
  private readonly devices: DeviceStore;
  private readonly sales: SaleStore;
  private readonly hub: DeviceHub;
  private readonly broker: DeviceBroker;
  private readonly printQueue: PrintQueue;
  private offs: Array<() => void> = [];

  constructor(options: {
    ctx: StoreContext;
    devices: DeviceStore;
    sales: SaleStore;
    hub: DeviceHub;
    broker: DeviceBroker;
    printQueue: PrintQueue;
  }) {
    this.ctx = options.ctx;
    this.devices = options.devices;
    this.sales = options.sales;
    this.hub = options.hub;
    this.broker = options.broker;
    this.printQueue = options.printQueue;
  }

  async start(): Promise<void> {
    if (this.offs.length > 0) return;
    this.offs.push(
      this.ctx.bus.on('sale.completed', (e) => {
        this.printReceipt(e.saleId);
      }),
      this.ctx.bus.on('lane.replied', (e) => this.followCart(e.laneId, e.topic, e.data)),
    );
  }

  async stop(): Promise<void> {
    for (const off of this.offs.splice(0)) off();
  }

  /** The lane's receipt printer: a network printer first, else an agent that drives one. */
  printerOf(laneId: string): DeviceRecord | undefined {
    const candidates = this.devices.forLane(laneId).filter((d) => d.capabilities.includes('printer'));
    return candidates.find((d) => d.kind === 'network-printer') ?? candidates[0];
  }

  /** Queues a sale's receipt on its lane's printer (also the console's "reprint"). */
  printReceipt(saleId: string): Result<{ jobId: string; deviceId: string }> {
    const sale = this.sales.byId(saleId);
    if (!sale) return err('SALE_NOT_FOUND', 'saleId');
    const printer = this.printerOf(sale.laneId);
    if (!printer) {
      this.ctx.log.debug({ lane: sale.laneId, sale: saleId }, 'no receipt printer on this lane');
      return err('DEVICE_NO_PRINTER', 'laneId', { laneId: sale.laneId });
    }
    const bytes = renderReceipt(sale.receipt as Receipt, printer.paperWidth);
    return ok({ jobId: this.printQueue.enqueue(printer.id, saleId, bytes), deviceId: printer.id });
  }

  /**
   * A supervisor opens the lane's cash drawer by hand (no sale): through the lane's network printer
   * (ESC p, sent now, never queued) or its agent (`cmd/drawer`). Every attempt is audited with its
   * outcome: a timed-out acknowledgement may still have opened the drawer.
   */
  async openDrawer(actor: string, laneId: string, reason: string | undefined): Promise<Result<{ deviceId: string }>> {
    if (!this.ctx.repos.lanes.exists(laneId)) return err('DEVICE_LANE_UNKNOWN', 'laneId', { laneId });
    const candidates = this.devices.forLane(laneId).filter((d) => d.capabilities.includes('drawer'));
    const device = candidates.find((d) => d.kind === 'network-printer') ?? candidates[0];
    if (!device) return err('DEVICE_NO_DRAWER', 'laneId', { laneId });
    let outcome: Result<void>;
    if (device.kind === 'network-printer') {
      // ESC p 0 25 250: pulse pin 2 (docs/formats.md §4.1), as in a cash sale's receipt
      outcome = await this.printQueue.sendNow(device, new EscPosEncoder().drawerKick().encode());
    } else {
      const ack = await this.hub.command(device.id, 'cmd/drawer', {});
      outcome = !ack.ok
        ? ack
        : ack.value.ok
          ? ok(undefined)
          : err(ack.value.code ?? 'PRINTER_ERROR', undefined, ack.value.params);
    }
    const at = this.ctx.clock.now().toISOString();
    this.ctx.repos.audit.append({
      at,
      actor,
      action: 'lane.drawer_opened',
      subject: laneId,
      detail: {
        deviceId: device.id,
        reason: reason ?? null,
        ok: outcome.ok,
        ...(outcome.ok ? {} : { code: outcome.code }),
      },
    });
    this.ctx.log.info({ lane: laneId, device: device.id, actor, ok: outcome.ok }, 'cash drawer opened by hand');
    return outcome.ok ? ok({ deviceId: device.id }) : outcome;
  }

  /**
   * A staff tool (manager or admin) published to a device's topic over MQTT. A `cmd/drawer` opens
   * that lane's cash drawer as surely as openDrawer does, so it is audited the same way, before the
   * broker delivers it (an audit that fails refuses the message). The outcome is unknown here: the
   * tool, not the box, receives the device's acknowledgement.
   */
  auditStaffCommand(actor: string, topic: string): void {
    const parsed = parseDeviceTopic(this.ctx.repos.store.get()!.id, topic);
    if (parsed?.suffix !== 'cmd/drawer') return;
    const device = this.devices.byId(parsed.deviceId);
    this.ctx.repos.audit.append({
      at: this.ctx.clock.now().toISOString(),
      actor,
      action: 'lane.drawer_opened',
      subject: device?.laneId ?? '',
      detail: { deviceId: parsed.deviceId, reason: null, via: 'mqtt', ok: null },
    });
    this.ctx.log.info({ lane: device?.laneId, device: parsed.deviceId, actor }, 'cash drawer opened over MQTT');
  }

  /** Tare, zero or clear the tare of the lane's scale (`cmd/tare` to its agent). */
  async tare(laneId: string, action: TareRequest['action']): Promise<Result<{ deviceId: string }>> {
    if (!this.ctx.repos.lanes.exists(laneId)) return err('DEVICE_LANE_UNKNOWN', 'laneId', { laneId });
    const scale = this.devices.forLane(laneId).find((d) => d.kind === 'agent' && d.capabilities.includes('scale'));
    if (!scale) return err('DEVICE_NO_SCALE', 'laneId', { laneId });
    const ack = await this.hub.command(scale.id, 'cmd/tare', { action });
    if (!ack.ok) return ack;
    return ack.value.ok
      ? ok({ deviceId: scale.id })
      : err(ack.value.code ?? 'SCALE_COMMAND_REJECTED', undefined, ack.value.params ?? { command: action });
  }

  private followCart(laneId: string, topic: string, data: { cart: unknown; [key: string]: unknown }): void {
    const input = displayInput(topic, data);
    if (!input) return;
    const event = displayEventFor(input);
    if (event) this.show(laneId, event);
  }

  show(laneId: string, event: DisplayEvent): void {
    const storeId = this.ctx.repos.store.get()!.id;
    void this.broker
      .publish(laneDisplayTopic(storeId, laneId), JSON.stringify(event), { retain: true })
      .catch(() => undefined);
    for (const d of this.devices.forLane(laneId)) {
      if (d.kind !== 'agent' || !d.capabilities.includes('display') || !this.hub.isOnline(d.id)) continue;
      // the display never holds up a sale: a failed or unacknowledged display is logged only
      void this.hub.command(d.id, 'cmd/display', { event }).then((r) => {
        if (!r.ok || !r.value.ok)
          this.ctx.log.warn(
            { device: d.id, name: d.name, code: r.ok ? r.value.code : r.code },
            'customer display did not show',
          );
      });
    }
  }
}

function displayInput(topic: string, data: { cart: unknown; [key: string]: unknown }): LaneDisplayInput | undefined {
  const cart = data.cart as CartLike;
  switch (topic) {
    case 'cart.scan':
    case 'cart.setQuantity': {
      const last = cart?.lines?.at(-1);
      return { topic, lastLine: last ? { name: last.name?.zh ?? '', netFen: last.netFen ?? 0 } : undefined };
    }
    case 'cart.total':
      return { topic, dueFen: cart?.totals?.dueFen ?? 0 };
    case 'cart.complete': {
      const sale = data.sale as { tenderedFen?: number; changeFen?: number } | undefined;
      return sale ? { topic, tenderedFen: sale.tenderedFen ?? 0, changeFen: sale.changeFen ?? 0 } : undefined;
    }
    case 'cart.open':
    case 'cart.void':
    case 'cart.park':
      return { topic };
  }
  return undefined;
}
