import { bonjourOn, type BonjourInstance } from '../../../devices/transports/bonjour-on-interface.ts';
import type { Logger } from 'pino';
import {
  AGENT_SERVICE_TYPE,
  parseAgentTxt,
  type AgentAdvertisement,
} from '../../contracts/devices/agent-advertisement.ts';
import type { Service } from '../../runtime/service.ts';

export type AgentSighting = AgentAdvertisement & { address: string };

/**
 * Browses one interface for device agents (`_storebox-agent._tcp`) and reports each one seen with
 * the address it answered from. bonjour-service reports a service once per browser and ignores a
 * known name answering from a new address, so every `requeryMs` the browser is made afresh: an
 * agent that came back at a new DHCP address is reported again. A TXT record that is not a valid
 * advertisement is ignored (anyone on the LAN can advertise).
 */
export class AgentBrowser implements Service {
  readonly name = 'agent-browser';
  private bonjour: BonjourInstance | undefined;
  private browser: ReturnType<BonjourInstance['find']> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly interfaceAddress: string;
  private readonly found: (agent: AgentSighting) => void;
  private readonly log: Logger;
  private readonly requeryMs: number;

  constructor(options: {
    interfaceAddress: string;
    found: (agent: AgentSighting) => void;
    log: Logger;
    requeryMs?: number;
  }) {
    this.interfaceAddress = options.interfaceAddress;
    this.found = options.found;
    this.log = options.log.child({ svc: 'agent-browser' });
    this.requeryMs = options.requeryMs ?? 60_000;
  }

  async start(): Promise<void> {
    if (this.bonjour) return;
    this.bonjour = bonjourOn(this.interfaceAddress, this.log);
    this.browse();
    this.timer = setInterval(() => this.browse(), this.requeryMs);
    this.timer.unref();
  }

  private browse(): void {
    this.browser?.stop();
    this.browser = this.bonjour?.find({ type: AGENT_SERVICE_TYPE, protocol: 'tcp' }, (service) => {
      const ad = parseAgentTxt((service.txt ?? {}) as Record<string, unknown>);
      // the address the answer came from is the agent's on this link; its A records may list others
      const address = service.referer?.address ?? service.addresses?.find((a) => !a.includes(':'));
      if (!ad || !address) {
        this.log.debug({ name: service.name }, 'ignoring an agent advertisement without a valid TXT record');
        return;
      }
      try {
        this.found({ ...ad, address });
      } catch (e) {
        this.log.error({ err: e, device: ad.deviceId }, 'recording a discovered agent failed');
      }
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.browser?.stop();
    this.browser = undefined;
    const bonjour = this.bonjour;
    this.bonjour = undefined;
    bonjour?.destroy();
  }
}
