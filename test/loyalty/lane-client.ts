import WebSocket from 'ws';
import type { TestBox } from '../support/test-box.ts';

export type LaneAnswer = {
  transaction?: string;
  topic?: string;
  ok: boolean;
  data?: any;
  error?: { code: string; field?: string; params?: Record<string, unknown>; message: string };
};

/** A lane over a real WebSocket: logs in at the lane, sends {transaction, topic, payload}, awaits the matching reply. */
export type LaneClient = { send(topic: string, payload?: unknown): Promise<LaneAnswer>; close(): void };

let uuidCounter = 0;
/** A UUIDv7-shaped sale id (the lane makes it; unique per test run). */
export function saleId(): string {
  const n = (Date.now() * 1000 + uuidCounter++).toString(16).padStart(12, '0').slice(-12);
  return `01900000-0000-7000-8000-${n}`;
}

export async function openLane(
  tb: TestBox,
  laneId: string,
  username = 'cashier1',
  password = 'cashier1pass',
): Promise<LaneClient> {
  const login = await tb.api('/api/v1/auth/login', { body: { username, password, laneId } });
  if (login.status !== 200) throw new Error(`lane login failed: ${JSON.stringify(login.body)}`);
  const socket = new WebSocket(`ws://127.0.0.1:${tb.box.http.port}/ws/lane?token=${login.body.data.token}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const waiting = new Map<string, (a: LaneAnswer) => void>();
  socket.on('message', (raw) => {
    const msg = JSON.parse(raw.toString()) as LaneAnswer;
    if (msg.transaction && waiting.has(msg.transaction)) {
      waiting.get(msg.transaction)!(msg);
      waiting.delete(msg.transaction);
    }
  });
  let n = 0;
  return {
    send(topic, payload = {}) {
      const transaction = `${laneId}-${++n}`;
      return new Promise((resolve) => {
        waiting.set(transaction, resolve);
        socket.send(JSON.stringify({ transaction, topic, payload }));
      });
    },
    close: () => socket.close(),
  };
}
