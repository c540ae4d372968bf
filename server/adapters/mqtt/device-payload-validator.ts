import { TypeCompiler } from '@sinclair/typebox/compiler';
import { DevicePublications, type DevicePublication } from '../../contracts/devices/device-messages.schema.ts';
import { parseDeviceTopic } from '../../core/devices/device-topic.ts';
import type { DevicePublishValidator } from './mqtt-broker.ts';

const checks = new Map(
  Object.entries(DevicePublications).map(([suffix, schema]) => [
    suffix as DevicePublication,
    TypeCompiler.Compile(schema),
  ]),
);

/**
 * Validates a device's publication at the broker edge: a known suffix under its own root (the ACL
 * already checked the root), JSON, and the topic's schema. The reason names the offending field.
 */
export function deviceMessageValidator(storeId: () => string): DevicePublishValidator {
  return (deviceId, topic, payload) => {
    const parsed = parseDeviceTopic(storeId(), topic);
    if (!parsed || parsed.deviceId !== deviceId) return `topic ${topic} is not this device's`;
    const check = checks.get(parsed.suffix as DevicePublication);
    if (!check) return `unknown topic suffix ${parsed.suffix}`;
    let value: unknown;
    try {
      value = JSON.parse(payload.toString('utf8'));
    } catch {
      return 'payload is not JSON';
    }
    const bad = check.Errors(value).First();
    return bad ? `${bad.path || '/'} ${bad.message}` : undefined;
  };
}
