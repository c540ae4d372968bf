import { mqttWebSocketRoute } from '../adapters/http/routes/mqtt-ws.routes.ts';
import { MqttBroker } from '../adapters/mqtt/mqtt-broker.ts';
import { authenticateMqtt } from '../app/auth/mqtt-credentials.ts';
import type { BoxContext } from './store-context.ts';
import { serverTlsOf, type Feature, type Wiring } from './feature.ts';

/**
 * The embedded broker (docs/mqtt.md): TCP, TLS and MQTT over WebSocket at /mqtt. Staff sign in with their
 * console credentials; the other features' clients (paired devices) through their `mqtt` hooks, which are
 * read from the wiring when a client connects, so the broker is built before the features that publish.
 */
export function mqttFeature(ctx: BoxContext, wiring: Wiring): Feature & { broker: MqttBroker } {
  const { config, log, bus } = ctx;
  const hooks = wiring.mqtt;
  const store = ctx.repos.store.get()!;
  const broker = new MqttBroker({
    config,
    log,
    storeId: () => store.id,
    // a feature's own clients first; anything else goes to the staff check
    authenticate: async (username, password, client) => {
      for (const h of hooks) {
        const r = await h.authenticate?.(username, password, client);
        if (r) return r;
      }
      return authenticateMqtt(ctx, { username, password, address: client.address });
    },
    validateDevicePublish: (deviceId, topic, payload) => {
      for (const h of hooks) {
        const reason = h.validateDevicePublish?.(deviceId, topic, payload);
        if (reason !== undefined) return reason;
      }
      return undefined;
    },
    deviceName: (id) => hooks.map((h) => h.deviceName?.(id)).find((n) => n !== undefined) ?? id,
    tls: () => serverTlsOf(wiring),
    isDeviceId: (clientId) => hooks.some((h) => h.isDeviceId?.(clientId) ?? false),
    auditStaffPublish: (username, topic, payload) => {
      for (const h of hooks) h.auditStaffPublish?.(username, topic, payload);
    },
  });
  // a staff user's role or status changed: their MQTT connections end with their HTTP sessions
  bus.on('staff.sessions_ended', (e) => broker.disconnectStaff(e.username));
  return { name: 'mqtt', broker, services: [broker], routes: [mqttWebSocketRoute(broker)] };
}
