/**
 * One lane of the crash loop, in its own process (forked by crash-loop.ts with an IPC channel).
 * It sells as the lane screen does: the sale id (UUIDv7) is made before `cart.complete` and a
 * retry after the box died carries the same id and the due it was shown. Every sale or refund the
 * box acknowledged is reported to the parent, which never dies, so the verdict does not depend on
 * anything this process or the box remembers.
 *
 * Parent → lane: {type:'box', baseUrl} after each (re)start, {type:'stop'}.
 * Lane → parent: {type:'sale'|'refund', ...ack}, {type:'stats', ...}, {type:'fatal', message}.
 */
import WebSocket from 'ws';
import { v7 as uuidv7 } from 'uuid';
import { rng, numberArg } from './chaos-rng.ts';

const laneId = process.argv[2];
const seed = numberArg(process.argv, '--seed', 1);
const codes = (process.env.CHAOS_CODES ?? '').split(',').filter(Boolean);
const r = rng(seed);
const SUPERVISOR = { username: 'super1', password: 'super1pass' };
const MEMBERS = ['13800000001', '13800000002', '13800000003'];

let baseUrl: string | undefined;
let boxEpoch = 0;
let stopping = false;
const stats = { attempts: 0, reconnects: 0, retriedCompletes: 0, replayed: 0, voided: 0, refusals: 0, qr: 0 };
const sold: Array<{ saleId: string }> = [];

class Disconnected extends Error {}

type Reply = { ok: boolean; data?: any; error?: { code: string; message: string } };

/** The lane's socket: a reply by transaction, a timeout, and every waiter rejected when the socket goes. */
class LaneSocket {
  private readonly waiting = new Map<string, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private n = 0;
  private readonly socket: WebSocket;
  closed = false;
  constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (raw) => {
      const reply = JSON.parse(raw.toString()) as Reply & { transaction?: string };
      const w = reply.transaction ? this.waiting.get(reply.transaction) : undefined;
      if (w) (this.waiting.delete(reply.transaction!), w.resolve(reply));
    });
    const fail = () => {
      this.closed = true;
      for (const w of this.waiting.values()) w.reject(new Disconnected('lane socket closed'));
      this.waiting.clear();
    };
    socket.on('close', fail);
    socket.on('error', fail);
  }
  send(topic: string, payload: unknown = {}): Promise<Reply> {
    if (this.closed) return Promise.reject(new Disconnected('lane socket closed'));
    const transaction = `${laneId}-${++this.n}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(transaction);
        this.socket.terminate();
        reject(new Disconnected(`no reply to ${topic} in 15 s`));
      }, 15_000);
      this.waiting.set(transaction, {
        resolve: (x) => (clearTimeout(timer), resolve(x)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.socket.send(JSON.stringify({ transaction, topic, payload }));
    });
  }
  close(): void {
    this.socket.terminate();
  }
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

async function post(path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  if (!baseUrl) throw new Disconnected('no box');
  try {
    const res = await fetch(baseUrl + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': uuidv7(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: await res.json() };
  } catch (e) {
    throw new Disconnected(`POST ${path}: ${(e as Error).message}`);
  }
}

let socket: LaneSocket | undefined;
let socketEpoch = -1;
let httpToken: string | undefined;

/** Logs in at the lane and opens /ws/lane, waiting (bounded) while the box is down. */
async function lane(): Promise<LaneSocket> {
  if (socket && !socket.closed && socketEpoch === boxEpoch) return socket;
  socket?.close();
  // the box may take a while to come back on a loaded machine: bounded by time, not by tries
  const deadline = Date.now() + 120_000;
  let lastError = '';
  while (Date.now() < deadline) {
    if (stopping) throw new Disconnected('stopping');
    try {
      const login = await post('/api/v1/auth/login', { username: 'cashier1', password: 'cashier1pass', laneId });
      if (login.status >= 400 && login.status < 500)
        throw new Error(`lane login ${login.status}: ${JSON.stringify(login.body)}`);
      if (login.status !== 200) throw new Disconnected(`lane login ${login.status}`);
      const ws = new WebSocket(`${baseUrl!.replace('http', 'ws')}/ws/lane?token=${login.body.data.token}`);
      // a kill can reset the socket at any moment: an error is a disconnection, never a crash
      ws.on('error', () => {});
      await new Promise<void>((res, rej) => {
        ws.once('open', () => res());
        ws.once('error', (e) => rej(new Disconnected(`lane socket: ${e.message}`)));
        ws.once('close', () => rej(new Disconnected('lane socket closed while opening')));
      });
      socket = new LaneSocket(ws);
      socketEpoch = boxEpoch;
      stats.reconnects++;
      return socket;
    } catch (e) {
      if (!(e instanceof Disconnected)) throw e;
      lastError = e.message;
      await sleep(100);
    }
  }
  throw new Error(`the box did not come back within 120 s (last: ${lastError})`);
}

type Plan = { items: string[]; member?: string; redeem: number; qr?: string };

function plan(): Plan {
  const items = Array.from({ length: r.int(1, 4) }, () => r.pick(codes));
  const member = r.chance(0.4) ? r.pick(MEMBERS) : undefined;
  const redeem = member === '13800000002' && r.chance(0.5) ? 100 : 0;
  const qr = r.chance(0.35)
    ? r.pick(['28', '13', '62'] as const) +
      String(r.int(0, 1e9)).padStart(9, '0') +
      String(Date.now() % 1e7).padStart(7, '0')
    : undefined;
  return { items, member, redeem, qr: qr && qr.startsWith('62') ? qr + '0' : qr };
}

/** Finishes whatever cart the lane has: settles an undecided QR payment, totals, pays the rest in cash. */
async function finish(s: LaneSocket, cart: any): Promise<number> {
  if ((cart.tenders ?? []).some((t: any) => t.status === 'pending' || t.status === 'unknown')) {
    const c = await s.send('cart.cancelPayment', {});
    cart = c.data?.cart ?? cart;
  }
  if (!cart.totaled) {
    const t = await s.send('cart.total');
    if (t.ok) cart = t.data.cart;
  }
  if (cart.remainingFen > 0) {
    const cash = await s.send('cart.tenderCash', { amountFen: cart.remainingFen });
    if (!cash.ok) throw new Error(`cash tender refused: ${JSON.stringify(cash.error)}`);
    cart = cash.data.cart;
  }
  return cart.totals.dueFen as number;
}

async function sellOnce(): Promise<void> {
  stats.attempts++;
  const p = plan();
  const saleId = uuidv7();
  let due: number | undefined;
  let completeSent = false;
  for (let attempt = 0; attempt < 30 && !stopping; attempt++) {
    try {
      const s = await lane();
      let reply: Reply | undefined;
      if (attempt === 0) {
        let cart = (await s.send('cart.open')).data.cart;
        if (cart.lines.length > 0) {
          // a cart left from before a crash: void it (a supervisor's act, audited) and start clean
          await s.send('cart.void', { supervisor: SUPERVISOR });
          stats.voided++;
          cart = (await s.send('cart.open')).data.cart;
        }
        if (p.member) await s.send('cart.identifyMember', { query: p.member });
        for (const code of p.items) await s.send('cart.scan', { code });
        if (p.redeem) await s.send('cart.redeemPoints', { points: p.redeem });
        cart = (await s.send('cart.total')).data.cart;
        if (p.qr && cart.remainingFen > 0) {
          stats.qr++;
          const q = await s.send('cart.tenderQr', { authCode: p.qr });
          if (q.data?.cart) cart = q.data.cart;
        }
        due = await finish(s, cart);
        completeSent = true;
        process.send!({ type: 'phase', phase: 'complete' });
        reply = await s.send('cart.complete', { saleId, expectedDueFen: due });
      } else {
        if (completeSent) {
          stats.retriedCompletes++;
          process.send!({ type: 'phase', phase: 'complete' });
          reply = await s.send('cart.complete', { saleId, expectedDueFen: due });
          if (!reply.ok && reply.error?.code !== 'CART_EMPTY') reply = undefined;
          if (reply && !reply.ok) reply = undefined;
        }
        if (!reply) {
          const cart = (await s.send('cart.open')).data.cart;
          if (cart.lines.length === 0) {
            attempt = -1; // nothing was sold: build the basket again, same sale id
            completeSent = false;
            continue;
          }
          due = await finish(s, cart);
          completeSent = true;
          process.send!({ type: 'phase', phase: 'complete' });
          reply = await s.send('cart.complete', { saleId, expectedDueFen: due });
        }
      }
      if (reply.ok) {
        const sale = reply.data.sale;
        if (sale.replayed) stats.replayed++;
        sold.push({ saleId });
        process.send!({
          type: 'sale',
          laneId,
          saleId: sale.saleId,
          receiptNo: sale.receiptNo,
          dueFen: sale.dueFen,
          replayed: sale.replayed === true,
        });
        return;
      }
      stats.refusals++;
      await s.send('cart.void', { supervisor: SUPERVISOR });
      stats.voided++;
      return;
    } catch (e) {
      if (!(e instanceof Disconnected)) throw e;
      await sleep(20);
    }
  }
}

async function refundOnce(): Promise<void> {
  const target = sold[r.int(0, sold.length - 1)];
  const refundId = uuidv7().replace(/-/g, '');
  const body = {
    refundId,
    saleId: target.saleId,
    lines: [{ lineNo: 1, quantity: 1 }],
    reason: 'chaos',
    supervisor: SUPERVISOR,
  };
  for (let attempt = 0; attempt < 30 && !stopping; attempt++) {
    try {
      if (!httpToken) {
        const login = await post('/api/v1/auth/login', { username: 'cashier1', password: 'cashier1pass' });
        if (login.status !== 200) throw new Disconnected(`login ${login.status}`);
        httpToken = login.body.data.token;
      }
      process.send!({ type: 'phase', phase: 'refund' });
      const res = await post('/api/v1/returns', body, httpToken);
      if (res.status === 401) {
        httpToken = undefined;
        continue;
      }
      if (res.status >= 500) throw new Disconnected(`returns ${res.status}`);
      if (res.body.ok) {
        process.send!({
          type: 'refund',
          laneId,
          refundId: res.body.data.id,
          saleId: target.saleId,
          refundFen: res.body.data.refundFen,
          receiptNo: res.body.data.receiptNo,
          replayed: res.body.data.replayed === true,
        });
      } else stats.refusals++; // e.g. the line was already returned: nothing written
      return;
    } catch (e) {
      if (!(e instanceof Disconnected)) throw e;
      await sleep(30);
      for (let i = 0; i < 600 && !stopping; i++) {
        try {
          await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(1000) });
          break;
        } catch {
          await sleep(50);
        }
      }
    }
  }
}

process.on('message', (m: { type: string; baseUrl?: string }) => {
  if (m.type === 'box') {
    baseUrl = m.baseUrl;
    boxEpoch++;
  } else if (m.type === 'stop') stopping = true;
});

async function main(): Promise<void> {
  while (!baseUrl) await sleep(10);
  while (!stopping) {
    if (sold.length > 0 && r.chance(0.15)) await refundOnce();
    else await sellOnce();
  }
  socket?.close();
  process.send!({ type: 'stats', laneId, ...stats });
}

main().then(
  () => process.disconnect?.(),
  (e) => {
    process.send!({ type: 'fatal', laneId, message: String((e as Error).stack ?? e) });
    process.disconnect?.();
  },
);
