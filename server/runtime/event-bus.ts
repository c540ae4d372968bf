import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

/** Events the box publishes internally; the live event stream and MQTT fan them out. */
export type BoxEvents = {
  'audit.appended': { seq: number; action: string; actor: string };
  'sale.completed': { saleId: string; laneId: string; receiptNo: string; dueFen: number };
  'device.alert': { deviceId: string; laneId?: string; kind: string; message: string };
  'device.presence': { deviceId: string; online: boolean };
  /** pushed to one lane's WebSocket as {topic: 'lane.event', payload} (scale weight, scans, device alerts) */
  'lane.event': { laneId: string; payload: { kind: string; [key: string]: unknown } };
  /** a lane screen connected or disconnected (the console's lanes live); `cashier` is who signed in on it */
  'lane.presence': { laneId: string; cashier: string; online: boolean };
  /** a manager retired the lane: its lane sockets are told and closed (its sessions are already gone) */
  'lane.retired': { laneId: string };
  /** a lane message was answered (customer display, devices); data is the reply's data */
  'lane.replied': { laneId: string; topic: string; data: { cart: unknown; [key: string]: unknown } };
  /**
   * a staff user's role, status or password changed: their HTTP sessions are deleted already;
   * every adapter ends what it holds open for them at once (lane and event WebSockets, MQTT)
   */
  'staff.sessions_ended': { userId: number; username: string };
  /** a committed movement took a product's on hand below zero or below its minimum (docs/inventory.md) */
  'stock.alert': { sku: string; kind: 'negative' | 'low'; onHand: number; minOnHand: number | null };
};

/**
 * A typed event bus. A listener that throws is logged with the event name and the others still
 * run (STYLE.md habit 6: one failing unit never takes the store down).
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
    this.emitter.setMaxListeners(1000);
  }

  on<K extends keyof BoxEvents>(event: K, listener: (payload: BoxEvents[K]) => void): () => void {
    const safe = (payload: BoxEvents[K]) => {
      try {
        listener(payload);
      } catch (e) {
        this.log.error({ err: e, event }, 'event listener failed');
      }
    };
    this.emitter.on(event, safe);
    return () => this.emitter.off(event, safe);
  }

  emit<K extends keyof BoxEvents>(event: K, payload: BoxEvents[K]): void {
    this.emitter.emit(event, payload);
  }
}
