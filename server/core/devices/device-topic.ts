import { deviceRoot } from './topic-acl.ts';

/**
 * Topic names of the device tree (docs/mqtt.md): `sb/<store>/dev/<deviceId>/<suffix>`, where a
 * suffix is `state`, `presence`, `events/scan|weight|key`, `cmd/print|display|drawer|tare` or
 * `ack/<commandId>`. Web customer displays read `sb/<store>/lane/<laneId>/display`.
 */
export type DeviceTopic = { deviceId: string; suffix: string; commandId?: string };

export function deviceTopic(storeId: string, deviceId: string, suffix: string): string {
  return deviceRoot(storeId, deviceId) + suffix;
}

export function laneDisplayTopic(storeId: string, laneId: string): string {
  return `sb/${storeId}/lane/${laneId}/display`;
}

/** The device and suffix of a topic in this store's device tree, or undefined for any other topic. */
export function parseDeviceTopic(storeId: string, topic: string): DeviceTopic | undefined {
  const prefix = `sb/${storeId}/dev/`;
  if (!topic.startsWith(prefix)) return undefined;
  const rest = topic.slice(prefix.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  const deviceId = rest.slice(0, slash);
  const suffix = rest.slice(slash + 1);
  if (suffix.startsWith('ack/')) {
    const commandId = suffix.slice(4);
    return commandId.length > 0 && !commandId.includes('/') ? { deviceId, suffix: 'ack', commandId } : undefined;
  }
  return { deviceId, suffix };
}
