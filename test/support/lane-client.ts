import WebSocket from 'ws';

export type LaneReply = {
  transaction?: string;
  topic?: string;
  ok: boolean;
  data?: any;
  error?: { code: string; message: string; field?: string };
};

/**
 * A lane as the lane screen would be: logs a cashier in at a lane, opens /ws/lane, sends
 * {transaction, topic, payload} and matches replies by transaction.
 */
export class LaneClient {
  private readonly socket: WebSocket;
  private readonly waiting = new Map<string, (reply: LaneReply) => void>();
  private counter = 0;
  readonly events: LaneReply[] = [];

  /** how the box closed the socket (code and reason), once it has */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socket.on('message', (raw) => {
      const reply = JSON.parse(raw.toString()) as LaneReply;
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
  ): Promise<LaneClient> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, laneId }),
    });
    const body = (await res.json()) as { data: { token: string } };
    if (!res.ok) throw new Error(`lane login failed: ${JSON.stringify(body)}`);
    return LaneClient.connect(baseUrl, body.data.token);
  }

  static connect(baseUrl: string, token: string, lang?: string): Promise<LaneClient> {
    const socket = new WebSocket(
      `${baseUrl.replace('http', 'ws')}/ws/lane?token=${encodeURIComponent(token)}${lang ? `&lang=${lang}` : ''}`,
    );
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new LaneClient(socket)));
      socket.once('error', reject);
    });
  }

  send(topic: string, payload: unknown = {}, transaction = `t${++this.counter}`): Promise<LaneReply> {
    return new Promise((resolve) => {
      this.waiting.set(transaction, resolve);
      this.socket.send(JSON.stringify({ transaction, topic, payload }));
    });
  }

  /** Sends raw text (malformed input tests); resolves with the next untracked reply. */
  sendRaw(text: string): Promise<LaneReply> {
    const before = this.events.length;
    this.socket.send(text);
    return new Promise((resolve) => {
      const poll = setInterval(() => {
        if (this.events.length > before) {
          clearInterval(poll);
          resolve(this.events[before]);
        }
      }, 2);
    });
  }

  close(): void {
    this.socket.close();
  }
}
