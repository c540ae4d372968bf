import { describe, expect, it } from 'vitest';
import { useTestBox } from '../support/test-box.ts';
import { connectPacket, connected, rawClient, subscribed, topic, until } from './raw-mqtt.ts';

/** MQTT 3.1.1 (OASIS 2014) §3.1, §3.2, §3.12–3.14: what a device agent or HQ tool relies on when it connects. */
const t = useTestBox();

describe('CONNECT and sessions at the embedded broker (MQTT 3.1.1)', () => {
  it('closes a connection whose first packet is not CONNECT [MQTT-3.1.0-1]', async () => {
    const c = await rawClient(t.mqttPort);
    c.send({ cmd: 'pingreq' });
    await c.closed;
    expect(c.all('pingresp')).toEqual([]);
  });

  it('treats a second CONNECT on the same connection as a protocol violation and disconnects [MQTT-3.1.0-2]', async () => {
    const { client } = await connected(t.mqttPort, `conf-twice-${process.pid}`);
    client.send(connectPacket(`conf-twice-${process.pid}`));
    await client.closed;
    expect(client.all('connack')).toHaveLength(1);
  });

  it('says Session Present 0 for a clean session [MQTT-3.2.2-1]', async () => {
    const { client, connack } = await connected(t.mqttPort, `conf-clean-${process.pid}`, { clean: true });
    expect(connack.sessionPresent).toBe(false);
    client.end();
  });

  it('keeps a persistent session: Session Present 1 on return and the QoS 1 messages queued meanwhile [MQTT-3.1.2-4] [MQTT-3.1.2-5] [MQTT-3.2.2-2]', async () => {
    const id = `conf-persist-${process.pid}`;
    const name = topic('queued');
    const first = await connected(t.mqttPort, id, { clean: false });
    expect(first.connack.sessionPresent).toBe(false);
    expect((await subscribed(first.client, 1, [{ topic: name, qos: 1 }])).granted).toEqual([1]);
    first.client.send({ cmd: 'disconnect' });
    await first.client.closed;

    const publisher = await connected(t.mqttPort, `conf-persist-pub-${process.pid}`);
    publisher.client.send({
      cmd: 'publish',
      topic: name,
      payload: Buffer.from('while away'),
      qos: 1,
      messageId: 7,
      retain: false,
      dup: false,
    });
    await publisher.client.next('puback', (p) => p.messageId === 7);

    const again = await connected(t.mqttPort, id, { clean: false });
    expect(again.connack.sessionPresent).toBe(true);
    const delivered = await again.client.next('publish', (p) => p.topic === name);
    expect(delivered.payload.toString()).toBe('while away');
    expect(delivered.qos).toBe(1);
    again.client.send({ cmd: 'puback', messageId: delivered.messageId });
    // clean up the session: a clean CONNECT discards it [MQTT-3.1.2-6]
    again.client.end();
    const cleaned = await connected(t.mqttPort, id, { clean: true });
    expect(cleaned.connack.sessionPresent).toBe(false);
    cleaned.client.end();
    publisher.client.end();
  });

  it('disconnects the existing client when the same credential connects with its client id [MQTT-3.1.4-2]', async () => {
    const id = `conf-takeover-${process.pid}`;
    const first = await connected(t.mqttPort, id);
    const second = await connected(t.mqttPort, id);
    await first.client.closed;
    expect(second.client.isClosed()).toBe(false);
    second.client.end();
  });

  it('answers PINGREQ with PINGRESP [MQTT-3.12.4-1]', async () => {
    const { client } = await connected(t.mqttPort, `conf-ping-${process.pid}`, { keepalive: 30 });
    client.send({ cmd: 'pingreq' });
    await client.next('pingresp');
    client.end();
  });

  it('disconnects a client that sends nothing for one and a half keep-alive periods [MQTT-3.1.2-24]', async () => {
    const { client } = await connected(t.mqttPort, `conf-keepalive-${process.pid}`, { keepalive: 1 });
    await until('the broker to close the silent connection', () => client.isClosed(), 10_000);
  });

  it('publishes the will when the connection is lost without DISCONNECT [MQTT-3.1.2-8]', async () => {
    const willTopic = topic('will-lost');
    const watcher = await connected(t.mqttPort, `conf-will-watch-${process.pid}`);
    await subscribed(watcher.client, 1, [{ topic: willTopic, qos: 1 }]);
    const dying = await connected(t.mqttPort, `conf-will-${process.pid}`, {
      will: { topic: willTopic, payload: Buffer.from('{"status":"offline"}'), qos: 1, retain: false },
    });
    dying.client.end(); // the TCP connection drops: no DISCONNECT
    const will = await watcher.client.next('publish', (p) => p.topic === willTopic);
    expect(will.payload.toString()).toBe('{"status":"offline"}');
    watcher.client.end();
  });

  it('discards the will on a clean DISCONNECT and does not publish it [MQTT-3.1.2-10] [MQTT-3.14.4-3]', async () => {
    const willTopic = topic('will-clean');
    const marker = topic('marker');
    const watcher = await connected(t.mqttPort, `conf-nowill-watch-${process.pid}`);
    await subscribed(watcher.client, 1, [
      { topic: willTopic, qos: 1 },
      { topic: marker, qos: 1 },
    ]);
    const leaving = await connected(t.mqttPort, `conf-nowill-${process.pid}`, {
      will: { topic: willTopic, payload: Buffer.from('gone'), qos: 1, retain: false },
    });
    leaving.client.send({ cmd: 'disconnect' });
    await leaving.client.closed;
    // a marker published after the disconnect: once it arrives, a will would have arrived before it
    const other = await connected(t.mqttPort, `conf-nowill-marker-${process.pid}`);
    other.client.send({
      cmd: 'publish',
      topic: marker,
      payload: Buffer.from('m'),
      qos: 1,
      messageId: 3,
      retain: false,
      dup: false,
    });
    await watcher.client.next('publish', (p) => p.topic === marker);
    expect(watcher.client.all('publish').filter((p) => p.topic === willTopic)).toEqual([]);
    watcher.client.end();
    other.client.end();
  });
});
