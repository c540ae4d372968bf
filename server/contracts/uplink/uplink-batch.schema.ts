import { Type, type Static } from '@sinclair/typebox';

const StoreId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' });
const Seq = Type.Integer({ minimum: 1 });

/** One outbox row as HQ receives it: `payload` is the fact exactly as the box stored it. */
export const OutboxRowSchema = Type.Object(
  {
    seq: Seq,
    topic: Type.String({ minLength: 1, description: 'the fact kind: sale.completed, member.notification, …' }),
    payload: Type.Unknown(),
    createdAt: Type.String({ description: 'ISO 8601, when the fact was committed' }),
  },
  { additionalProperties: false },
);
export type OutboxRow = Static<typeof OutboxRowSchema>;

/**
 * box → HQ on `<prefix>/<storeId>/batch`, QoS 1. Batches cover consecutive seq ranges: a batch's
 * `fromSeq` is one past the previous batch's `toSeq`, and a seq inside [fromSeq, toSeq] missing from
 * `rows` does not exist (a rolled-back transaction), so HQ can advance its contiguous mark over it.
 */
export const UplinkBatchSchema = Type.Object(
  {
    storeId: StoreId,
    fromSeq: Seq,
    toSeq: Seq,
    rows: Type.Array(OutboxRowSchema),
  },
  { additionalProperties: false },
);
export type UplinkBatch = Static<typeof UplinkBatchSchema>;

/** HQ → box on `<prefix>/<storeId>/ack`: every seq ≤ ackSeq is stored at HQ (cumulative, like TCP). */
export const UplinkAckSchema = Type.Object(
  {
    storeId: StoreId,
    ackSeq: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type UplinkAck = Static<typeof UplinkAckSchema>;
