import { describe, expect, it } from 'vitest';
import { useTestBox } from '../support/test-box.ts';
import { connected, subscribed, topic, until } from './raw-mqtt.ts';

/** MQTT 3.1.1 §3.3–3.11, §4.3, §4.7: QoS flows, retained messages, subscriptions and topic rules. */
const t = useTestBox();

function publish(name: string, payload: string, qos: 0 | 1 | 2, messageId?: number, retain = false, dup = false) {
  return {
    cmd: 'publish' as const,
    topic: name,
    payload: Buffer.from(payload),
    qos,
    retain,
    dup,
    ...(messageId ? { messageId } : {}),
  };
}

describe('QoS flows at the embedded broker (MQTT 3.1.1)', () => {
  it('acknowledges a QoS 1 PUBLISH with a PUBACK of the same Packet Identifier [MQTT-4.3.2-2] [MQTT-2.3.1-6]', async () => {
    const { client } = await connected(t.mqttPort, `conf-q1-${process.pid}`);
    client.send(publish(topic('q1'), 'one', 1, 41));
    expect((await client.next('puback')).messageId).toBe(41);
    client.end();
  });

  it('runs the QoS 2 flow PUBREC → PUBREL → PUBCOMP and delivers a re-sent PUBLISH (DUP) once [MQTT-4.3.3-2] [MQTT-3.3.1-1]', async () => {
    const name = topic('q2');
    const sub = await connected(t.mqttPort, `conf-q2-sub-${process.pid}`);
    await subscribed(sub.client, 1, [{ topic: name, qos: 2 }]);
    const { client } = await connected(t.mqttPort, `conf-q2-pub-${process.pid}`);
    client.send(publish(name, 'exactly once', 2, 42));
    expect((await client.next('pubrec')).messageId).toBe(42);
    client.send(publish(name, 'exactly once', 2, 42, false, true)); // the sender did not see PUBREC: DUP
    await client.next('pubrec');
    client.send({ cmd: 'pubrel', messageId: 42 });
    expect((await client.next('pubcomp')).messageId).toBe(42);
    // the subscriber side of QoS 2: PUBLISH → PUBREC; the broker's PUBREL → PUBCOMP
    const delivered = await sub.client.next('publish', (p) => p.topic === name);
    expect(delivered.qos).toBe(2);
    sub.client.send({ cmd: 'pubrec', messageId: delivered.messageId });
    expect((await sub.client.next('pubrel')).messageId).toBe(delivered.messageId);
    sub.client.send({ cmd: 'pubcomp', messageId: delivered.messageId });
    // a marker after it: once it arrives, a second copy would have too
    client.send(publish(name, 'marker', 0));
    await sub.client.next('publish', (p) => p.topic === name && p.payload.toString() === 'marker');
    expect(sub.client.all('publish').filter((p) => p.payload.toString() === 'exactly once')).toHaveLength(1);
    sub.client.end();
    client.end();
  });

  it('delivers at the lower of the published QoS and the granted QoS [MQTT-3.8.4-6]', async () => {
    const name = topic('downgrade');
    const sub = await connected(t.mqttPort, `conf-down-${process.pid}`);
    expect((await subscribed(sub.client, 1, [{ topic: name, qos: 0 }])).granted).toEqual([0]);
    const { client } = await connected(t.mqttPort, `conf-down-pub-${process.pid}`);
    client.send(publish(name, 'at most once', 1, 5));
    const delivered = await sub.client.next('publish', (p) => p.topic === name);
    expect(delivered.qos).toBe(0);
    sub.client.end();
    client.end();
  });
});

describe('retained messages at the embedded broker (MQTT 3.1.1)', () => {
  it('keeps a retained message and sends it to a later subscriber with RETAIN 1 [MQTT-3.3.1-5] [MQTT-3.3.1-6] [MQTT-3.3.1-8]', async () => {
    const name = topic('retained');
    const { client } = await connected(t.mqttPort, `conf-ret-pub-${process.pid}`);
    client.send(publish(name, 'last state', 1, 9, true));
    await client.next('puback');
    const late = await connected(t.mqttPort, `conf-ret-late-${process.pid}`);
    await subscribed(late.client, 1, [{ topic: name, qos: 1 }]);
    const delivered = await late.client.next('publish', (p) => p.topic === name);
    expect(delivered.retain).toBe(true);
    expect(delivered.payload.toString()).toBe('last state');
    late.client.end();
    client.end();
  });

  it('sends a retained publication to an existing subscriber with RETAIN 0 [MQTT-3.3.1-9]', async () => {
    const name = topic('retained-live');
    const sub = await connected(t.mqttPort, `conf-ret-live-${process.pid}`);
    await subscribed(sub.client, 1, [{ topic: name, qos: 1 }]);
    const { client } = await connected(t.mqttPort, `conf-ret-live-pub-${process.pid}`);
    client.send(publish(name, 'now', 1, 10, true));
    const delivered = await sub.client.next('publish', (p) => p.topic === name);
    expect(delivered.retain).toBe(false);
    sub.client.end();
    client.end();
  });

  it('clears the retained message with a zero-byte retained PUBLISH [MQTT-3.3.1-10] [MQTT-3.3.1-11]', async () => {
    const name = topic('retained-clear');
    const marker = topic('retained-clear-marker');
    const { client } = await connected(t.mqttPort, `conf-ret-clr-${process.pid}`);
    client.send(publish(name, 'old', 1, 11, true));
    await client.next('puback', (p) => p.messageId === 11);
    client.send(publish(name, '', 1, 12, true));
    await client.next('puback', (p) => p.messageId === 12);
    client.send(publish(marker, 'm', 1, 13, true));
    await client.next('puback', (p) => p.messageId === 13);
    const late = await connected(t.mqttPort, `conf-ret-clr-late-${process.pid}`);
    await subscribed(late.client, 1, [
      { topic: name, qos: 1 },
      { topic: marker, qos: 1 },
    ]);
    await late.client.next('publish', (p) => p.topic === marker);
    expect(late.client.all('publish').filter((p) => p.topic === name)).toEqual([]);
    late.client.end();
    client.end();
  });
});

describe('subscriptions and topic rules at the embedded broker (MQTT 3.1.1)', () => {
  it('replaces a subscription to the same filter instead of adding a second one [MQTT-3.8.4-3]', async () => {
    const name = topic('resubscribe');
    const sub = await connected(t.mqttPort, `conf-resub-${process.pid}`);
    await subscribed(sub.client, 1, [{ topic: name, qos: 0 }]);
    expect((await subscribed(sub.client, 2, [{ topic: name, qos: 1 }])).granted).toEqual([1]);
    const { client } = await connected(t.mqttPort, `conf-resub-pub-${process.pid}`);
    client.send(publish(name, 'once', 1, 15));
    client.send(publish(name, 'marker', 1, 16));
    await sub.client.next('publish', (p) => p.topic === name && p.payload.toString() === 'marker');
    const copies = sub.client.all('publish').filter((p) => p.payload.toString() === 'once');
    expect(copies).toHaveLength(1);
    expect(copies[0].qos).toBe(1);
    sub.client.end();
    client.end();
  });

  it('stops delivering after UNSUBSCRIBE, answered by an UNSUBACK of the same Packet Identifier [MQTT-3.10.4-4] [MQTT-3.10.4-5]', async () => {
    const name = topic('unsubscribe');
    const marker = topic('unsubscribe-marker');
    const sub = await connected(t.mqttPort, `conf-unsub-${process.pid}`);
    await subscribed(sub.client, 1, [
      { topic: name, qos: 1 },
      { topic: marker, qos: 1 },
    ]);
    sub.client.send({ cmd: 'unsubscribe', messageId: 2, unsubscriptions: [name] });
    expect((await sub.client.next('unsuback')).messageId).toBe(2);
    const { client } = await connected(t.mqttPort, `conf-unsub-pub-${process.pid}`);
    client.send(publish(name, 'gone', 1, 17));
    client.send(publish(marker, 'm', 1, 18));
    await sub.client.next('publish', (p) => p.topic === marker);
    expect(sub.client.all('publish').filter((p) => p.topic === name)).toEqual([]);
    sub.client.end();
    client.end();
  });

  it('matches a single level with + and any levels with # [MQTT-4.7.1-2] [MQTT-4.7.1-3]', async () => {
    const base = topic('wild');
    const sub = await connected(t.mqttPort, `conf-wild-${process.pid}`);
    await subscribed(sub.client, 1, [{ topic: `${base}/+/state`, qos: 0 }]);
    const { client } = await connected(t.mqttPort, `conf-wild-pub-${process.pid}`);
    client.send(publish(`${base}/a/b/state`, 'two levels', 0));
    client.send(publish(`${base}/a/state`, 'one level', 0));
    const got = await sub.client.next('publish');
    expect(got.topic).toBe(`${base}/a/state`);
    await subscribed(sub.client, 2, [{ topic: `${base}/#`, qos: 0 }]);
    client.send(publish(`${base}/a/b/c`, 'deep', 0));
    expect((await sub.client.next('publish', (p) => p.payload.toString() === 'deep')).topic).toBe(`${base}/a/b/c`);
    expect(sub.client.all('publish').some((p) => p.payload.toString() === 'two levels')).toBe(false);
    sub.client.end();
    client.end();
  });

  it('refuses a topic filter with # before its last level, or + sharing a level [MQTT-4.7.1-2] [MQTT-4.7.1-3]', async () => {
    for (const filter of [`${topic('bad')}/#/x`, `${topic('bad')}/a+`]) {
      const { client } = await connected(t.mqttPort, `conf-badfilter-${process.pid}-${filter.length}`);
      client.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: filter, qos: 0 }] });
      // a refused filter is SUBACK 0x80 [MQTT-3.9.3-2] or the connection closed [MQTT-4.8.0-1]
      await until(`a refusal of ${filter}`, () => client.isClosed() || client.all('suback').length > 0);
      if (!client.isClosed()) expect(client.all('suback')[0].granted).toEqual([128]);
      client.end();
    }
  });

  it('never delivers a PUBLISH whose topic name contains a wildcard [MQTT-3.3.2-2]', async () => {
    const base = topic('wildpub');
    const sub = await connected(t.mqttPort, `conf-wildpub-sub-${process.pid}`);
    await subscribed(sub.client, 1, [{ topic: `${base}/#`, qos: 0 }]);
    const { client } = await connected(t.mqttPort, `conf-wildpub-${process.pid}`);
    client.send(publish(`${base}/+`, 'wild', 1, 19));
    await client.closed;
    const other = await connected(t.mqttPort, `conf-wildpub-marker-${process.pid}`);
    other.client.send(publish(`${base}/marker`, 'm', 0));
    await sub.client.next('publish', (p) => p.topic === `${base}/marker`);
    expect(sub.client.all('publish').filter((p) => p.payload.toString() === 'wild')).toEqual([]);
    sub.client.end();
    other.client.end();
  });
});

describe('overlapping subscriptions at the embedded broker (MQTT 3.1.1)', () => {
  it('delivers a message that matches two of a client’s subscriptions [MQTT-3.3.5-1]', async () => {
    // aedes 1.2.0 sends one copy at the QoS of the first matching filter, not the highest of them
    // (docs/mqtt.md, "Known deviations"); what a device relies on is that the message arrives
    const base = topic('overlap');
    const sub = await connected(t.mqttPort, `conf-overlap-${process.pid}`);
    expect(
      (
        await subscribed(sub.client, 1, [
          { topic: `${base}/#`, qos: 0 },
          { topic: `${base}/+`, qos: 1 },
        ])
      ).granted,
    ).toEqual([0, 1]);
    const { client } = await connected(t.mqttPort, `conf-overlap-pub-${process.pid}`);
    client.send(publish(`${base}/x`, 'both match', 1, 14));
    expect((await sub.client.next('publish', (p) => p.topic === `${base}/x`)).payload.toString()).toBe('both match');
    sub.client.end();
    client.end();
  });
});
