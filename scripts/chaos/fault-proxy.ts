/**
 * A seeded TCP fault proxy for MQTT between the box's uplink and HQ's broker. It splits each
 * direction into whole MQTT control packets (fixed header + remaining length, MQTT 3.1.1 §2.2 /
 * MQTT 5 §2.1) so that a fault acts on packets: delay, drop (lost HQ acks, lost PUBACKs),
 * duplicate (a QoS 1 PUBLISH sent twice with DUP set, [MQTT-3.3.1-1]), a half-open connection
 * (nothing forwarded, nothing closed), a 1 KB/s link, and cutting every connection.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Rng } from './chaos-rng.ts';

export type Faults = {
  delayMs: number;
  /** probability of dropping a broker → box PUBLISH on the ack topic, or a PUBACK */
  dropAcks: number;
  /** probability of sending a box → broker PUBLISH twice */
  duplicate: number;
  /** forward nothing (the connection stays open, as a dead NAT entry would) */
  halfOpen: boolean;
  /** bytes per second box → broker, 0 = unlimited */
  bytesPerSecond: number;
};

export const HEALTHY: Faults = { delayMs: 0, dropAcks: 0, duplicate: 0, halfOpen: false, bytesPerSecond: 0 };

/** Splits a byte stream into whole MQTT packets. */
class PacketSplitter {
  private buf = Buffer.alloc(0);
  push(chunk: Buffer): Buffer[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: Buffer[] = [];
    for (;;) {
      if (this.buf.length < 2) return out;
      let len = 0;
      let mul = 1;
      let i = 1;
      for (; i < 5; i++) {
        if (i >= this.buf.length) return out;
        const b = this.buf[i];
        len += (b & 0x7f) * mul;
        mul *= 128;
        if ((b & 0x80) === 0) break;
      }
      const total = i + 1 + len;
      if (this.buf.length < total) return out;
      out.push(this.buf.subarray(0, total));
      this.buf = this.buf.subarray(total);
    }
  }
}

/** The topic of a PUBLISH packet (its variable header starts with the topic name). */
function publishTopic(packet: Buffer): string {
  let i = 1;
  while (packet[i] & 0x80) i++;
  i++;
  const n = packet.readUInt16BE(i);
  return packet.subarray(i + 2, i + 2 + n).toString('utf8');
}

export class FaultProxy {
  faults: Faults = { ...HEALTHY };
  readonly counts = { connections: 0, cuts: 0, dropped: 0, duplicated: 0, delayed: 0, blackholed: 0 };
  private server: Server | undefined;
  private readonly pairs = new Set<{ a: Socket; b: Socket }>();
  private readonly rng: Rng;
  private readonly targetPort: number;
  port = 0;

  constructor(targetPort: number, random: Rng) {
    this.targetPort = targetPort;
    this.rng = random;
  }

  async start(): Promise<void> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((res) => this.server!.listen(0, '127.0.0.1', () => res()));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** Cuts every open connection (RST), as a link going down would. */
  cutAll(): void {
    for (const p of this.pairs) (p.a.destroy(), p.b.destroy());
    this.pairs.clear();
    this.counts.cuts++;
  }

  async stop(): Promise<void> {
    for (const p of this.pairs) (p.a.destroy(), p.b.destroy());
    this.pairs.clear();
    await new Promise<void>((res) => (this.server ? this.server.close(() => res()) : res()));
  }

  private accept(client: Socket): void {
    this.counts.connections++;
    const upstream = connect(this.targetPort, '127.0.0.1');
    const pair = { a: client, b: upstream };
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    this.pipe(client, upstream, 'up');
    this.pipe(upstream, client, 'down');
  }

  private pipe(from: Socket, to: Socket, dir: 'up' | 'down'): void {
    const splitter = new PacketSplitter();
    // packets leave in order: each waits for the one before it
    let chain = Promise.resolve();
    let budgetAt = Date.now();
    from.on('data', (chunk: Buffer) => {
      for (const packet of splitter.push(chunk)) {
        const f = this.faults;
        if (f.halfOpen) {
          this.counts.blackholed++;
          continue;
        }
        const type = packet[0] >> 4;
        if (dir === 'down' && f.dropAcks > 0) {
          const isAck = type === 4 || (type === 3 && publishTopic(packet).endsWith('/ack'));
          if (isAck && this.rng.chance(f.dropAcks)) {
            this.counts.dropped++;
            continue;
          }
        }
        const copies: Buffer[] = [packet];
        if (dir === 'up' && type === 3 && (packet[0] & 0x06) !== 0 && f.duplicate > 0 && this.rng.chance(f.duplicate)) {
          const dup = Buffer.from(packet);
          dup[0] |= 0x08;
          copies.push(dup);
          this.counts.duplicated++;
        }
        let waitMs = f.delayMs;
        if (dir === 'up' && f.bytesPerSecond > 0) {
          const now = Date.now();
          budgetAt = Math.max(budgetAt, now) + (packet.length * 1000) / f.bytesPerSecond;
          waitMs = Math.max(waitMs, budgetAt - now);
        }
        if (waitMs > 0) this.counts.delayed++;
        const sendAt = Date.now() + waitMs;
        chain = chain.then(async () => {
          const left = sendAt - Date.now();
          if (left > 0) await new Promise((res) => setTimeout(res, left));
          for (const c of copies) if (!to.destroyed) to.write(c);
        });
      }
    });
  }
}
