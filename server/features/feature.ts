import type { FastifyPluginAsync } from 'fastify';
import type {
  BrokerTls,
  DevicePublishValidator,
  MqttClientInfo,
  StaffPublishAuditor,
} from '../adapters/mqtt/mqtt-broker.ts';
import type { SaleEffect } from '../app/checkout/complete-sale.ts';
import type { RefundEffect } from '../app/returns/refund-effect.ts';
import type { Principal } from '../core/devices/topic-acl.ts';
import type { Result } from '../core/result.ts';
import type { Service } from '../runtime/service.ts';

/**
 * What a feature gives the broker (server/features/mqtt.feature.ts): its own MQTT clients' credentials and
 * the checks on what they publish. A hook answers undefined for a client that is not this feature's.
 */
export type FeatureMqtt = {
  /** this feature's credentials (a paired device's); undefined: not one of ours, ask the next (staff last) */
  readonly authenticate?: (
    username: string,
    password: string,
    client: MqttClientInfo,
  ) => Promise<Result<Principal>> | Result<Principal> | undefined;
  /** why a device's publication is refused, or undefined */
  readonly validateDevicePublish?: DevicePublishValidator;
  /** a device's display name for the logs, or undefined when it is not this feature's */
  readonly deviceName?: (deviceId: string) => string | undefined;
  /** a client id reserved for one of this feature's clients */
  readonly isDeviceId?: (clientId: string) => boolean;
  /** sees a staff tool's publication before it is delivered; throws to refuse it */
  readonly auditStaffPublish?: StaffPublishAuditor;
};

/**
 * One feature of the box (docs/architecture.md, "Adding a feature"): everything it contributes, built in its
 * module under server/features/ — the only place besides main.ts that may import both app and adapters.
 * main.ts lists the features once, in start order, and collects these.
 */
export type Feature = {
  readonly name: string;
  /** started in the list's order, after the database; stopped in reverse */
  readonly services?: readonly Service[];
  /** route plugins for the HTTP server, registered in the list's order */
  readonly routes?: readonly FastifyPluginAsync[];
  /** written in the sale's transaction, in the list's order (server/app/checkout/complete-sale.ts) */
  readonly saleEffects?: readonly SaleEffect[];
  /** written in the refund's transaction, in the list's order (server/app/returns/refund-effect.ts) */
  readonly refundEffects?: readonly RefundEffect[];
  readonly mqtt?: FeatureMqtt;
  /** the key and certificate the HTTPS/WSS and MQTT TLS listeners serve (the box's own CA) */
  readonly serverTls?: () => BrokerTls | undefined;
  /** mDNS TXT keys this feature adds to the box's advertisement */
  readonly mdnsTxt?: () => Record<string, string>;
};

/**
 * What the features give each other through the complete list: filled by `wire()` in main.ts once every
 * feature is built and before anything starts, so no feature needs a forward reference to another.
 */
export type Wiring = {
  readonly routes: FastifyPluginAsync[];
  readonly saleEffects: SaleEffect[];
  readonly refundEffects: RefundEffect[];
  readonly mqtt: FeatureMqtt[];
  readonly serverTls: Array<() => BrokerTls | undefined>;
  readonly mdnsTxt: Array<() => Record<string, string>>;
};

export function emptyWiring(): Wiring {
  return { routes: [], saleEffects: [], refundEffects: [], mqtt: [], serverTls: [], mdnsTxt: [] };
}

/** Collects the features' contributions, in the list's order. Called once, before the services start. */
export function wire(wiring: Wiring, features: readonly Feature[]): void {
  for (const f of features) {
    wiring.routes.push(...(f.routes ?? []));
    wiring.saleEffects.push(...(f.saleEffects ?? []));
    wiring.refundEffects.push(...(f.refundEffects ?? []));
    if (f.mqtt) wiring.mqtt.push(f.mqtt);
    if (f.serverTls) wiring.serverTls.push(f.serverTls);
    if (f.mdnsTxt) wiring.mdnsTxt.push(f.mdnsTxt);
  }
}

/** The first feature's certificate (only the devices feature has one). */
export function serverTlsOf(wiring: Wiring): BrokerTls | undefined {
  for (const tls of wiring.serverTls) {
    const found = tls();
    if (found) return found;
  }
  return undefined;
}
