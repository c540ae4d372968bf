import type { Peripheral } from '../../contracts/devices/device-messages.schema.ts';
import type { DeviceKind, DeviceRecord, DeviceStatus, DeviceStore } from '../../app/ports/device-store.port.ts';
import type { Db } from './database.ts';

export type { DeviceKind, DeviceRecord, DeviceStatus } from '../../app/ports/device-store.port.ts';

type Row = {
  id: string;
  kind: DeviceKind;
  name: string;
  capabilities: string;
  status: DeviceStatus;
  lane_id: string | null;
  lane_hint: string | null;
  address: string;
  agent_version: string;
  agent_key_sha256: string | null;
  pairing_code_sha256: string | null;
  code_failures: number;
  claim_token_sha256: string | null;
  secret_sha256: string | null;
  credentials_claimed: number;
  paper_width: 58 | 80;
  created_at: string;
  updated_at: string;
  last_seen_at: string | null;
};

const fromRow = (r: Row): DeviceRecord => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  capabilities: JSON.parse(r.capabilities) as Peripheral[],
  status: r.status,
  laneId: r.lane_id,
  laneHint: r.lane_hint,
  address: r.address,
  agentVersion: r.agent_version,
  agentKeySha256: r.agent_key_sha256,
  pairingCodeSha256: r.pairing_code_sha256,
  codeFailures: r.code_failures,
  claimTokenSha256: r.claim_token_sha256,
  secretSha256: r.secret_sha256,
  credentialsClaimed: r.credentials_claimed === 1,
  paperWidth: r.paper_width,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lastSeenAt: r.last_seen_at,
});

const COLUMNS: ReadonlyArray<readonly [keyof DeviceRecord, string]> = [
  ['kind', 'kind'],
  ['name', 'name'],
  ['capabilities', 'capabilities'],
  ['status', 'status'],
  ['laneId', 'lane_id'],
  ['laneHint', 'lane_hint'],
  ['address', 'address'],
  ['agentVersion', 'agent_version'],
  ['agentKeySha256', 'agent_key_sha256'],
  ['pairingCodeSha256', 'pairing_code_sha256'],
  ['codeFailures', 'code_failures'],
  ['claimTokenSha256', 'claim_token_sha256'],
  ['secretSha256', 'secret_sha256'],
  ['credentialsClaimed', 'credentials_claimed'],
  ['paperWidth', 'paper_width'],
  ['updatedAt', 'updated_at'],
  ['lastSeenAt', 'last_seen_at'],
];

function toColumn(key: keyof DeviceRecord, value: unknown): unknown {
  if (key === 'capabilities') return JSON.stringify(value);
  if (key === 'credentialsClaimed') return value ? 1 : 0;
  return value;
}

/** Devices: paired agents and network printers. One row per device id; a new address updates it. */
export class DeviceRepository implements DeviceStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  byId(id: string): DeviceRecord | undefined {
    const row = this.db.prepare('SELECT * FROM device WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  list(): DeviceRecord[] {
    return (this.db.prepare('SELECT * FROM device ORDER BY created_at, id').all() as Row[]).map(fromRow);
  }

  /** Approved devices assigned to a lane. */
  forLane(laneId: string): DeviceRecord[] {
    return (
      this.db
        .prepare("SELECT * FROM device WHERE lane_id = ? AND status = 'approved' ORDER BY created_at, id")
        .all(laneId) as Row[]
    ).map(fromRow);
  }

  insert(d: DeviceRecord): void {
    const names = ['id', 'created_at', ...COLUMNS.map(([, c]) => c)];
    const values = [d.id, d.createdAt, ...COLUMNS.map(([k]) => toColumn(k, d[k]))];
    this.db
      .prepare(`INSERT INTO device (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)
      .run(...values);
  }

  update(id: string, changes: Partial<Omit<DeviceRecord, 'id' | 'createdAt'>>): void {
    const set = COLUMNS.filter(([k]) => k in changes);
    if (set.length === 0) return;
    this.db
      .prepare(`UPDATE device SET ${set.map(([, c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
      .run(...set.map(([k]) => toColumn(k, (changes as Partial<DeviceRecord>)[k])), id);
  }

  /** The MQTT secret hash of an approved device whose credentials were issued. */
  secretOf(id: string): string | undefined {
    const row = this.db
      .prepare("SELECT secret_sha256 FROM device WHERE id = ? AND status = 'approved' AND secret_sha256 IS NOT NULL")
      .get(id) as { secret_sha256: string } | undefined;
    return row?.secret_sha256;
  }
}
