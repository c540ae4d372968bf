import { connect as tcpConnect, type Socket } from 'node:net';
import mqttPacket from 'mqtt-packet';

/**
 * A raw MQTT 3.1.1 client over a TCP socket: packets are built and parsed with mqtt-packet, so a
 * test sees exactly what the broker sends (a client library would answer PUBRELs, resend, reconnect).
 */
export type RawClient = {
  socket: Socket;
  packets: mqttPacket.Packet[];
  closed: Promise<void>;
  isClosed(): boolean;
  send(packet: { cmd: string; [field: string]: unknown }): void;
  /** the next packet of `cmd` not taken yet (optionally matching), within a bound */
  next(cmd: string, match?: (p: any) => boolean, withinMs?: number): Promise<any>;
  /** every packet of `cmd` received so far */
  all(cmd: string): any[];
  end(): void;
};

export const STAFF = { username: 'manager1', password: 'manager1pass' };

export async function rawClient(port: number): Promise<RawClient> {
  const socket = tcpConnect(port, '127.0.0.1');
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  const packets: mqttPacket.Packet[] = [];
  const taken = new Set<mqttPacket.Packet>();
  let closed = false;
  parser.on('packet', (p) => packets.push(p));
  socket.on('data', (d: Buffer) => parser.parse(d));
  socket.on('error', () => undefined);
  const closedPromise = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  return {
    socket,
    packets,
    closed: closedPromise,
    isClosed: () => closed,
    send(packet) {
      socket.write(mqttPacket.generate(packet as unknown as mqttPacket.Packet));
    },
    async next(cmd, match = () => true, withinMs = 5000) {
      const until = Date.now() + withinMs;
      for (;;) {
        const p = packets.find((x) => x.cmd === cmd && !taken.has(x) && match(x));
        if (p) {
          taken.add(p);
          return p;
        }
        if (Date.now() > until) throw new Error(`no ${cmd} from the broker within ${withinMs} ms`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    all: (cmd) => packets.filter((p) => p.cmd === cmd),
    end: () => socket.destroy(),
  };
}

export function connectPacket(
  clientId: string,
  options: {
    clean?: boolean;
    keepalive?: number;
    will?: mqttPacket.IConnectPacket['will'];
    protocolVersion?: number;
  } = {},
) {
  return {
    cmd: 'connect' as const,
    protocolId: 'MQTT',
    protocolVersion: (options.protocolVersion ?? 4) as 4,
    clean: options.clean ?? true,
    clientId,
    keepalive: options.keepalive ?? 0,
    username: STAFF.username,
    password: Buffer.from(STAFF.password),
    ...(options.will ? { will: options.will } : {}),
  };
}

/** Connects a raw client as the store manager and waits for CONNACK 0. */
export async function connected(
  port: number,
  clientId: string,
  options: Parameters<typeof connectPacket>[1] = {},
): Promise<{ client: RawClient; connack: any }> {
  const client = await rawClient(port);
  client.send(connectPacket(clientId, options));
  const connack = await client.next('connack');
  if (connack.returnCode !== 0) throw new Error(`CONNACK ${connack.returnCode}`);
  return { client, connack };
}

export async function subscribed(
  client: RawClient,
  messageId: number,
  subscriptions: { topic: string; qos: 0 | 1 | 2 }[],
) {
  client.send({ cmd: 'subscribe', messageId, subscriptions });
  return client.next('suback', (p) => p.messageId === messageId);
}

/** A unique topic below the store's tree, so tests sharing a box never see each other's messages. */
let n = 0;
export function topic(name: string): string {
  return `sb/S001/conformance/${process.pid}-${++n}/${name}`;
}

/** Resolves when `probe` holds, polling with a bound. */
export async function until(what: string, probe: () => boolean, withinMs = 5000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
