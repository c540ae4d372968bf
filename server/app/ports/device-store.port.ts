import type { Peripheral } from '../../contracts/devices/device-messages.schema.ts';

export type DeviceKind = 'agent' | 'network-printer';
export type DeviceStatus = 'pending' | 'approved' | 'ignored' | 'revoked';

export type DeviceRecord = {
  id: string;
  kind: DeviceKind;
  name: string;
  capabilities: Peripheral[];
  status: DeviceStatus;
  laneId: string | null;
  laneHint: string | null;
  address: string;
  agentVersion: string;
  agentKeySha256: string | null;
  pairingCodeSha256: string | null;
  codeFailures: number;
  claimTokenSha256: string | null;
  secretSha256: string | null;
  credentialsClaimed: boolean;
  paperWidth: 58 | 80;
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string | null;
};

/** Devices: paired agents and network printers, one record per device id. Writes run in the caller's transaction. */
export interface DeviceStore {
  byId(id: string): DeviceRecord | undefined;
  list(): DeviceRecord[];
  /** Approved devices assigned to a lane. */
  forLane(laneId: string): DeviceRecord[];
  insert(d: DeviceRecord): void;
  update(id: string, changes: Partial<Omit<DeviceRecord, 'id' | 'createdAt'>>): void;
  /** The MQTT secret hash of an approved device whose credentials were issued. */
  secretOf(id: string): string | undefined;
}
