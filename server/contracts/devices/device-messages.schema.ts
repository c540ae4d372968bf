import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * Every MQTT payload under a device's subtree `sb/<store>/dev/<deviceId>/…` (docs/mqtt.md), once.
 * The box validates what a device publishes against these at the broker edge; the device agent
 * imports its types from here. Payloads are JSON objects; unknown keys are refused.
 */
const CommandId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Peripheral = Type.Union([
  Type.Literal('scale'),
  Type.Literal('display'),
  Type.Literal('scanner'),
  Type.Literal('printer'),
  Type.Literal('drawer'),
]);
export type Peripheral = Static<typeof Peripheral>;
export const PeripheralSchema = Peripheral;
const Fen = Type.Integer({ minimum: -100_000_000, maximum: 100_000_000 });

/** Retained: what the agent drives and how each peripheral is doing. */
export const DeviceState = Type.Object(
  {
    version: Type.String({ maxLength: 32 }),
    peripherals: Type.Array(
      Type.Object(
        {
          kind: Peripheral,
          online: Type.Boolean(),
          /** printer: 'ok' | 'paper-out' | 'paper-near-end' | 'cover-open' | 'offline' */
          status: Type.Optional(Type.String({ maxLength: 32 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 16 },
    ),
    at: Type.String({ maxLength: 40 }),
  },
  { additionalProperties: false },
);

/** Retained; the agent's last will publishes `offline` [MQTT-3.1.2-8]. */
export const DevicePresence = Type.Object(
  { status: Type.Union([Type.Literal('online'), Type.Literal('offline')]) },
  { additionalProperties: false },
);

export const ScanEvent = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 4096 }), symbology: Type.String({ maxLength: 32 }) },
  { additionalProperties: false },
);

/** Sent only when the reading changes. */
export const WeightEvent = Type.Object(
  {
    grams: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
    stable: Type.Boolean(),
    /** 'ok' | 'overload' | 'under-zero' */
    condition: Type.Union([Type.Literal('ok'), Type.Literal('overload'), Type.Literal('under-zero')]),
  },
  { additionalProperties: false },
);

export const KeyEvent = Type.Object(
  { key: Type.String({ minLength: 1, maxLength: 32 }) },
  { additionalProperties: false },
);

/** ESC/POS bytes (base64) rendered by the box, printed as they are by the agent's printer. */
export const PrintCommand = Type.Object(
  {
    commandId: CommandId,
    jobId: Type.String({ minLength: 1, maxLength: 64 }),
    escposBase64: Type.String({ minLength: 1, maxLength: 350_000 }),
  },
  { additionalProperties: false },
);

/** The display model of server/core/devices/display-event.ts. */
export const DisplayCommand = Type.Object(
  {
    commandId: CommandId,
    event: Type.Union([
      Type.Object(
        { kind: Type.Literal('item'), name: Type.String({ maxLength: 64 }), priceFen: Fen },
        { additionalProperties: false },
      ),
      Type.Object({ kind: Type.Literal('total'), totalFen: Fen }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('change'), paidFen: Fen, changeFen: Fen }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('thanks') }, { additionalProperties: false }),
      Type.Object(
        { kind: Type.Literal('idle'), welcome: Type.Optional(Type.String({ maxLength: 40 })) },
        { additionalProperties: false },
      ),
    ]),
  },
  { additionalProperties: false },
);

export const DrawerCommand = Type.Object({ commandId: CommandId }, { additionalProperties: false });
export const TareCommand = Type.Object(
  {
    commandId: CommandId,
    action: Type.Union([Type.Literal('tare'), Type.Literal('zero'), Type.Literal('clear-tare')]),
  },
  { additionalProperties: false },
);

/** `ack/<commandId>`: the outcome of one command; `code` is an error catalog code when not ok. */
export const CommandAck = Type.Object(
  {
    ok: Type.Boolean(),
    code: Type.Optional(Type.String({ maxLength: 64 })),
    params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 200 }), Type.Number()]))),
  },
  { additionalProperties: false },
);

/** Topics a device publishes (suffix below its root) and their schemas. `ack/+` is matched by prefix. */
export const DevicePublications = {
  state: DeviceState,
  presence: DevicePresence,
  'events/scan': ScanEvent,
  'events/weight': WeightEvent,
  'events/key': KeyEvent,
  ack: CommandAck,
} as const satisfies Record<string, TSchema>;

/** Topics the box publishes to a device (suffix below its root). */
export const DeviceCommands = {
  'cmd/print': PrintCommand,
  'cmd/display': DisplayCommand,
  'cmd/drawer': DrawerCommand,
  'cmd/tare': TareCommand,
} as const satisfies Record<string, TSchema>;

export type DevicePublication = keyof typeof DevicePublications;
export type DeviceCommandTopic = keyof typeof DeviceCommands;
export type DeviceStatePayload = Static<typeof DeviceState>;
export type PresencePayload = Static<typeof DevicePresence>;
export type ScanPayload = Static<typeof ScanEvent>;
export type WeightPayload = Static<typeof WeightEvent>;
export type KeyPayload = Static<typeof KeyEvent>;
export type PrintPayload = Static<typeof PrintCommand>;
export type DisplayPayload = Static<typeof DisplayCommand>;
export type DrawerPayload = Static<typeof DrawerCommand>;
export type TarePayload = Static<typeof TareCommand>;
export type AckPayload = Static<typeof CommandAck>;
export type CommandPayload<T extends DeviceCommandTopic> = Static<(typeof DeviceCommands)[T]>;
