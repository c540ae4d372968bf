import { Type, type Static } from '@sinclair/typebox';
import { PeripheralSchema } from './device-messages.schema.ts';

/**
 * A device's name as people read it: no control characters (a U+0000 passed the length check but
 * SQLite counts text only up to it, so the CHECK on the column failed as a 500; found by the fuzz).
 */
const DeviceName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });

/** HTTP bodies of /api/v1/devices (docs/devices.md). The agent imports these types. */
export const DeviceId = Type.String({
  minLength: 3,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$',
  description: 'chosen by the agent at first start; stable across restarts and addresses',
});

export const AnnounceBody = Type.Object(
  {
    deviceId: DeviceId,
    agentKey: Type.String({
      minLength: 32,
      maxLength: 128,
      description: "the agent's own random key; a different key cannot take the same device id",
    }),
    pairingCode: Type.String({
      pattern: '^[0-9]{6}$',
      description: 'shown by the agent; the manager types it to approve',
    }),
    name: DeviceName,
    capabilities: Type.Array(PeripheralSchema, { maxItems: 8, uniqueItems: true }),
    laneHint: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
    address: Type.Optional(Type.String({ maxLength: 64 })),
    agentVersion: Type.String({ minLength: 1, maxLength: 32 }),
  },
  { additionalProperties: false },
);
export type AnnounceRequest = Static<typeof AnnounceBody>;

export const AnnounceReply = Type.Object({
  deviceId: Type.String(),
  status: Type.String(),
  /** present when a claim is open: the agent fetches its credentials with it after approval */
  claimToken: Type.Optional(Type.String()),
  /** the box's HTTPS port (http.tlsPort) and certificate fingerprint: the agent claims its credentials there, pinned */
  httpsPort: Type.Optional(Type.Integer()),
  tlsFingerprint: Type.Optional(Type.String()),
});
export type AnnounceResult = Static<typeof AnnounceReply>;

export const ApproveBody = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]{6}$' }),
    laneId: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
    name: Type.Optional(DeviceName),
  },
  { additionalProperties: false },
);
export const CredentialsBody = Type.Object(
  { claimToken: Type.String({ minLength: 16, maxLength: 128 }) },
  { additionalProperties: false },
);

export const CredentialsReply = Type.Object({
  storeId: Type.String(),
  username: Type.String(),
  password: Type.String(),
  mqttPort: Type.Integer(),
  mqttTlsPort: Type.Optional(Type.Integer()),
  /** HTTPS port for MQTT over WSS at `/mqtt` (http.tlsPort), same certificate */
  wssPort: Type.Optional(Type.Integer()),
  /** SHA-256 of the box's TLS certificate, colon-separated hex as openssl prints it */
  tlsFingerprint: Type.Optional(Type.String()),
  caPem: Type.Optional(Type.String()),
});
export type Credentials = Static<typeof CredentialsReply>;

export const UpdateDeviceBody = Type.Object(
  {
    name: Type.Optional(DeviceName),
    laneId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 16 }), Type.Null()])),
    ignored: Type.Optional(Type.Boolean()),
    paperWidth: Type.Optional(Type.Union([Type.Literal(58), Type.Literal(80)])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDeviceRequest = Static<typeof UpdateDeviceBody>;

export const AddPrinterBody = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:_-]+$' }),
    port: Type.Integer({ minimum: 1, maximum: 65535, default: 9100 }),
    name: DeviceName,
    laneId: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
    paperWidth: Type.Optional(Type.Union([Type.Literal(58), Type.Literal(80)])),
  },
  { additionalProperties: false },
);
export type AddPrinterRequest = Static<typeof AddPrinterBody>;

export const LaneIdParams = Type.Object({ laneId: Type.String({ minLength: 1, maxLength: 16 }) });
export const OpenDrawerBody = Type.Object(
  {
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'why the drawer is opened without a sale (audited)' }),
    ),
  },
  { additionalProperties: false },
);
export type OpenDrawerRequest = Static<typeof OpenDrawerBody>;
export const TareBody = Type.Object(
  { action: Type.Union([Type.Literal('tare'), Type.Literal('zero'), Type.Literal('clear-tare')]) },
  { additionalProperties: false },
);
export type TareRequest = Static<typeof TareBody>;

export const DeviceIdParams = Type.Object({ id: DeviceId });
export const JobIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
