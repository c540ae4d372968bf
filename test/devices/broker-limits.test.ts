import { connect as tcpConnect, type Socket } from 'node:net';
import mqttPacket from 'mqtt-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { connectMqtt, pairDevice, waitFor } from './device-test-kit.ts';

let t: TestBox;
let manager: string;
beforeAll(async () => {
  t = await startTestBox({ mqtt: { port: 0, drainTimeoutMs: 300, maxPacketBytes: 65_536 } });
  manager = await t.login('manager1', 'manager1pass');
});
afterAll(async () => {
  await t.stop();
  removeDir(t.dataDir);
});

/** A device that connects, subscribes to its commands, then never reads its socket again. */
async function frozenDevice(username: string, password: string, topic: string): Promise<Socket> {
  const socket = tcpConnect(t.mqttPort, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.write(
    mqttPacket.generate({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clean: true,
      clientId: 'frozen-pc',
      keepalive: 0,
      username,
      password: Buffer.from(password),
    }),
  );
  socket.write(mqttPacket.generate({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic, qos: 0 }] }));
  await new Promise((r) => setTimeout(r, 200));
  socket.pause(); // stop reading: the kernel buffers fill, then the broker's writes block
  return socket;
}

describe('broker limits', () => {
  it('a subscriber that stops reading does not keep other devices from their messages', async () => {
    const a = await pairDevice(t, manager, 'frozen-pc');
    const b = await pairDevice(t, manager, 'healthy-pc');
    const frozen = await frozenDevice(a.username, a.password, 'sb/S001/dev/frozen-pc/cmd/#');
    const { client } = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: b.username,
      password: b.password,
    });
    let received = 0;
    client!.on('message', () => received++);
    await client!.subscribeAsync('sb/S001/dev/healthy-pc/cmd/#');
    const big = Buffer.alloc(60_000, 0x61);
    // enough bytes to fill the frozen socket's buffers many times over, interleaved with the healthy device's commands
    for (let i = 0; i < 200; i++) {
      void t.box.broker.publish('sb/S001/dev/frozen-pc/cmd/print', big).catch(() => undefined);
      void t.box.broker.publish(
        'sb/S001/dev/healthy-pc/cmd/display',
        JSON.stringify({ commandId: `c${i}`, event: { kind: 'idle' } }),
      );
    }
    await waitFor('all 200 commands at the healthy device', () => received === 200, 15_000);
    // the frozen one was dropped after drainTimeoutMs
    await waitFor('frozen client dropped', () => !('frozen-pc' in t.box.broker.broker.clients), 15_000);
    expect(received).toBe(200);
    await client!.endAsync();
    frozen.destroy();
  });

  it('closes a connection that sends a packet larger than mqtt.maxPacketBytes, and only that one', async () => {
    const d = await pairDevice(t, manager, 'huge-pc');
    const other = await pairDevice(t, manager, 'calm-pc');
    const socket = tcpConnect(t.mqttPort, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      mqttPacket.generate({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        clientId: 'huge-pc',
        keepalive: 0,
        username: d.username,
        password: Buffer.from(d.password),
      }),
    );
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // only the header and the start of a 10 MB publish: the guard acts on the declared length
    const header = mqttPacket
      .generate({
        cmd: 'publish',
        topic: 'sb/S001/dev/huge-pc/state',
        payload: Buffer.alloc(10_000_000),
        qos: 0,
        dup: false,
        retain: false,
      })
      .subarray(0, 4096);
    socket.write(header);
    await closed;
    const { client } = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: other.username,
      password: other.password,
    });
    expect(client?.connected).toBe(true);
    await client!.endAsync();
  });
});
