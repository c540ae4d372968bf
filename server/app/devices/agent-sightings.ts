import type { AgentAdvertisement } from '../../contracts/devices/agent-advertisement.ts';
import type { DeviceStatus, DeviceStore } from '../ports/device-store.port.ts';
import type { StoreContext } from '../store-context.ts';

export type Sighting = AgentAdvertisement & { address: string; seenAt: string };

/** At most this many agents are remembered: mDNS is unauthenticated and must not grow the box's memory without bound. */
const MAX_SIGHTINGS = 256;

/**
 * Device agents the box has seen over mDNS (docs/devices.md). A known agent seen at a new address
 * updates its one record (never a second one); an agent with no record yet is only remembered
 * here, for the console's list of agents waiting to be paired: mDNS proves nothing, so nothing is
 * created from it. Pairing stays the agent's announce and a manager's approval.
 */
export class AgentSightings {
  private readonly ctx: StoreContext;
  private readonly devices: DeviceStore;
  private readonly seen = new Map<string, Sighting>();

  constructor(options: { ctx: StoreContext; devices: DeviceStore }) {
    this.ctx = options.ctx;
    this.devices = options.devices;
  }

  record(agent: AgentAdvertisement & { address: string }): void {
    const at = this.ctx.clock.now().toISOString();
    this.seen.delete(agent.deviceId);
    this.seen.set(agent.deviceId, { ...agent, seenAt: at });
    if (this.seen.size > MAX_SIGHTINGS) this.seen.delete(this.seen.keys().next().value!);
    const device = this.devices.byId(agent.deviceId);
    if (device?.kind !== 'agent' || device.address === agent.address) return;
    this.devices.update(device.id, { address: agent.address, lastSeenAt: at, updatedAt: at });
    this.ctx.log.info(
      { device: device.id, name: device.name, from: device.address, to: agent.address },
      'device agent seen at a new address',
    );
  }

  /** Every agent seen, newest first, with its record's status (`unannounced` when it has none). */
  list(): Array<Sighting & { status: DeviceStatus | 'unannounced' }> {
    return [...this.seen.values()].reverse().map((s) => {
      const device = this.devices.byId(s.deviceId);
      return { ...s, status: device?.kind === 'agent' ? device.status : 'unannounced' };
    });
  }
}
