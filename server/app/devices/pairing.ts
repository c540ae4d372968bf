import type {
  AnnounceRequest,
  AnnounceResult,
  Credentials,
  UpdateDeviceRequest,
} from '../../contracts/devices/device-api.schema.ts';
import type { Principal } from '../../core/devices/topic-acl.ts';
import { FixedWindowLimiter } from '../../core/devices/fixed-window-limiter.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { DeviceRecord, DeviceStore } from '../ports/device-store.port.ts';
import type { StoreContext } from '../store-context.ts';

/** MQTT usernames of devices: a colon never appears in a staff username, so the two cannot collide. */
export const DEVICE_USERNAME_PREFIX = 'device:';

/** What the credentials reply tells the agent about the broker. */
export type BrokerEndpoint = {
  mqttPort: () => number;
  mqttTlsPort: () => number | undefined;
  wssPort: () => number | undefined;
  tls: () => { fingerprint: string; caPem: string } | undefined;
};

/**
 * Pairing (docs/devices.md): an agent announces itself with a pairing code it shows; a manager
 * approves by typing that code; the agent then fetches its own MQTT credentials once with the claim
 * token from its announce. The box stores only hashes of the code, the claim token and the secret.
 */
export class DevicePairing {
  private readonly ctx: StoreContext;
  private readonly devices: DeviceStore;
  private readonly endpoint: BrokerEndpoint;
  private readonly announces: FixedWindowLimiter;
  /** called when a device loses its credentials (revoked, ignored): its MQTT session must end at once */
  private readonly onRevoked: (deviceId: string) => void;

  constructor(options: {
    ctx: StoreContext;
    devices: DeviceStore;
    endpoint: BrokerEndpoint;
    onRevoked: (deviceId: string) => void;
  }) {
    this.ctx = options.ctx;
    this.devices = options.devices;
    this.endpoint = options.endpoint;
    this.onRevoked = options.onRevoked;
    this.announces = new FixedWindowLimiter(options.ctx.config.devices.announcePerMinute, 60_000);
  }

  // the code is only 6 digits: salt it with the device id so one table cannot reverse every device's hash
  private codeHash(deviceId: string, code: string): string {
    return this.ctx.secrets.sha256Hex(`${deviceId}:${code}`);
  }

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  announce(input: AnnounceRequest, sourceAddress: string): Result<AnnounceResult> {
    if (!this.announces.take(sourceAddress, this.ctx.clock.now().getTime())) return err('RATE_LIMITED');
    const at = this.now();
    const keyHash = this.ctx.secrets.sha256Hex(input.agentKey);
    const address = input.address ?? sourceAddress;
    const existing = this.devices.byId(input.deviceId);
    const log = this.ctx.log.child({ device: input.deviceId, name: input.name });
    if (
      existing &&
      (existing.kind !== 'agent' || (existing.agentKeySha256 !== keyHash && existing.status !== 'revoked'))
    ) {
      log.warn({ address }, 'announce refused: the device id belongs to another agent');
      return err('DEVICE_ID_TAKEN', 'deviceId', { deviceId: input.deviceId });
    }
    const claimToken = this.ctx.secrets.newToken();
    const fresh = {
      pairingCodeSha256: this.codeHash(input.deviceId, input.pairingCode),
      codeFailures: 0,
      claimTokenSha256: this.ctx.secrets.sha256Hex(claimToken),
      credentialsClaimed: false,
      secretSha256: null,
    };
    if (!existing) {
      this.devices.insert({
        id: input.deviceId,
        kind: 'agent',
        name: input.name,
        capabilities: input.capabilities,
        status: 'pending',
        laneId: null,
        laneHint: input.laneHint ?? null,
        address,
        agentVersion: input.agentVersion,
        agentKeySha256: keyHash,
        paperWidth: 80,
        createdAt: at,
        updatedAt: at,
        lastSeenAt: at,
        ...fresh,
      });
      log.info({ address }, 'device announced; waiting for approval');
      return ok({ deviceId: input.deviceId, status: 'pending', claimToken, ...this.httpsOffer() });
    }
    // rediscovered (maybe at a new address): update the one record, never a second one
    const seen = {
      address,
      agentVersion: input.agentVersion,
      capabilities: input.capabilities,
      laneHint: input.laneHint ?? null,
      updatedAt: at,
      lastSeenAt: at,
    };
    if (existing.address !== address)
      log.info({ from: existing.address, to: address }, 'device moved to a new address');
    switch (existing.status) {
      case 'approved':
        if (existing.credentialsClaimed) {
          this.devices.update(existing.id, seen);
          return ok({ deviceId: existing.id, status: 'approved' });
        }
        // approved but the agent restarted before fetching its credentials: a new claim token
        this.devices.update(existing.id, { ...seen, claimTokenSha256: fresh.claimTokenSha256 });
        return ok({ deviceId: existing.id, status: 'approved', claimToken, ...this.httpsOffer() });
      case 'ignored':
        this.devices.update(existing.id, seen);
        return ok({ deviceId: existing.id, status: 'ignored' });
      case 'pending':
      case 'revoked':
        // a new announce shows a new code: failures and any old claim start over
        this.devices.update(existing.id, { ...seen, ...fresh, status: 'pending', agentKeySha256: keyHash });
        return ok({ deviceId: existing.id, status: 'pending', claimToken, ...this.httpsOffer() });
    }
  }

  /** With a claim open, where to claim it without the secret crossing the LAN in clear (docs/devices.md). */
  private httpsOffer(): { httpsPort?: number; tlsFingerprint?: string } {
    const tls = this.endpoint.tls();
    const httpsPort = this.endpoint.wssPort(); // the HTTPS listener serves the API and /mqtt alike
    return tls && httpsPort !== undefined ? { httpsPort, tlsFingerprint: tls.fingerprint } : {};
  }

  approve(
    actor: string,
    deviceId: string,
    input: { code: string; laneId?: string; name?: string },
  ): Result<DeviceRecord> {
    const device = this.devices.byId(deviceId);
    if (!device) return err('DEVICE_NOT_FOUND', 'id', { deviceId });
    if (device.status !== 'pending' || !device.pairingCodeSha256)
      return err('DEVICE_NOT_PENDING', 'id', { deviceId, status: device.status });
    const max = this.ctx.config.devices.maxPairingFailures;
    if (device.codeFailures >= max) return err('DEVICE_PAIRING_LOCKED', 'code', { deviceId });
    if (input.laneId !== undefined && !this.ctx.repos.lanes.exists(input.laneId))
      return err('DEVICE_LANE_UNKNOWN', 'laneId', { laneId: input.laneId });
    const at = this.now();
    if (this.codeHash(deviceId, input.code) !== device.pairingCodeSha256) {
      const failures = device.codeFailures + 1;
      this.devices.update(deviceId, { codeFailures: failures, updatedAt: at });
      this.ctx.log.warn({ device: deviceId, name: device.name, actor, failures }, 'wrong pairing code');
      if (failures >= max) return err('DEVICE_PAIRING_LOCKED', 'code', { deviceId });
      return err('DEVICE_PAIRING_CODE_WRONG', 'code', { remaining: max - failures });
    }
    const changes = {
      status: 'approved' as const,
      pairingCodeSha256: null,
      codeFailures: 0,
      laneId: input.laneId ?? device.laneId ?? this.hintedLane(device),
      name: input.name ?? device.name,
      updatedAt: at,
    };
    this.ctx.tx.run(() => {
      this.devices.update(deviceId, changes);
      this.ctx.repos.audit.append({
        at,
        actor,
        action: 'device.approved',
        subject: deviceId,
        detail: { name: changes.name, laneId: changes.laneId },
      });
    });
    return ok({ ...device, ...changes });
  }

  private hintedLane(device: DeviceRecord): string | null {
    return device.laneHint && this.ctx.repos.lanes.exists(device.laneHint) ? device.laneHint : null;
  }

  /** Issues the device's MQTT secret, once: only its SHA-256 is kept. */
  claimCredentials(deviceId: string, claimToken: string): Result<Credentials> {
    const device = this.devices.byId(deviceId);
    if (
      !device ||
      device.kind !== 'agent' ||
      !device.claimTokenSha256 ||
      device.claimTokenSha256 !== this.ctx.secrets.sha256Hex(claimToken)
    ) {
      if (device?.status === 'approved' && device.credentialsClaimed)
        return err('DEVICE_CREDENTIALS_CLAIMED', 'claimToken');
      return err('DEVICE_CLAIM_INVALID', 'claimToken');
    }
    if (device.status !== 'approved') return err('DEVICE_NOT_APPROVED', 'id', { deviceId });
    const secret = this.ctx.secrets.newToken();
    this.devices.update(deviceId, {
      secretSha256: this.ctx.secrets.sha256Hex(secret),
      credentialsClaimed: true,
      claimTokenSha256: null,
      updatedAt: this.now(),
    });
    const tls = this.endpoint.tls();
    const tlsPort = this.endpoint.mqttTlsPort();
    const wssPort = this.endpoint.wssPort();
    return ok({
      storeId: this.ctx.repos.store.get()!.id,
      username: DEVICE_USERNAME_PREFIX + deviceId,
      password: secret,
      mqttPort: this.endpoint.mqttPort(),
      ...(tls && (tlsPort !== undefined || wssPort !== undefined)
        ? { tlsFingerprint: tls.fingerprint, caPem: tls.caPem }
        : {}),
      ...(tls && tlsPort !== undefined ? { mqttTlsPort: tlsPort } : {}),
      ...(tls && wssPort !== undefined ? { wssPort } : {}),
    });
  }

  update(actor: string, deviceId: string, input: UpdateDeviceRequest): Result<DeviceRecord> {
    const device = this.devices.byId(deviceId);
    if (!device) return err('DEVICE_NOT_FOUND', 'id', { deviceId });
    if (typeof input.laneId === 'string' && !this.ctx.repos.lanes.exists(input.laneId))
      return err('DEVICE_LANE_UNKNOWN', 'laneId', { laneId: input.laneId });
    const at = this.now();
    const changes: Partial<DeviceRecord> = { updatedAt: at };
    if (input.name !== undefined) changes.name = input.name;
    if (input.laneId !== undefined) changes.laneId = input.laneId;
    if (input.paperWidth !== undefined) changes.paperWidth = input.paperWidth;
    if (input.ignored === true)
      Object.assign(changes, {
        status: 'ignored',
        secretSha256: null,
        credentialsClaimed: false,
        claimTokenSha256: null,
        pairingCodeSha256: null,
      });
    if (input.ignored === false && device.status === 'ignored') changes.status = 'revoked'; // it must pair again
    this.ctx.tx.run(() => {
      this.devices.update(deviceId, changes);
      this.ctx.repos.audit.append({ at, actor, action: 'device.updated', subject: deviceId, detail: { ...input } });
    });
    if (changes.status === 'ignored') this.onRevoked(deviceId);
    return ok({ ...device, ...changes });
  }

  /** Revocation takes the credentials away and ends the device's MQTT session at once. */
  revoke(actor: string, deviceId: string): Result<DeviceRecord> {
    const device = this.devices.byId(deviceId);
    if (!device) return err('DEVICE_NOT_FOUND', 'id', { deviceId });
    const at = this.now();
    const changes = {
      status: 'revoked' as const,
      secretSha256: null,
      credentialsClaimed: false,
      claimTokenSha256: null,
      pairingCodeSha256: null,
      updatedAt: at,
    };
    this.ctx.tx.run(() => {
      this.devices.update(deviceId, changes);
      this.ctx.repos.audit.append({
        at,
        actor,
        action: 'device.revoked',
        subject: deviceId,
        detail: { name: device.name },
      });
    });
    this.onRevoked(deviceId);
    this.ctx.log.info({ device: deviceId, name: device.name, actor }, 'device revoked');
    return ok({ ...device, ...changes });
  }

  /** A network ESC/POS printer the box drives itself; the same host:port updates the same record. */
  addNetworkPrinter(
    actor: string,
    input: { host: string; port: number; name: string; laneId?: string; paperWidth?: 58 | 80 },
    status: 'approved' | 'pending' = 'approved',
  ): Result<DeviceRecord> {
    if (input.laneId !== undefined && !this.ctx.repos.lanes.exists(input.laneId))
      return err('DEVICE_LANE_UNKNOWN', 'laneId', { laneId: input.laneId });
    const id = networkPrinterId(input.host, input.port);
    const at = this.now();
    const existing = this.devices.byId(id);
    const address = `${input.host}:${input.port}`;
    if (existing) {
      // discovery only refreshes what it saw; a manager's add also approves and assigns
      const changes: Partial<DeviceRecord> =
        status === 'approved'
          ? {
              status,
              name: input.name,
              address,
              laneId: input.laneId ?? existing.laneId,
              paperWidth: input.paperWidth ?? existing.paperWidth,
              updatedAt: at,
              lastSeenAt: at,
            }
          : { address, lastSeenAt: at };
      this.devices.update(id, changes);
      if (status === 'approved')
        this.ctx.repos.audit.append({
          at,
          actor,
          action: 'device.printer_added',
          subject: id,
          detail: { address, laneId: changes.laneId ?? null },
        });
      return ok({ ...existing, ...changes });
    }
    const record: DeviceRecord = {
      id,
      kind: 'network-printer',
      name: input.name,
      capabilities: ['printer', 'drawer'],
      status,
      laneId: input.laneId ?? null,
      laneHint: null,
      address,
      agentVersion: '',
      agentKeySha256: null,
      pairingCodeSha256: null,
      codeFailures: 0,
      claimTokenSha256: null,
      secretSha256: null,
      credentialsClaimed: false,
      paperWidth: input.paperWidth ?? 80,
      createdAt: at,
      updatedAt: at,
      lastSeenAt: at,
    };
    this.devices.insert(record);
    if (status === 'approved')
      this.ctx.repos.audit.append({
        at,
        actor,
        action: 'device.printer_added',
        subject: id,
        detail: { address, laneId: record.laneId },
      });
    return ok(record);
  }

  /** MQTT CONNECT of a device: `device:<id>` and the secret it was issued. */
  authenticate(username: string, password: string): Principal | null | undefined {
    if (!username.startsWith(DEVICE_USERNAME_PREFIX)) return undefined; // not a device: staff check next
    const deviceId = username.slice(DEVICE_USERNAME_PREFIX.length);
    const stored = this.devices.secretOf(deviceId);
    return stored !== undefined && stored === this.ctx.secrets.sha256Hex(password)
      ? { kind: 'device', deviceId }
      : null;
  }
}

export function networkPrinterId(host: string, port: number): string {
  return `printer-${host.replace(/[^A-Za-z0-9]/g, '-')}-${port}`.slice(0, 64);
}

/** What the console lists: no hashes. */
export function publicDevice(d: DeviceRecord, online: boolean | undefined) {
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    capabilities: d.capabilities,
    status: d.status,
    laneId: d.laneId,
    laneHint: d.laneHint,
    address: d.address,
    agentVersion: d.agentVersion,
    paperWidth: d.paperWidth,
    codeFailures: d.codeFailures,
    online: online ?? false,
    createdAt: d.createdAt,
    lastSeenAt: d.lastSeenAt,
  };
}
