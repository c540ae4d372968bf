import type { EventBus } from '../../runtime/event-bus.ts';

/**
 * Which lanes have a lane screen connected, and who signed in on it, from the bus's lane.presence (the lane
 * WebSocket emits it on connect and close). A lane may have two screens for a moment (a reload): it stays
 * online until the last one leaves.
 */
export class LanePresence {
  private readonly screens = new Map<string, { count: number; cashier: string }>();
  private off: (() => void) | undefined;
  readonly name = 'lane presence';
  private readonly bus: EventBus;

  constructor(bus: EventBus) {
    this.bus = bus;
  }

  async start(): Promise<void> {
    this.off = this.bus.on('lane.presence', (e) => {
      const was = this.screens.get(e.laneId);
      const count = (was?.count ?? 0) + (e.online ? 1 : -1);
      if (count <= 0) this.screens.delete(e.laneId);
      else this.screens.set(e.laneId, { count, cashier: e.online ? e.cashier : (was?.cashier ?? e.cashier) });
    });
  }

  async stop(): Promise<void> {
    this.off?.();
    this.off = undefined;
  }

  /** the signed-in cashier of a connected lane, or undefined when no screen is connected */
  cashierAt(laneId: string): string | undefined {
    return this.screens.get(laneId)?.cashier;
  }
}
