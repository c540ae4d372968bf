/**
 * Who may publish or subscribe where on the box's broker. Topic tree (docs/mqtt.md):
 *   sb/<store>/dev/<deviceId>/...   a device's own subtree (state, presence, events, commands, acks)
 *   sb/<store>/...                  everything else: the box and staff tools
 * A device touches only its own subtree; `#` and other devices' topics are refused.
 */
export type Principal = { kind: 'staff'; username: string; role: string } | { kind: 'device'; deviceId: string };

export function deviceRoot(storeId: string, deviceId: string): string {
  return `sb/${storeId}/dev/${deviceId}/`;
}

function hasWildcard(topic: string): boolean {
  return topic.includes('#') || topic.includes('+');
}

export function mayPublish(principal: Principal, storeId: string, topic: string): boolean {
  if (hasWildcard(topic) || topic.startsWith('$')) return false;
  if (principal.kind === 'staff') return topic.startsWith(`sb/${storeId}/`);
  // commands flow box → device only: a device cannot forge its own cmd/ topics
  const root = deviceRoot(storeId, principal.deviceId);
  return topic.startsWith(root) && topic.length > root.length && !topic.startsWith(`${root}cmd/`);
}

export function maySubscribe(principal: Principal, storeId: string, filter: string): boolean {
  if (filter.startsWith('$')) return false;
  if (principal.kind === 'staff')
    return filter === `sb/${storeId}/#` || (filter.startsWith(`sb/${storeId}/`) && !filter.startsWith('$'));
  const root = deviceRoot(storeId, principal.deviceId);
  // wildcards only below the device's own root, never at or above it
  return filter.startsWith(root) && !hasWildcard(root) && filter.length > root.length - 1;
}
