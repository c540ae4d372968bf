import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { sellForCash, useInjectBox, type InjectBox } from '../support/inject-box.ts';

const product = demoProducts().find((p) => p.unit !== 'kg')!;

/** Opens /ws/events over injectWS, collecting every message from the first one on. */
async function openEvents(t: InjectBox, token: string) {
  const messages: Array<{ topic: string; payload: any }> = [];
  let closed!: Promise<number>;
  const socket = await t.app.injectWS(
    `/ws/events?token=${encodeURIComponent(token)}`,
    {},
    {
      onInit(ws) {
        ws.on('message', (m) => messages.push(JSON.parse(m.toString())));
        closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
      },
    },
  );
  return { socket, messages, closed: () => closed };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('events WebSocket route (inject)', () => {
  const t = useInjectBox();

  it('a supervisor is told the stream is ready and then sees a completed sale', async () => {
    const events = await openEvents(t, await t.token('supervisor'));
    await until(() => events.messages.some((m) => m.topic === 'events.ready'));
    expect(events.messages[0]).toMatchObject({ topic: 'events.ready', payload: { user: 'super1' } });
    const sale = await sellForCash(t, 'L01', [product.barcodes[0]]);
    await until(() => events.messages.some((m) => m.topic === 'sale.completed'));
    expect(JSON.stringify(events.messages.find((m) => m.topic === 'sale.completed'))).toContain(sale.saleId);
    events.socket.close();
  });

  it('a cashier, or no token at all, is closed with 4401 and sent nothing', async () => {
    for (const token of [await t.token('cashier'), 'not-a-token']) {
      const events = await openEvents(t, token);
      expect(await events.closed()).toBe(4401);
      expect(events.messages).toEqual([]);
    }
  });
});
