import type { FastifyPluginAsync } from 'fastify';
import { AgentBrowser } from '../../adapters/discovery/agent-browser.ts';
import { PrinterBrowser } from '../../adapters/discovery/printer-browser.ts';
import { deviceRoutes } from '../../adapters/http/routes/devices.routes.ts';
import { eventRoutes } from '../../adapters/http/routes/events.routes.ts';
import { deviceMessageValidator } from '../../adapters/mqtt/device-payload-validator.ts';
import type { BrokerTls, MqttBroker } from '../../adapters/mqtt/mqtt-broker.ts';
import { NetworkPrinter } from '../../adapters/printers/network-printer.ts';
import { DeviceRepository } from '../../adapters/sqlite/device.repository.ts';
import { PrintJobRepository } from '../../adapters/sqlite/print-job.repository.ts';
import { DEFAULT_LEAF_POLICY, ensureBoxTls, renewBoxTlsIfDue, type BoxTls } from '../../adapters/tls/box-ca.ts';
import type { StoreSettings } from '../../contracts/store/store-settings.schema.ts';
import { TlsRenewal } from '../../adapters/tls/tls-renewal.service.ts';
import { err, ok } from '../../core/result.ts';
import type { Service } from '../../runtime/service.ts';
import type { BoxContext } from '../store-context.ts';
import { agentPrinter } from '../../app/devices/agent-printer.ts';
import { AgentSightings } from '../../app/devices/agent-sightings.ts';
import { DeviceHub } from '../../app/devices/device-hub.ts';
import { LaneDevices } from '../../app/devices/lane-devices.ts';
import { DevicePairing } from '../../app/devices/pairing.ts';
import { PrintQueue } from '../../app/devices/print-queue.ts';
import type { FeatureMqtt } from '../feature.ts';

export type DeviceModule = {
  readonly devices: DeviceRepository;
  readonly jobs: PrintJobRepository;
  readonly pairing: DevicePairing;
  readonly hub: DeviceHub;
  readonly printQueue: PrintQueue;
  readonly laneDevices: LaneDevices;
  readonly sightings: AgentSightings;
  /** the box's current certificate (it changes when the renewal reissues it) */
  readonly tls: BoxTls | undefined;
  /** reissues the certificate before it expires; undefined without TLS */
  readonly tlsRenewal: TlsRenewal | undefined;
  /** called after a renewal: the listeners load the new certificate, mDNS advertises its fingerprint */
  onTlsRenewed(listener: (tls: BoxTls) => void | Promise<void>): void;
  /** the broker's hooks for paired devices: their credentials, payload checks, names and client ids */
  readonly mqtt: FeatureMqtt;
  /** the key and certificate of the HTTPS/WSS listener (the same as the broker's) */
  serverTls(): BrokerTls | undefined;
  /** started after the broker, in this order */
  readonly services: readonly Service[];
  readonly routes: readonly FastifyPluginAsync[];
  /** mDNS TXT keys: the MQTT TLS and HTTPS ports and the certificate fingerprint devices pin */
  txt(): Record<string, string>;
};

/**
 * The devices feature's parts (server/features/devices/devices.feature.ts lists them): repositories, the box's
 * TLS certificate (when mqtt.tlsPort or http.tlsPort is set), pairing, the device hub, the print queue, the lane
 * devices, the printer and agent browsers, and their routes. The broker is built before the devices (its device
 * hooks are bound late, server/features/mqtt.feature.ts); the HTTPS port is read once the listener is bound.
 */
export function createDeviceModule(
  ctx: BoxContext,
  broker: MqttBroker,
  httpsPort: () => number | undefined,
): DeviceModule {
  const { config } = ctx;
  const store = ctx.repos.store.get()!;
  const devices = new DeviceRepository(ctx.db);
  const jobs = new PrintJobRepository(ctx.db);
  const wantsTls = config.mqtt.tlsPort !== undefined || config.http.tlsPort !== undefined;
  const names = {
    boxId: store.boxId,
    storeId: store.id,
    hosts: [config.mqtt.host, config.http.host, config.mdns.interface],
  };
  // the store setting `tlsCertificate` (life and renewal window), read at each check so a change applies at the next one
  const leafPolicy = () => (ctx.repos.store.get()!.settings as StoreSettings).tlsCertificate ?? DEFAULT_LEAF_POLICY;
  let tls = wantsTls ? ensureBoxTls(config.dataDir, names, leafPolicy()) : undefined;
  const renewedListeners: Array<(tls: BoxTls) => void | Promise<void>> = [];
  const tlsRenewal = tls
    ? new TlsRenewal({
        clock: ctx.clock,
        log: ctx.log,
        renew: (now) => renewBoxTlsIfDue(config.dataDir, names, now, leafPolicy()),
        renewed: async (renewed) => {
          tls = renewed;
          for (const listener of renewedListeners) await listener(renewed);
        },
      })
    : undefined;
  const serverTls = () => (tls ? { key: tls.keyPem, cert: tls.certPem } : undefined);
  const hub = new DeviceHub({ ctx, devices, broker });
  const pairing = new DevicePairing({
    ctx,
    devices,
    endpoint: {
      mqttPort: () => broker.port,
      mqttTlsPort: () => broker.tlsPort,
      wssPort: httpsPort,
      tls: () => (tls ? { fingerprint: tls.fingerprint, caPem: tls.caPem } : undefined),
    },
    onRevoked: (deviceId) => hub.disconnect(deviceId),
  });
  const printQueue = new PrintQueue({
    ctx,
    jobs,
    devices,
    hub,
    targetFor: (d) =>
      d.kind === 'network-printer'
        ? new NetworkPrinter(d.address)
        : agentPrinter(hub, d.id, Math.max(config.devices.commandTimeoutMs, 15_000)),
  });
  const laneDevices = new LaneDevices({ ctx, devices, sales: ctx.repos.sales, hub, broker, printQueue });
  const sightings = new AgentSightings({ ctx, devices });
  const services: Service[] = [...(tlsRenewal ? [tlsRenewal] : []), hub, printQueue, laneDevices];
  if (config.mdns.enabled && config.devices.browseAgents) {
    services.push(
      new AgentBrowser({
        interfaceAddress: config.mdns.interface,
        log: ctx.log,
        found: (agent) => sightings.record(agent),
      }),
    );
  }
  if (config.mdns.enabled && config.devices.browsePrinters) {
    services.push(
      new PrinterBrowser({
        interfaceAddress: config.mdns.interface,
        log: ctx.log,
        found: (p) => {
          const r = pairing.addNetworkPrinter(
            'mdns',
            { host: p.host, port: p.port, name: p.name.slice(0, 64) },
            'pending',
          );
          if (r.ok && r.value.status === 'pending')
            ctx.log.info(
              { printer: r.value.id, address: r.value.address },
              'network printer discovered; add it to a lane to use it',
            );
        },
      }),
    );
  }
  return {
    devices,
    jobs,
    pairing,
    hub,
    printQueue,
    laneDevices,
    sightings,
    get tls() {
      return tls;
    },
    tlsRenewal,
    onTlsRenewed: (listener) => void renewedListeners.push(listener),
    mqtt: {
      // device credentials; undefined for anything else, which goes to the staff check
      authenticate(username, password) {
        const device = pairing.authenticate(username, password);
        if (device === undefined) return undefined;
        return device ? ok(device) : err('AUTH_INVALID_CREDENTIALS');
      },
      validateDevicePublish: deviceMessageValidator(() => store.id),
      deviceName: (id) => devices.byId(id)?.name ?? id,
      isDeviceId: (clientId) => devices.byId(clientId) !== undefined,
      auditStaffPublish: (username, topic) => laneDevices.auditStaffCommand(username, topic),
    },
    serverTls,
    services,
    routes: [deviceRoutes({ devices, jobs, pairing, hub, printQueue, laneDevices, sightings }), eventRoutes(ctx)],
    txt: (): Record<string, string> => {
      if (!tls) return {};
      const mqtts = broker.tlsPort;
      const https = httpsPort();
      return {
        ...(mqtts !== undefined ? { mqtts: String(mqtts) } : {}),
        ...(https !== undefined ? { https: String(https) } : {}),
        tls: tls.fingerprint,
      };
    },
  };
}
