import fc from 'fast-check';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { createFrameSizeCheck } from './frame-size-guard.ts';

const publish = (bytes: number) =>
  mqttPacket.generate({
    cmd: 'publish',
    topic: 'sb/S1/dev/d1/state',
    payload: Buffer.alloc(bytes, 0x61),
    qos: 0,
    dup: false,
    retain: false,
  });

describe('MQTT frame size check', () => {
  it('passes any split of frames within the limit and stops at the first oversized one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 97 }),
        (sizes, step) => {
          const limit = 2048;
          const stream = Buffer.concat(sizes.map(publish));
          const check = createFrameSizeCheck(limit);
          let passed = true;
          for (let i = 0; i < stream.length && passed; i += step) passed = check(stream.subarray(i, i + step));
          const overhead = 2 + 'sb/S1/dev/d1/state'.length;
          expect(passed).toBe(sizes.every((s) => s + overhead <= limit));
        },
      ),
    );
  });
  it('refuses a remaining length of more than four bytes [MQTT-2.2.3]', () => {
    expect(createFrameSizeCheck(Number.MAX_SAFE_INTEGER)(Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0xff, 0x01))).toBe(
      false,
    );
  });
});
