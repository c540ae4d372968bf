import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LANE_TOPICS } from '../../server/contracts/lane/lane-messages.schema.ts';
import { LaneClient, type LaneMessage } from '../support/lane-client.ts';
import { useTestBox } from '../support/test-box.ts';

const cola = demoProducts().find((p) => p.names.zh === '可口可乐 330ml')!;

const t = useTestBox();

/** Malformed frames: not JSON, not an envelope, and for every topic payloads its schema refuses. */
function malformedCorpus(): string[] {
  const corpus = ['{oops', '', 'null', '123', '"cart.open"', '[]', 'true', '{"transaction":"x1"', '\u0000'];
  const envelopes: unknown[] = [
    {},
    { topic: 'cart.open', payload: {} },
    { transaction: 'e1', payload: {} },
    { transaction: 'e2', topic: 42, payload: {} },
    { transaction: 7, topic: 'cart.open', payload: {} },
    { transaction: '', topic: 'cart.open', payload: {} },
    { transaction: 'x'.repeat(65), topic: 'cart.open', payload: {} },
    { transaction: 'e3', topic: '', payload: {} },
    { transaction: 'e4', topic: 'cart.open', payload: {}, extra: 1 },
    { transaction: 'e5', topic: 'cart.fly', payload: {} },
    { transaction: 'e6', topic: 'lane.event', payload: {} },
    { transaction: 'e7', topic: 'cart.scan' },
    { transaction: 'e8', topic: 'cart.scan', payload: { code: 6921000079190 } },
    { transaction: 'e9', topic: 'cart.scan', payload: { code: cola.barcodes[0], quantity: 0 } },
    { transaction: 'e10', topic: 'cart.scan', payload: { code: cola.barcodes[0], quantity: 1.5 } },
    { transaction: 'e11', topic: 'cart.scan', payload: { code: cola.barcodes[0], weightGrams: -1 } },
    { transaction: 'e12', topic: 'cart.complete', payload: { saleId: 'not-a-uuid', expectedDueFen: 1 } },
    { transaction: 'e13', topic: 'cart.tenderCash', payload: { amountFen: '300' } },
  ];
  for (const [i, topic] of LANE_TOPICS.entries()) {
    envelopes.push({ transaction: `p${i}a`, topic, payload: 'x' });
    envelopes.push({ transaction: `p${i}b`, topic, payload: [] });
    envelopes.push({ transaction: `p${i}c`, topic, payload: { unexpected: true } });
    envelopes.push({ transaction: `p${i}d`, topic, payload: null });
  }
  return [...corpus, ...envelopes.map((e) => JSON.stringify(e))];
}

function sentField(text: string, key: 'transaction' | 'topic'): string | undefined {
  try {
    const value = (JSON.parse(text) as Record<string, unknown> | null)?.[key];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

describe('every lane reply has the documented shape', () => {
  it('answers each malformed message with its transaction and topic echoed, a coded error naming a field, and the unchanged cart', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: cola.barcodes[0] });
    const corpus = malformedCorpus();
    expect(corpus.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const text of corpus) {
      const reply = await lane.sendRaw(text);
      const transaction = sentField(text, 'transaction');
      const topic = sentField(text, 'topic') ?? 'lane.error';
      const problems = [
        reply.ok === false ? '' : 'ok',
        reply.transaction === transaction ? '' : `transaction ${reply.transaction}`,
        reply.topic === topic ? '' : `topic ${reply.topic}`,
        /^[A-Z][A-Z0-9_]+$/.test(reply.error?.code ?? '') ? '' : 'code',
        reply.error?.message ? '' : 'message',
        reply.error?.field ? '' : 'field',
        reply.data?.cart?.lines?.length === 1 ? '' : 'cart',
      ].filter(Boolean);
      if (problems.length > 0) wrong.push(`${JSON.stringify(text).slice(0, 80)}: ${problems.join(', ')}`);
    }
    expect(wrong).toEqual([]);
    // the lane still works and its cart is as it was
    const after = await lane.send('cart.open');
    expect(after.data.cart!.lines).toMatchObject([{ sku: cola.sku, quantity: 1 }]);
    lane.close();
  });

  it('names the field of a refusal about the cart (resume onto a cart with items, scan after total)', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L02');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: cola.barcodes[0] });
    const parked = await lane.send('cart.park');
    await lane.send('cart.scan', { code: cola.barcodes[0] });
    const resume = await lane.send('cart.resume', { parkedId: parked.data.parkedId! });
    expect(resume.error).toMatchObject({ code: 'CART_NOT_EMPTY', field: 'cart' });
    expect(resume.topic).toBe('cart.resume');
    expect(resume.data.cart!.lines).toHaveLength(1);
    await lane.send('cart.total');
    const late = await lane.send('cart.scan', { code: cola.barcodes[0] });
    expect(late.error).toMatchObject({ code: 'CART_TOTALED', field: 'cart' });
    const nothing = await lane.send('cart.cancelPayment', {});
    expect(nothing.error?.field).toBe('paymentId');
    lane.close();
  });

  it('answers a frame over 1 MiB with an error naming the limit, then closes with 1009', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L03');
    await lane.send('cart.open');
    const huge = JSON.stringify({ transaction: 'big', topic: 'cart.scan', payload: { code: 'x'.repeat(1_048_576) } });
    const reply: LaneMessage = await lane.sendRaw(huge);
    expect(reply).toMatchObject({
      topic: 'lane.error',
      ok: false,
      error: { code: 'LANE_FRAME_TOO_LARGE', field: 'message' },
    });
    expect(reply.error!.message).toContain('1048576');
    expect(reply.data).toHaveProperty('cart');
    expect((await lane.closed).code).toBe(1009);
  });
});
