import { Type, type Static } from '@sinclair/typebox';

/**
 * HQ → box on `<prefix>/<storeId>/request`. Each request is answered once on the MQTT 5 response
 * topic it names (or `<prefix>/<storeId>/response`), with its correlation data echoed
 * [MQTT-3.3.2-16]. `requestId`, when given, is echoed too, for HQ tools without MQTT 5 properties.
 */
const RequestId = Type.Optional(Type.String({ minLength: 1, maxLength: 128 }));

export const SummaryRequestSchema = Type.Object(
  {
    kind: Type.Literal('summary'),
    requestId: RequestId,
    businessDate: Type.String({
      pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
      description: 'the store-local business date, YYYY-MM-DD',
    }),
  },
  { additionalProperties: false },
);

/** Sends every outbox row from `fromSeq` on again, acknowledged or not (HQ lost data, or rebuilds). */
export const ResendRequestSchema = Type.Object(
  {
    kind: Type.Literal('resend'),
    requestId: RequestId,
    fromSeq: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const PingRequestSchema = Type.Object(
  { kind: Type.Literal('ping'), requestId: RequestId },
  { additionalProperties: false },
);

/** The request kinds, each validated against its own schema so an error names the field. */
export const UPLINK_REQUEST_SCHEMAS = {
  summary: SummaryRequestSchema,
  resend: ResendRequestSchema,
  ping: PingRequestSchema,
} as const;
export type UplinkRequestKind = keyof typeof UPLINK_REQUEST_SCHEMAS;

export type SummaryRequest = Static<typeof SummaryRequestSchema>;
export type ResendRequest = Static<typeof ResendRequestSchema>;
export type PingRequest = Static<typeof PingRequestSchema>;
export type UplinkRequest = SummaryRequest | ResendRequest | PingRequest;

const Fen = Type.Integer();
const TenderTotals = Type.Array(
  Type.Object(
    { kind: Type.String(), count: Type.Integer({ minimum: 0 }), amountFen: Fen },
    { additionalProperties: false },
  ),
);

/**
 * The nightly store summary for one business date, computed in one read transaction. Sale tenders
 * count what was handed over: Σ tenders − changeFen = dueFen. `refunds`, `points` and
 * `storedValue` are present when the box's database holds those tables.
 */
export const StoreSummarySchema = Type.Object(
  {
    storeId: Type.String(),
    businessDate: Type.String(),
    generatedAt: Type.String(),
    /** the highest outbox seq at the time of the summary: HQ holds every fact of the day once it has acked this */
    outboxSeq: Type.Integer({ minimum: 0 }),
    sales: Type.Object(
      {
        count: Type.Integer({ minimum: 0 }),
        grossFen: Fen,
        discountFen: Fen,
        dueFen: Fen,
        taxFen: Fen,
        changeFen: Fen,
      },
      { additionalProperties: false },
    ),
    tenders: TenderTotals,
    refunds: Type.Optional(
      Type.Object(
        {
          count: Type.Integer({ minimum: 0 }),
          grossFen: Fen,
          discountFen: Fen,
          refundFen: Fen,
          taxFen: Fen,
          tenders: TenderTotals,
        },
        { additionalProperties: false },
      ),
    ),
    points: Type.Optional(
      Type.Object(
        { earned: Type.Integer({ minimum: 0 }), redeemed: Type.Integer({ minimum: 0 }) },
        { additionalProperties: false },
      ),
    ),
    storedValue: Type.Optional(
      Type.Object({ topupFen: Fen, bonusFen: Fen, payFen: Fen, refundFen: Fen }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type StoreSummary = Static<typeof StoreSummarySchema>;

export const PongSchema = Type.Object(
  {
    pong: Type.Literal(true),
    at: Type.String(),
    ackedSeq: Type.Integer({ minimum: 0 }),
    lastSeq: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type Pong = Static<typeof PongSchema>;

export const ResendAcceptedSchema = Type.Object(
  { fromSeq: Type.Integer({ minimum: 1 }), lastSeq: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type ResendAccepted = Static<typeof ResendAcceptedSchema>;

/** The error half of every uplink reply (STYLE.md habit 7), `field` naming the offending input. */
export const UplinkErrorSchema = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  },
  { additionalProperties: false },
);
export type UplinkError = Static<typeof UplinkErrorSchema>;

/** box → HQ: `{ok: true, data}` or `{ok: false, error}`, with the request's kind and requestId. */
export const UplinkResponseSchema = Type.Union([
  Type.Object(
    {
      ok: Type.Literal(true),
      kind: Type.String(),
      requestId: RequestId,
      data: Type.Union([StoreSummarySchema, PongSchema, ResendAcceptedSchema]),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { ok: Type.Literal(false), kind: Type.Optional(Type.String()), requestId: RequestId, error: UplinkErrorSchema },
    { additionalProperties: false },
  ),
]);
export type UplinkResponse = Static<typeof UplinkResponseSchema>;
