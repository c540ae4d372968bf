import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The lane protocol over WebSocket at /ws/lane: every request is {transaction, topic, payload};
 * every reply echoes transaction and topic and carries the whole priced cart:
 *   {transaction, topic, ok: true, data: {cart}}  or  {transaction, topic, ok: false, error: {code, message, field?}, data: {cart}}
 * The box also pushes {topic: 'lane.event', payload} (device alerts, scale weight) with no transaction.
 */
const Supervisor = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  {
    additionalProperties: false,
    description: "a supervisor's credential, needed to void after total, void a cart or override a price",
  },
);
const LineId = Type.String({ minLength: 1, maxLength: 64 });
const empty = Type.Object({}, { additionalProperties: false });

function message<T extends string, P extends TSchema>(topic: T, payload: P) {
  return Type.Object(
    { transaction: Type.String({ minLength: 1, maxLength: 64 }), topic: Type.Literal(topic), payload },
    { additionalProperties: false },
  );
}

export const LaneRequests = {
  'cart.open': empty,
  'cart.scan': Type.Object(
    {
      code: Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'barcode (EAN-13/8, UPC-A, GS1 variable measure) or PLU',
      }),
      quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 9999 })),
      weightGrams: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 100_000,
          description: 'for goods sold by weight; else the scale reading is used',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  'cart.setQuantity': Type.Object(
    { lineId: LineId, quantity: Type.Integer({ minimum: 1, maximum: 9999 }) },
    { additionalProperties: false },
  ),
  'cart.removeLine': Type.Object(
    { lineId: LineId, supervisor: Type.Optional(Supervisor) },
    { additionalProperties: false },
  ),
  'cart.overridePrice': Type.Object(
    {
      lineId: LineId,
      unitPriceFen: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
      reason: Type.String({ minLength: 1, maxLength: 200 }),
      supervisor: Supervisor,
    },
    { additionalProperties: false },
  ),
  'cart.identifyMember': Type.Object(
    { query: Type.String({ minLength: 1, maxLength: 64, description: 'member id, phone or member code' }) },
    { additionalProperties: false },
  ),
  'cart.clearMember': empty,
  'cart.addCoupon': Type.Object(
    { code: Type.String({ minLength: 1, maxLength: 64 }) },
    { additionalProperties: false },
  ),
  'cart.removeCoupon': Type.Object(
    { code: Type.String({ minLength: 1, maxLength: 64 }) },
    { additionalProperties: false },
  ),
  'cart.redeemPoints': Type.Object(
    { points: Type.Integer({ minimum: 0, maximum: 100_000_000 }) },
    { additionalProperties: false },
  ),
  'member.register': Type.Object(
    {
      phone: Type.String({ minLength: 1, maxLength: 32 }),
      name: Type.Optional(Type.String({ maxLength: 64 })),
      birthday: Type.Optional(Type.String({ pattern: '^([0-9]{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' })),
      referralCode: Type.Optional(
        Type.String({ minLength: 1, maxLength: 32, description: "the referrer's member code" }),
      ),
      consent: Type.Optional(
        Type.Object(
          { marketing: Type.Optional(Type.Boolean()), sms: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
      ),
      saleId: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 64,
          description: 'a sale just paid without a member: attach it and earn its points',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  'cart.tenderStoredValue': Type.Object(
    {
      pin: Type.String({ minLength: 1, maxLength: 16 }),
      amountFen: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'default: the rest of the amount due' }),
      ),
    },
    { additionalProperties: false },
  ),
  'cart.park': empty,
  'cart.listParked': empty,
  'cart.resume': Type.Object(
    { parkedId: Type.String({ minLength: 1, maxLength: 64 }) },
    { additionalProperties: false },
  ),
  'cart.void': Type.Object({ supervisor: Supervisor }, { additionalProperties: false }),
  'cart.total': empty,
  'cart.tenderCash': Type.Object(
    { amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }) },
    { additionalProperties: false },
  ),
  'cart.tenderCard': Type.Object(
    {
      amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
      reference: Type.String({
        minLength: 1,
        maxLength: 64,
        description: "the card terminal's reference (参考号) from its slip",
      }),
      authCode: Type.String({ minLength: 1, maxLength: 16, description: "the terminal's authorisation code (授权码)" }),
    },
    { additionalProperties: false },
  ),
  'cart.tenderQr': Type.Object(
    {
      authCode: Type.String({
        pattern: '^[0-9]{16,24}$',
        description: "the customer's payment code (付款码) as scanned: Alipay 25-30, WeChat 10-15, UnionPay 62",
      }),
      amountFen: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'default: the rest of the amount due' }),
      ),
    },
    { additionalProperties: false },
  ),
  'cart.cancelPayment': Type.Object(
    {
      paymentId: Type.Optional(
        Type.String({
          pattern: '^[0-9a-f]{32}$',
          description: 'default: the payment in flight, else the one whose result is unknown',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  'cart.complete': Type.Object(
    {
      saleId: Type.String({
        pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
        description: 'UUIDv7 made by the lane before sending; a retry sends the same id',
      }),
      expectedDueFen: Type.Integer({
        minimum: 0,
        description: 'the amount due the lane showed; a mismatch is refused',
      }),
    },
    { additionalProperties: false },
  ),
} as const;

export type LaneTopic = keyof typeof LaneRequests;
export const LANE_TOPICS = Object.keys(LaneRequests) as LaneTopic[];
export type LanePayload<T extends LaneTopic> = Static<(typeof LaneRequests)[T]>;

/** The topic of a reply to a message that had no usable topic (not JSON, topic missing), of an oversized frame's refusal and of a refused login. */
export const LANE_ERROR_TOPIC = 'lane.error';
/** The largest frame a lane may send (the WebSocket server's maxPayload); a larger one is refused and the socket closed with 1009. */
export const LANE_MAX_FRAME_BYTES = 1_048_576;

export const LaneEnvelope = Type.Object(
  {
    transaction: Type.String({ minLength: 1, maxLength: 64 }),
    topic: Type.String({ minLength: 1, maxLength: 64 }),
    payload: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

export const LaneRequestSchemas = Object.fromEntries(LANE_TOPICS.map((t) => [t, message(t, LaneRequests[t])]));
