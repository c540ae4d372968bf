import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { UplinkBatchSchema } from '../../contracts/uplink/uplink-batch.schema.ts';
import { encodeBatch } from './outbox-forwarder.ts';

const row = fc.record({
  topic: fc.constantFrom('sale.completed', 'member.notification'),
  payload: fc.jsonValue().map((v) => JSON.stringify(v)),
  createdAt: fc.constant('2025-06-01T02:03:04.000Z'),
});

describe('encodeBatch', () => {
  it('is valid JSON matching the batch schema, the stored payloads spliced in unchanged, within maxBytes', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 64, max: 4096 }),
        (rows, start, maxBytes) => {
          const stored = rows.map((r, i) => ({ ...r, seq: start + 1 + 2 * i })); // gaps: rolled-back seqs
          const { json, toSeq, count } = encodeBatch('S001', start + 1, stored, maxBytes);
          const batch = JSON.parse(json);
          expect(Value.Check(UplinkBatchSchema, batch)).toBe(true);
          expect(count).toBeGreaterThanOrEqual(1);
          expect(batch.rows).toHaveLength(count);
          expect(batch).toMatchObject({ storeId: 'S001', fromSeq: start + 1, toSeq });
          expect(toSeq).toBe(stored[count - 1].seq);
          batch.rows.forEach((r: { payload: unknown; seq: number }, i: number) => {
            expect(r.seq).toBe(stored[i].seq);
            expect(JSON.stringify(r.payload)).toBe(JSON.stringify(JSON.parse(stored[i].payload)));
          });
          // one row always goes; more only while the message fits
          if (count > 1) expect(Buffer.byteLength(json)).toBeLessThanOrEqual(maxBytes);
          if (count < stored.length) {
            const withNext = encodeBatch('S001', start + 1, stored.slice(0, count + 1), Number.MAX_SAFE_INTEGER).json;
            expect(Buffer.byteLength(withNext)).toBeGreaterThan(maxBytes - 32);
          }
        },
      ),
    );
  });
});
