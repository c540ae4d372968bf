import type {
  LaneReply as WireReply,
  LaneSendArgs,
  LaneTopic,
} from '../../../server/contracts/lane/lane-messages.schema.ts';
import type { CartView } from '../../../server/contracts/lane/lane-replies.ts';
import type { ApiError } from '../shared/api.ts';

/**
 * A reply of the lane protocol (docs/lane-protocol.md), typed per topic from the contract; a refused
 * message still carries the cart. `offline`: the socket was not open or dropped before the answer (no cart).
 */
export type LaneReply<T extends LaneTopic = LaneTopic> =
  | Extract<WireReply<T>, { ok: true }>
  | { ok: false; topic: string; error: ApiError; data?: { cart: CartView | null }; offline?: boolean };
type Offline = { ok: false; topic: string; error: ApiError; offline: true };
/** What arrived for a transaction, before request() gives it its topic's type. */
type Arrived =
  | { ok: true; topic: string; data: unknown }
  | { ok: false; topic: string; error: ApiError; data?: { cart: CartView | null } }
  | Offline;

export type LanePush = { topic: string; payload: unknown };
export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export type LaneSocketEvents = {
  status(status: ConnectionStatus): void;
  /** the socket (re)opened: the page resends what it must (a pending complete) and refreshes its cart */
  opened(): void;
  /** the box refused the lane token (expired, logged out elsewhere): back to the login */
  authLost(error: ApiError | undefined): void;
  push(message: LanePush): void;
};

/** Close code the box uses for a missing or invalid lane token (lane-ws.routes.ts). */
const TOKEN_REFUSED = 4401;
const BACKOFF_MS = [200, 500, 1000, 2000, 3000];

/**
 * The lane's WebSocket: requests are `{transaction, topic, payload}` and replies are matched by
 * transaction. A dropped connection reconnects by itself; requests in flight at that moment are
 * answered `offline` (the page decides what may be resent: only `cart.complete`, with its sale id).
 */
export class LaneSocket {
  private socket: WebSocket | undefined;
  private readonly url: string;
  private readonly events: LaneSocketEvents;
  private readonly pending = new Map<string, { topic: string; resolve: (reply: Arrived) => void }>();
  private seq = 0;
  private attempt = 0;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastError: ApiError | undefined;
  private readonly offlineError: () => ApiError;

  constructor(url: string, events: LaneSocketEvents, offlineError: () => ApiError) {
    this.url = url;
    this.events = events;
    this.offlineError = offlineError;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000, 'logout');
    this.socket = undefined;
    this.failPending();
  }

  /** Sends `{transaction, topic, payload}`; the payload's type and the reply's come from the topic's contract entry. */
  request<T extends LaneTopic>(topic: T, ...[payload = {}]: LaneSendArgs<T>): Promise<LaneReply<T>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN)
      return Promise.resolve({ ok: false, topic, error: this.offlineError(), offline: true });
    const transaction = `t${++this.seq}`;
    return new Promise((resolve) => {
      // JSON from the box, which builds each topic's reply from the same contract (server/contracts/lane)
      this.pending.set(transaction, { topic, resolve: (reply) => resolve(reply as LaneReply<T>) });
      socket.send(JSON.stringify({ transaction, topic, payload }));
    });
  }

  private connect(): void {
    this.events.status('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.lastError = undefined;
      this.events.status('open');
      this.events.opened();
    };
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.failPending();
      this.events.status('closed');
      if (event.code === TOKEN_REFUSED) return this.events.authLost(this.lastError);
      if (this.stopped) return;
      const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)];
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  private receive(text: string): void {
    let message: {
      transaction?: string;
      topic?: string;
      ok?: boolean;
      data?: { cart: CartView | null };
      error?: ApiError;
      payload?: unknown;
    };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    const waiting = message.transaction === undefined ? undefined : this.pending.get(message.transaction);
    if (waiting && message.transaction !== undefined) {
      this.pending.delete(message.transaction);
      const topic = message.topic ?? waiting.topic;
      if (message.ok) waiting.resolve({ ok: true, topic, data: message.data ?? { cart: null } });
      else waiting.resolve({ ok: false, topic, error: message.error ?? this.offlineError(), data: message.data });
      return;
    }
    if (message.topic === 'lane.error') this.lastError = message.error;
    else if (message.topic) this.events.push({ topic: message.topic, payload: message.payload });
  }

  private failPending(): void {
    const error = this.offlineError();
    for (const [, p] of this.pending) p.resolve({ ok: false, topic: p.topic, error, offline: true });
    this.pending.clear();
  }
}
