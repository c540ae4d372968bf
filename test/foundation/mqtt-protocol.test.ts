import { connect as tcpConnect, type Socket } from 'node:net';
import mqttPacket from 'mqtt-packet';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, useTestBox } from '../support/test-box.ts';

const t = useTestBox();

type Raw = { socket: Socket; packets: mqttPacket.Packet[]; closed: Promise<void> };

/** A raw MQTT 3.1.1 connection: what the box answers is parsed with mqtt-packet. */
async function rawConnection(): Promise<Raw> {
  const socket = tcpConnect(t.mqttPort, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  const packets: mqttPacket.Packet[] = [];
  parser.on('packet', (p) => packets.push(p));
  socket.on('data', (d: Buffer) => parser.parse(d));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, packets, closed };
}

function connectPacket(clientId: string, clean: boolean): Buffer {
  return mqttPacket.generate({
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clean,
    clientId,
    keepalive: 0,
    username: 'admin',
    password: Buffer.from(TEST_ADMIN_PASSWORD),
  });
}

async function waitForPacket(raw: Raw, cmd: string): Promise<mqttPacket.Packet> {
  const until = Date.now() + 5000;
  for (;;) {
    const p = raw.packets.find((x) => x.cmd === cmd);
    if (p) return p;
    if (Date.now() > until) throw new Error(`no ${cmd} from the box`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A staff subscriber on the whole store tree, to see what the broker delivers. */
async function storeWatcher(): Promise<{ client: mqtt.MqttClient; topics: string[] }> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${t.mqttPort}`, {
    username: 'manager1',
    password: 'manager1pass',
    reconnectPeriod: 0,
  });
  const topics: string[] = [];
  client.on('message', (topic) => topics.push(topic));
  await client.subscribeAsync('sb/S001/#');
  return { client, topics };
}

describe('MQTT 3.1.1 conformance at the broker', () => {
  it('closes a connection that publishes to a topic name containing U+0000, and delivers nothing of it', async () => {
    const watcher = await storeWatcher();
    const raw = await rawConnection();
    raw.socket.write(connectPacket('nul-publisher', true));
    expect(await waitForPacket(raw, 'connack')).toMatchObject({ returnCode: 0 });
    raw.socket.write(
      mqttPacket.generate({
        cmd: 'publish',
        topic: 'sb/S001/a\u0000b',
        payload: Buffer.from('x'),
        qos: 0,
        dup: false,
        retain: false,
      }),
    );
    await raw.closed; // [MQTT-4.7.3-2], [MQTT-1.5.3-2]
    // a marker after it: when it arrives, anything the NUL publication caused would have too
    await t.box.broker.publish('sb/S001/marker', 'm');
    const until = Date.now() + 5000;
    while (!watcher.topics.includes('sb/S001/marker') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 10));
    expect(watcher.topics).toEqual(['sb/S001/marker']);
    await watcher.client.endAsync();
  });

  it('closes a connection that subscribes to a topic filter containing U+0000', async () => {
    const raw = await rawConnection();
    raw.socket.write(connectPacket('nul-subscriber', true));
    await waitForPacket(raw, 'connack');
    raw.socket.write(
      mqttPacket.generate({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'sb/S001/\u0000/#', qos: 0 }] }),
    );
    await raw.closed;
    expect(raw.packets.some((p) => p.cmd === 'suback')).toBe(false);
  });

  it('answers an empty client id with CleanSession 0 with CONNACK 0x02 and closes the connection', async () => {
    const raw = await rawConnection();
    // mqtt-packet will not build this on purpose; flip CleanSession off in a clean CONNECT with an empty id
    const packet = connectPacket('', true);
    // fixed header (2 bytes: remaining length < 128) + protocol name (6) + level (1) → the Connect Flags byte
    expect(packet[9] & 0x02).toBe(0x02);
    packet[9] &= ~0x02;
    raw.socket.write(packet);
    expect(await waitForPacket(raw, 'connack')).toMatchObject({ returnCode: 2 }); // [MQTT-3.1.3-8]
    await raw.closed;
  });

  it('still gives an empty client id with a clean session an id of its own [MQTT-3.1.3-6]', async () => {
    const raw = await rawConnection();
    raw.socket.write(connectPacket('', true));
    expect(await waitForPacket(raw, 'connack')).toMatchObject({ returnCode: 0 });
    raw.socket.destroy();
  });

  it('closes a CONNECT whose will topic contains U+0000 without accepting it', async () => {
    const raw = await rawConnection();
    raw.socket.write(
      mqttPacket.generate({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        clientId: 'nul-will',
        keepalive: 0,
        username: 'admin',
        password: Buffer.from(TEST_ADMIN_PASSWORD),
        will: { topic: 'sb/S001/w\u0000', payload: Buffer.from('bye'), qos: 0, retain: false },
      }),
    );
    await raw.closed;
    expect(raw.packets.find((p) => p.cmd === 'connack' && p.returnCode === 0)).toBeUndefined();
  });
});
