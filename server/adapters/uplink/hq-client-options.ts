import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import { err, ok, type Result } from '../../core/result.ts';
import type { Config } from '../../runtime/config/config.schema.ts';

export type UplinkConfig = Config['uplink'];

/**
 * mqtt.js options for the HQ connection: MQTT 5, a persistent session (clean start off with a
 * session expiry, so HQ's broker queues pushes and acks while the box is offline), TLS files read
 * once at start. mqtt.js's own reconnect is off: HqConnection reconnects with backoff.
 */
export function hqClientOptions(
  config: UplinkConfig,
  storeId: string,
): Result<IClientOptions, 'UPLINK_NOT_CONFIGURED' | 'UPLINK_TLS_FILE_UNREADABLE'> {
  if (!config.url) return err('UPLINK_NOT_CONFIGURED', 'uplink.url');
  const options: IClientOptions = {
    protocolVersion: 5,
    clientId: config.clientId ?? `storebox-${storeId}`,
    clean: false,
    keepalive: config.keepaliveSeconds,
    connectTimeout: 10_000,
    reconnectPeriod: 0,
    rejectUnauthorized: true,
    properties: { sessionExpiryInterval: config.sessionExpirySeconds },
  };
  if (config.username !== undefined) options.username = config.username;
  if (config.password !== undefined) options.password = config.password;
  for (const [key, file] of [
    ['ca', config.caFile],
    ['cert', config.certFile],
    ['key', config.keyFile],
  ] as const) {
    if (file === undefined) continue;
    try {
      options[key] = readFileSync(file);
    } catch {
      return err('UPLINK_TLS_FILE_UNREADABLE', `uplink.${key}File`, { file });
    }
  }
  return ok(options);
}

/** The broker address for status and logs, never with credentials. */
export function brokerLabel(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return null;
  }
}
