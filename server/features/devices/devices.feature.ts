import type { MqttBroker } from '../../adapters/mqtt/mqtt-broker.ts';
import type { BoxContext } from '../store-context.ts';
import type { Feature } from '../feature.ts';
import { createDeviceModule, type DeviceModule } from './device-module.ts';

/** The listeners the devices need once they are bound: the HTTPS port paired devices use, the TLS reload. */
export type DeviceListeners = { readonly http: { readonly tlsPort: number | undefined }; reloadTls(): Promise<void> };

export type DevicesFeature = Feature & { readonly devices: DeviceModule };

/**
 * Devices (docs/devices.md): pairing, the device hub, the print queue, lane devices, agent and printer
 * browsing, the box's TLS certificate and its renewal. Its services start after the broker.
 */
export function devicesFeature(
  ctx: BoxContext,
  deps: { broker: MqttBroker; listeners: DeviceListeners },
): DevicesFeature {
  const { listeners } = deps;
  const devices = createDeviceModule(ctx, deps.broker, () => listeners.http.tlsPort);
  // a renewed box certificate (docs/devices.md, TLS): new connections get it, mDNS advertises its fingerprint
  devices.onTlsRenewed(() => listeners.reloadTls());
  return {
    name: 'devices',
    devices,
    services: devices.services,
    routes: devices.routes,
    mqtt: devices.mqtt,
    serverTls: devices.serverTls,
    mdnsTxt: devices.txt,
  };
}
