import { Type, type Static } from '@sinclair/typebox';

/** GET /api/v1/uplink/status (manager): how far HQ has the outbox, and the connection. */
export const UplinkStatusSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    connected: Type.Boolean(),
    /** the HQ broker without credentials, e.g. mqtts://hq.example.com:8883 */
    broker: Type.Union([Type.String(), Type.Null()]),
    ackedSeq: Type.Integer({ minimum: 0 }),
    ackedAt: Type.Union([Type.String(), Type.Null()]),
    lastSeq: Type.Integer({ minimum: 0 }),
    /** outbox rows HQ has not acknowledged */
    backlog: Type.Integer({ minimum: 0 }),
    connectedSince: Type.Union([Type.String(), Type.Null()]),
    lastError: Type.Union([
      Type.Object({ code: Type.String(), message: Type.String(), at: Type.String() }),
      Type.Null(),
    ]),
    batchesSent: Type.Integer({ minimum: 0 }),
    rowsSent: Type.Integer({ minimum: 0 }),
    /** times the box sent again from the last acked seq after no ack came within ackTimeoutMs */
    ackTimeouts: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type UplinkStatus = Static<typeof UplinkStatusSchema>;
