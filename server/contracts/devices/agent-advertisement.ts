import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DeviceId } from './device-api.schema.ts';
import { PeripheralSchema, type Peripheral } from './device-messages.schema.ts';

/** DNS-SD service type of device agents (`_storebox-agent._tcp`; ≤ 15 characters, RFC 6763 §7.2). */
export const AGENT_SERVICE_TYPE = 'storebox-agent';

/** What an agent says about itself over mDNS; the box only reads it (docs/devices.md). */
export const AgentAdvertisementSchema = Type.Object({
  deviceId: DeviceId,
  name: Type.String({ minLength: 1, maxLength: 64 }),
  kinds: Type.Array(PeripheralSchema, { maxItems: 8, uniqueItems: true }),
  agentVersion: Type.String({ minLength: 1, maxLength: 32 }),
});
export type AgentAdvertisement = Static<typeof AgentAdvertisementSchema>;

/** TXT keys: `id`, `name`, `kinds` (comma-separated), `version`; short keys keep the record small (RFC 6763 §6.4). */
export function agentTxt(a: AgentAdvertisement): Record<string, string> {
  return { id: a.deviceId, name: a.name, kinds: a.kinds.join(','), version: a.agentVersion };
}

/** The advertisement in a TXT record, or undefined when it is not a valid one (anyone on the LAN can advertise). */
export function parseAgentTxt(txt: Readonly<Record<string, unknown>>): AgentAdvertisement | undefined {
  // bonjour-service decodes TXT values to strings
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const kinds = str(txt.kinds);
  const candidate = {
    deviceId: str(txt.id),
    name: str(txt.name),
    kinds: kinds === '' ? [] : (kinds.split(',') as Peripheral[]),
    agentVersion: str(txt.version),
  };
  return Value.Check(AgentAdvertisementSchema, candidate) ? candidate : undefined;
}
