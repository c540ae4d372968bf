/**
 * The 200 devices of device-fleet.bench.ts, in their own process so the box's CPU time is measured
 * alone. Reads `[{username, password, topicRoot}]` from the file in argv[2]; each device connects
 * with a last will, publishes presence and state (retained), then a state heartbeat every
 * `heartbeatMs` (argv[3]) with MQTT keepalive at the same period. Prints `ready` once all are up.
 */
import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';

const [, , file, heartbeat, port] = process.argv;
const devices = JSON.parse(readFileSync(file, 'utf8')) as Array<{
  username: string;
  password: string;
  topicRoot: string;
}>;
const heartbeatMs = Number(heartbeat);
const clients: mqtt.MqttClient[] = [];
const state = () =>
  JSON.stringify({ version: 'bench', peripherals: [{ kind: 'scale', online: true }], at: new Date().toISOString() });
await Promise.all(
  devices.map(async (d, i) => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
      clientId: d.username.slice('device:'.length),
      username: d.username,
      password: d.password,
      protocolVersion: 4,
      keepalive: Math.max(1, Math.round(heartbeatMs / 1000)),
      reconnectPeriod: 0,
      will: { topic: `${d.topicRoot}presence`, payload: Buffer.from('{"status":"offline"}'), qos: 1, retain: true },
    });
    clients.push(client);
    await client.publishAsync(`${d.topicRoot}presence`, '{"status":"online"}', { qos: 1, retain: true });
    await client.publishAsync(`${d.topicRoot}state`, state(), { qos: 0, retain: true });
    // spread the heartbeats over the period, as real devices started at different times would be
    setTimeout(
      () => setInterval(() => client.publish(`${d.topicRoot}state`, state(), { qos: 0, retain: true }), heartbeatMs),
      (i * heartbeatMs) / devices.length,
    );
  }),
);
console.log('ready');
process.on('SIGTERM', () => {
  for (const c of clients) c.end(true);
  process.exit(0);
});
