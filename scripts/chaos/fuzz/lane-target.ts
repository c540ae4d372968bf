import fc from 'fast-check';
import WebSocket from 'ws';
import { LANE_ERROR_TOPIC, LANE_TOPICS, LaneTopics } from '../../../server/contracts/lane/lane-messages.schema.ts';
import { fail, isEnvelope, newFigures, show, type TargetFigures } from './figures.ts';
import { halfWritten, type FuzzBox } from './fuzz-box.ts';
import { draw, fuzzValue, type JsonSchema } from './schema-arbitrary.ts';

/**
 * Every lane topic (server/contracts/lane) over a real /ws/lane socket: schema-shaped and broken
 * payloads, unknown topics, odd transactions and frames that are not JSON. Every frame must get one
 * reply in the envelope (echoing a usable transaction), and a refused one must change no table.
 */
type LaneFrame = { text: string; transaction?: string; topic: string };

function frameArbitrary(dict: FuzzBox['dict']): fc.Arbitrary<LaneFrame> {
  const topics = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...LANE_TOPICS) },
    { weight: 1, arbitrary: fc.constantFrom('cart.nope', '', 'lane.event', '__proto__', 'cart.open '.repeat(9)) },
  );
  const transaction = fc.oneof(
    { weight: 10, arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{1,24}$/) },
    { weight: 1, arbitrary: fc.constantFrom('', 'x'.repeat(65), '\u0000') },
  );
  const structured = fc
    .tuple(topics, transaction, fc.boolean(), fc.nat({ max: 9 }))
    .chain(([topic, tx, withPayload, shape]) => {
      const schema = (LaneTopics as Record<string, { request?: unknown }>)[topic]?.request as JsonSchema | undefined;
      return (schema ? fuzzValue(schema, dict) : fc.jsonValue({ maxDepth: 2 })).map((payload) => {
        const message: Record<string, unknown> =
          shape === 0
            ? { topic, payload }
            : shape === 1
              ? { transaction: 7, topic, payload }
              : { transaction: tx, topic };
        if (shape !== 0 && shape !== 1 && (withPayload || topic !== 'cart.open')) message.payload = payload;
        if (shape === 2) message.extra = true;
        return {
          text: JSON.stringify(message),
          transaction: typeof message.transaction === 'string' ? message.transaction : undefined,
          topic,
        };
      });
    });
  const raw = fc
    .oneof(fc.string({ maxLength: 64 }), fc.constantFrom('{', '[]', 'null', '{"topic":', '"cart.open"', '1e999'))
    .map((text) => ({ text, topic: LANE_ERROR_TOPIC }));
  return fc.oneof({ weight: 15, arbitrary: structured }, { weight: 1, arbitrary: raw });
}

class Lane {
  readonly inbox: unknown[] = [];
  closed = false;
  readonly socket: WebSocket;
  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        parsed = { notJson: data.toString() };
      }
      this.inbox.push(parsed);
    });
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  static async open(box: FuzzBox): Promise<Lane> {
    const r = await box.t.api('/api/v1/auth/login', {
      body: { username: 'cashier1', password: 'cashier1pass', laneId: 'L01' },
    });
    if (r.status !== 200) throw new Error(`lane login: ${JSON.stringify(r.body)}`);
    const socket = new WebSocket(`${box.t.baseUrl.replace('http', 'ws')}/ws/lane?token=${r.body.data.token}`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new Lane(socket);
  }

  /** The next reply that is not a `lane.event` push, within a bound. */
  async reply(withinMs = 10_000): Promise<unknown | undefined> {
    const until = Date.now() + withinMs;
    for (;;) {
      // a push is {topic: 'lane.event', payload} with no `ok`; a reply always has `ok`
      const i = this.inbox.findIndex(
        (m) => (m as { topic?: unknown })?.topic !== 'lane.event' || 'ok' in (m as object),
      );
      if (i >= 0) return this.inbox.splice(i, 1)[0];
      this.inbox.length = 0; // pushes are not what we wait for
      if (this.closed || Date.now() > until) return undefined;
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}

export async function fuzzLanes(
  box: FuzzBox,
  seed: number,
  count: number,
  onCrash: () => number,
  progress?: (line: string) => void,
): Promise<TargetFigures> {
  const f = newFigures('lane topics (/ws/lane)');
  let lane = await Lane.open(box);
  let reconnects = 0;
  const topics = new Set<string>();
  for (const frame of draw(frameArbitrary(box.dict), seed, count)) {
    if (++f.inputs % 1000 === 0) progress?.(`lanes: ${f.inputs}/${count}`);
    // a cart that only grows makes every reply (the whole priced cart) slower: park it now and then
    if (f.inputs % 200 === 0) {
      lane.socket.send(JSON.stringify({ transaction: 'park', topic: 'cart.park', payload: {} }));
      await lane.reply();
    }
    topics.add(frame.topic);
    const crashesBefore = onCrash();
    const before = box.snapshot();
    lane.socket.send(frame.text);
    const reply = (await lane.reply()) as
      { ok?: boolean; transaction?: unknown; topic?: unknown; data?: any; error?: unknown } | undefined;
    if (onCrash() > crashesBefore) fail(f, 'crashes', show(frame.text));
    if (reply === undefined) {
      if (lane.closed) fail(f, 'crashes', `the box closed the lane socket after ${show(frame.text)}`);
      else fail(f, 'violations', `no reply within 10 s to ${show(frame.text)}`);
    } else {
      if (!isEnvelope(reply) || typeof reply.topic !== 'string')
        fail(f, 'nonEnvelope', `${show(frame.text)} → ${show(reply)}`);
      else if (frame.transaction && frame.transaction.length <= 64 && reply.transaction !== frame.transaction)
        fail(f, 'violations', `reply to ${show(frame.text)} carried transaction ${show(reply.transaction)}`);
      if (reply.ok === false) {
        f.refused++;
        const changed = halfWritten(before, box.snapshot());
        if (changed.length) fail(f, 'halfWrites', `${show(frame.text)} → ${show(reply.error)}: ${changed.join('; ')}`);
      } else box.dict.add(reply.data);
    }
    if (lane.closed) {
      reconnects++;
      lane = await Lane.open(box);
    }
  }
  lane.socket.close();
  f.notes.push(`${topics.size} topics (${LANE_TOPICS.length} in the contract), ${reconnects} reconnects`);
  return f;
}
