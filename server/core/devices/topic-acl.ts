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

/**
 * Topic Names and Topic Filters MUST NOT include the null character U+0000 [MQTT-4.7.3-2]; a
 * receiver of a packet with one MUST close the connection [MQTT-1.5.3-2]. The broker closes it;
 * this predicate keeps such a topic from ever being allowed.
 */
export function hasNullCharacter(value: string | undefined): boolean {
  return value !== undefined && value.includes('\u0000');
}

export function mayPublish(principal: Principal, storeId: string, topic: string): boolean {
  if (hasWildcard(topic) || topic.startsWith('$') || hasNullCharacter(topic)) return false;
  if (principal.kind === 'staff') return topic.startsWith(`sb/${storeId}/`);
  // commands flow box → device only: a device cannot forge its own cmd/ topics
  const root = deviceRoot(storeId, principal.deviceId);
  return topic.startsWith(root) && topic.length > root.length && !topic.startsWith(`${root}cmd/`);
}

export function maySubscribe(principal: Principal, storeId: string, filter: string): boolean {
  if (filter.startsWith('$') || hasNullCharacter(filter)) return false;
  if (principal.kind === 'staff')
    return filter === `sb/${storeId}/#` || (filter.startsWith(`sb/${storeId}/`) && !filter.startsWith('$'));
  const root = deviceRoot(storeId, principal.deviceId);
  // wildcards only below the device's own root, never at or above it
  return filter.startsWith(root) && !hasWildcard(root) && filter.length > root.length - 1;
}

/** The credential a client id is bound to: `device:<id>` or `staff:<username>`. */
export function principalKey(principal: Principal): string {
  return principal.kind === 'device' ? `device:${principal.deviceId}` : `staff:${principal.username}`;
}

/**
 * Whether a principal may CONNECT with this client id. The broker takes a session over by client
 * id [MQTT-3.1.4-2] and hands it the queued messages [MQTT-3.1.2-4], so a client id belongs to
 * one credential: a device only ever uses its own id (a paired device's id is reserved for it,
 * whoever else asks), and a staff tool's id stays bound to the user who holds it (`boundTo`, the
 * key of the session's owner, while that session lives).
 */
export function mayUseClientId(
  principal: Principal,
  clientId: string,
  holder: { isDeviceId: boolean; boundTo: string | undefined },
): boolean {
  if (principal.kind === 'device') return clientId === principal.deviceId;
  if (holder.isDeviceId) return false;
  return holder.boundTo === undefined || holder.boundTo === principalKey(principal);
}
