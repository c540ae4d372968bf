import { bonjourOn, closeBonjour, type BonjourInstance } from '../transports/bonjour-on-interface.ts';
import type { Logger } from 'pino';
import {
  AGENT_SERVICE_TYPE,
  agentTxt,
  type AgentAdvertisement,
} from '../../server/contracts/devices/agent-advertisement.ts';

// The agent listens on no port; an SRV record needs one and bonjour-service refuses 0, so it names
// 9 (discard, RFC 863): the box reads the TXT record and the address, and never connects.
const NO_SERVICE_PORT = 9;

/**
 * Advertises this agent as `_storebox-agent._tcp` on one interface (the lane PC's LAN address;
 * loopback in tests), so the box sees it and notices when it comes back at a new address.
 */
export class AgentAdvertiser {
  private bonjour: BonjourInstance | undefined;
  private readonly interfaceAddress: string;
  private readonly log: Logger;

  constructor(options: { interfaceAddress: string; log: Logger }) {
    this.interfaceAddress = options.interfaceAddress;
    this.log = options.log;
  }

  start(ad: AgentAdvertisement): void {
    if (this.bonjour) return;
    this.bonjour = bonjourOn(this.interfaceAddress, this.log);
    const label = ad.deviceId.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    this.bonjour.publish({
      name: `storebox-agent-${label}`,
      type: AGENT_SERVICE_TYPE,
      protocol: 'tcp',
      port: NO_SERVICE_PORT,
      txt: agentTxt(ad),
      host: `${label}.local`,
      disableIPv6: true,
    });
    this.log.info({ interface: this.interfaceAddress }, 'advertising _storebox-agent._tcp');
  }

  async stop(): Promise<void> {
    const bonjour = this.bonjour;
    this.bonjour = undefined;
    if (!bonjour) return;
    await closeBonjour(bonjour);
  }
}
