import fc from 'fast-check';
import mqtt from 'mqtt';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { DevicePublications } from '../../../server/contracts/devices/device-messages.schema.ts';
import { pairDevice } from '../../../test/devices/device-test-kit.ts';
import { fail, newFigures, show, type TargetFigures } from './figures.ts';
import { halfWritten, type FuzzBox } from './fuzz-box.ts';
import { draw, fuzzValue, type JsonSchema } from './schema-arbitrary.ts';

/**
 * Every device payload schema (server/contracts/devices) published by a paired device over MQTT.
 * The broker's verdict is checked against the schema itself: a payload the schema accepts is
 * PUBACKed and the connection stays; anything else closes the connection (MQTT 3.1.1 has no negative
 * PUBACK, docs/mqtt.md) and changes no table.
 */
type DeviceInput = { suffix: string; payload: Buffer; valid: boolean };

const SUFFIXES = Object.keys(DevicePublications) as (keyof typeof DevicePublications)[];

function inputArbitrary(dict: FuzzBox['dict']): fc.Arbitrary<DeviceInput> {
  const known = fc.constantFrom(...SUFFIXES).chain((suffix) =>
    fuzzValue(DevicePublications[suffix] as unknown as JsonSchema, dict).map((value) => {
      const topic = suffix === 'ack' ? `ack/c${Math.abs(JSON.stringify(value)?.length ?? 0)}` : suffix;
      return {
        suffix: topic,
        payload: Buffer.from(JSON.stringify(value) ?? 'null'),
        valid: Value.Check(DevicePublications[suffix] as TSchema, value),
      };
    }),
  );
  const unknownSuffix = fc
    .tuple(
      fc.constantFrom('events/nope', 'cmd/print', 'cmd/drawer', 'state/x', 'ack', ''),
      fc.jsonValue({ maxDepth: 1 }),
    )
    .map(([suffix, value]) => ({ suffix, payload: Buffer.from(JSON.stringify(value) ?? 'null'), valid: false }));
  const notJson = fc
    .tuple(fc.constantFrom(...SUFFIXES), fc.uint8Array({ maxLength: 64 }))
    .map(([suffix, bytes]) => ({
      suffix: suffix === 'ack' ? 'ack/c1' : suffix,
      payload: Buffer.from(bytes),
      valid: false,
    }))
    .map((i) => {
      try {
        const v = JSON.parse(i.payload.toString('utf8'));
        const schema =
          DevicePublications[(i.suffix.startsWith('ack/') ? 'ack' : i.suffix) as keyof typeof DevicePublications];
        return { ...i, valid: Value.Check(schema as TSchema, v) };
      } catch {
        return i;
      }
    });
  return fc.oneof(
    { weight: 14, arbitrary: known },
    { weight: 1, arbitrary: unknownSuffix },
    { weight: 1, arbitrary: notJson },
  );
}

async function connect(url: string, username: string, password: string, clientId: string): Promise<mqtt.MqttClient> {
  return mqtt.connectAsync(url, {
    username,
    password,
    clientId,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    clean: true,
  });
}

/** 'acked' when the PUBACK came, 'closed' when the broker closed the connection instead. */
function publish(client: mqtt.MqttClient, topic: string, payload: Buffer): Promise<'acked' | 'closed' | 'timeout'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), 10_000);
    const onClose = () => {
      clearTimeout(timer);
      resolve('closed');
    };
    client.once('close', onClose);
    client.publish(topic, payload, { qos: 1 }, (error) => {
      clearTimeout(timer);
      client.off('close', onClose);
      resolve(error ? 'closed' : 'acked');
    });
  });
}

export async function fuzzDevices(
  box: FuzzBox,
  seed: number,
  count: number,
  onCrash: () => number,
  progress?: (line: string) => void,
): Promise<TargetFigures> {
  const f = newFigures('device payloads (MQTT)');
  const deviceId = `fuzz-dev-${seed & 0xffff}`;
  const creds = await pairDevice(box.t, box.tokens.manager, deviceId);
  const url = `mqtt://127.0.0.1:${box.t.mqttPort}`;
  const root = `sb/${creds.storeId}/dev/${deviceId}/`;
  let client = await connect(url, creds.username, creds.password, deviceId);
  let reconnects = 0;
  for (const input of draw(inputArbitrary(box.dict), seed, count)) {
    if (++f.inputs % 1000 === 0) progress?.(`devices: ${f.inputs}/${count}`);
    const crashesBefore = onCrash();
    const before = box.snapshot();
    const outcome = await publish(client, root + input.suffix, input.payload);
    if (onCrash() > crashesBefore) fail(f, 'crashes', `${input.suffix} ${show(input.payload.toString())}`);
    if (outcome === 'timeout') fail(f, 'violations', `no PUBACK and no close within 10 s: ${input.suffix}`);
    else if (outcome === 'closed') {
      f.refused++;
      if (input.valid)
        fail(
          f,
          'violations',
          `a payload its schema accepts was refused: ${input.suffix} ${show(input.payload.toString())}`,
        );
      const changed = halfWritten(before, box.snapshot());
      if (changed.length)
        fail(f, 'halfWrites', `${input.suffix} ${show(input.payload.toString())}: ${changed.join('; ')}`);
    } else if (!input.valid)
      fail(
        f,
        'violations',
        `a payload its schema refuses was accepted: ${input.suffix} ${show(input.payload.toString())}`,
      );
    if (outcome !== 'acked') {
      client.end(true);
      reconnects++;
      client = await connect(url, creds.username, creds.password, deviceId);
    }
  }
  await client.endAsync();
  f.notes.push(`${SUFFIXES.length} publication schemas, ${reconnects} reconnects after refusals`);
  return f;
}
