import WebSocket from 'ws';
import type { LaneReply, LaneRequest, LaneTopic } from '../../server/contracts/lane/lane-messages.schema.ts';
import type { CartView, LaneTender } from '../../server/contracts/lane/lane-replies.ts';
import type { TestBox } from './test-box.ts';

export type { LaneReply };
/** A message the box sent that no request waits for: a push (`lane.event`) or the reply to a raw frame. */
export type LaneMessage = {
  transaction?: string;
  topic?: string;
  ok?: boolean;
  data?: { cart: CartView | null };
  payload?: unknown;
  error?: { code: string; message: string; field?: string; params?: Record<string, string | number> };
};
/** The payload (left out when the topic's may be empty) and, for a retry, the transaction to send again. */
type SendArgs<T extends LaneTopic> =
  {} extends LaneRequest<T>
    ? [payload?: LaneRequest<T>, transaction?: string]
    : [payload: LaneRequest<T>, transaction?: string];

/**
 * A lane as the lane screen would be: logs a cashier in at a lane, opens /ws/lane, sends
 * {transaction, topic, payload} and matches replies by transaction. `send` is typed per topic from
 * the contract (server/contracts/lane), as the lane screen's socket is; `sendUnchecked` and
 * `sendRaw` are for the tests of malformed input.
 */
export class LaneClient {
  private readonly socket: WebSocket;
  private readonly waiting = new Map<string, (reply: unknown) => void>();
  private readonly prefix: string;
  private counter = 0;
  readonly events: LaneMessage[] = [];

  /** how the box closed the socket (code and reason), once it has */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(socket: WebSocket, prefix: string) {
    this.socket = socket;
    this.prefix = prefix;
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socket.on('message', (raw) => {
      const reply: LaneMessage = JSON.parse(raw.toString());
      const resolve = reply.transaction ? this.waiting.get(reply.transaction) : undefined;
      if (resolve) {
        this.waiting.delete(reply.transaction!);
        resolve(reply);
      } else this.events.push(reply);
    });
  }

  static async login(
    baseUrl: string,
    laneId: string,
    username = 'cashier1',
    password = 'cashier1pass',
    prefix = 't',
  ): Promise<LaneClient> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, laneId }),
    });
    const body = (await res.json()) as { data: { token: string } };
    if (!res.ok) throw new Error(`lane login failed: ${JSON.stringify(body)}`);
    return LaneClient.connect(baseUrl, body.data.token, undefined, prefix);
  }

  /** A lane over a socket already open (the route-level tier's app.injectWS, test/support/inject-box.ts). */
  static attach(socket: WebSocket, prefix = 't'): LaneClient {
    return new LaneClient(socket, prefix);
  }

  static connect(baseUrl: string, token: string, lang?: string, prefix = 't'): Promise<LaneClient> {
    const socket = new WebSocket(
      `${baseUrl.replace('http', 'ws')}/ws/lane?token=${encodeURIComponent(token)}${lang ? `&lang=${lang}` : ''}`,
    );
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new LaneClient(socket, prefix)));
      socket.once('error', reject);
    });
  }

  /** Sends one topic with its typed payload; resolves with the box's reply to it. */
  send<T extends LaneTopic>(topic: T, ...[payload = {}, transaction]: SendArgs<T>): Promise<LaneReply<T>> {
    return this.exchange(topic, payload, transaction);
  }

  /** Sends any topic and payload, unchecked (the tests of bad messages); the reply is a refusal or any topic's. */
  sendUnchecked(topic: string, payload: unknown = {}, transaction?: string): Promise<LaneReply<LaneTopic>> {
    return this.exchange(topic, payload, transaction);
  }

  private exchange<R>(topic: string, payload: unknown, transaction = `${this.prefix}${++this.counter}`): Promise<R> {
    return new Promise((resolve) => {
      // the box builds each topic's reply from the same contract the caller's type comes from
      this.waiting.set(transaction, (reply) => resolve(reply as R));
      this.socket.send(JSON.stringify({ transaction, topic, payload }));
    });
  }

  /** Sends raw text (malformed input tests); resolves with the next untracked reply (rejects after `withinMs`). */
  sendRaw(text: string, withinMs = 10_000): Promise<LaneMessage> {
    const before = this.events.length;
    this.socket.send(text);
    const deadline = Date.now() + withinMs;
    return new Promise((resolve, reject) => {
      const poll = setInterval(() => {
        if (this.events.length > before) {
          clearInterval(poll);
          resolve(this.events[before]);
        } else if (Date.now() > deadline) {
          clearInterval(poll);
          reject(new Error(`no reply within ${withinMs} ms to ${JSON.stringify(text.slice(0, 80))}`));
        }
      }, 2);
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** A lane of a test box with a cashier logged in (transactions are named `<laneId>-<n>`). */
export function openLane(
  tb: Pick<TestBox, 'baseUrl'>,
  laneId: string,
  username = 'cashier1',
  password = 'cashier1pass',
): Promise<LaneClient> {
  return LaneClient.login(tb.baseUrl, laneId, username, password, `${laneId}-`);
}

let uuidCounter = 0;
/** A UUIDv7-shaped sale id (the lane makes it; unique per test run). */
export function saleId(): string {
  const n = (Date.now() * 1000 + uuidCounter++).toString(16).padStart(12, '0').slice(-12);
  return `01900000-0000-7000-8000-${n}`;
}

/** The payment id of a QR tender (付款码); a test that expects one fails here when the tender is another kind. */
export function paymentIdOf(tender: LaneTender | undefined): string {
  if (!tender || !('paymentId' in tender)) throw new Error(`not a QR tender: ${JSON.stringify(tender)}`);
  return tender.paymentId;
}
