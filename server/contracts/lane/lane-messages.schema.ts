import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { CartView, LaneError, LaneMember, LaneParkedCart, LanePayment, LaneSale } from './lane-replies.ts';

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

/**
 * One topic of the lane protocol: the schema its payload must pass at the edge, and (as a type
 * only) what its successful reply's data carries besides the cart.
 */
export type LaneTopicSpec<S extends TSchema, R extends object> = { readonly request: S; readonly reply?: R };

function topic<S extends TSchema>(request: S) {
  return { replies: <R extends object = {}>(): LaneTopicSpec<S, R> => ({ request }) };
}

type PaymentReply = { payment: LanePayment };

/**
 * Every lane topic: topic → {request schema, reply data}. Adding a topic is one entry here and one
 * handler in its group under server/app/checkout/lane-handlers/; the compiler then asks for both.
 */
export const LaneTopics = {
  'cart.open': topic(empty).replies(),
  'cart.scan': topic(
    Type.Object(
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
  ).replies(),
  'cart.setQuantity': topic(
    Type.Object(
      { lineId: LineId, quantity: Type.Integer({ minimum: 1, maximum: 9999 }) },
      { additionalProperties: false },
    ),
  ).replies(),
  'cart.removeLine': topic(
    Type.Object({ lineId: LineId, supervisor: Type.Optional(Supervisor) }, { additionalProperties: false }),
  ).replies(),
  'cart.overridePrice': topic(
    Type.Object(
      {
        lineId: LineId,
        unitPriceFen: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
        reason: Type.String({ minLength: 1, maxLength: 200 }),
        supervisor: Supervisor,
      },
      { additionalProperties: false },
    ),
  ).replies(),
  'cart.identifyMember': topic(
    Type.Object(
      { query: Type.String({ minLength: 1, maxLength: 64, description: 'member id, phone or member code' }) },
      { additionalProperties: false },
    ),
  ).replies<{ member: LaneMember | undefined }>(),
  'cart.clearMember': topic(empty).replies(),
  'cart.addCoupon': topic(
    Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  ).replies(),
  'cart.removeCoupon': topic(
    Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  ).replies(),
  'cart.redeemPoints': topic(
    Type.Object({ points: Type.Integer({ minimum: 0, maximum: 100_000_000 }) }, { additionalProperties: false }),
  ).replies(),
  'member.register': topic(
    Type.Object(
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
  ).replies<{ member: LaneMember | undefined; pointsEarned: number }>(),
  'cart.tenderStoredValue': topic(
    Type.Object(
      {
        pin: Type.String({ minLength: 1, maxLength: 16 }),
        amountFen: Type.Optional(
          Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'default: the rest of the amount due' }),
        ),
      },
      { additionalProperties: false },
    ),
  ).replies(),
  'cart.park': topic(empty).replies<{ parkedId: string }>(),
  'cart.listParked': topic(empty).replies<{ parked: LaneParkedCart[] }>(),
  'cart.resume': topic(
    Type.Object({ parkedId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  ).replies(),
  'cart.void': topic(Type.Object({ supervisor: Supervisor }, { additionalProperties: false })).replies(),
  'cart.total': topic(empty).replies(),
  'cart.tenderCash': topic(
    Type.Object({ amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }) }, { additionalProperties: false }),
  ).replies(),
  'cart.tenderCard': topic(
    Type.Object(
      {
        amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
        reference: Type.String({
          minLength: 1,
          maxLength: 64,
          description: "the card terminal's reference (参考号) from its slip",
        }),
        authCode: Type.String({
          minLength: 1,
          maxLength: 16,
          description: "the terminal's authorisation code (授权码)",
        }),
      },
      { additionalProperties: false },
    ),
  ).replies(),
  'cart.tenderQr': topic(
    Type.Object(
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
  ).replies<PaymentReply>(),
  'cart.cancelPayment': topic(
    Type.Object(
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
  ).replies<PaymentReply & { cancelling?: true }>(),
  'cart.complete': topic(
    Type.Object(
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
  ).replies<{ sale: LaneSale }>(),
} as const;

export type LaneTopic = keyof typeof LaneTopics;
export const LANE_TOPICS = Object.keys(LaneTopics) as LaneTopic[];

/** Whether a string names a lane topic (the edge asks before it looks up the topic's schema). */
export function isLaneTopic(name: string): name is LaneTopic {
  return Object.hasOwn(LaneTopics, name);
}

/** A topic's payload, as its schema admits it. */
export type LaneRequest<T extends LaneTopic> = Static<(typeof LaneTopics)[T]['request']>;

/** What a topic's successful reply carries besides the cart. */
export type LaneReplyExtra<T extends LaneTopic> = NonNullable<(typeof LaneTopics)[T]['reply']>;
/** The data of a topic's successful reply: always the lane's cart (null when it has none), plus the topic's extra. */
export type LaneReplyData<T extends LaneTopic> = { cart: CartView | null } & LaneReplyExtra<T>;

/**
 * A reply as it arrives at the lane: it echoes the request's transaction and topic and carries the
 * lane's cart whether it succeeded or not (docs/lane-protocol.md).
 */
export type LaneReply<T extends LaneTopic> =
  | { transaction?: string; topic: string; ok: true; data: LaneReplyData<T>; error?: undefined }
  | {
      transaction?: string;
      topic: string;
      ok: false;
      error: LaneError;
      /** a refusal carries the cart and none of the topic's other reply data */
      data: { cart: CartView | null } & { readonly [K in keyof LaneReplyExtra<T>]?: undefined };
    };

/** Parameters after the topic for sending it: the payload may be left out when it may be empty. */
export type LaneSendArgs<T extends LaneTopic> =
  {} extends LaneRequest<T> ? [payload?: LaneRequest<T>] : [payload: LaneRequest<T>];

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

export const LaneRequestSchemas = Object.fromEntries(LANE_TOPICS.map((t) => [t, message(t, LaneTopics[t].request)]));
