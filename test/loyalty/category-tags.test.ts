import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { netByTopCategory } from '../../server/app/loyalty/category-spend.ts';
import { TAG_CATEGORY_PREFIX } from '../../server/core/loyalty/index.ts';
import { useTestBox } from '../support/test-box.ts';
import { barcodeOf } from './loyalty-box.ts';
import { openLane, saleId, type LaneClient } from '../support/lane-client.ts';

const t = useTestBox();
let cashier: string;
beforeAll(async () => {
  cashier = await t.login('cashier1', 'cashier1pass');
});

type Row = { serial: number; date: string; category: string; net: number };
const rows = (): Row[] =>
  t.box.ctx.db
    .prepare(
      'SELECT member_serial AS serial, date, category, net_fen AS net FROM member_category_spend_day ORDER BY member_serial, date, category',
    )
    .all() as Row[];
const autoTags = (id: string) => t.box.loyalty.stores.members.byId(id)!.tags.auto;
const preferences = (id: string) => autoTags(id).filter((x) => x.startsWith(TAG_CATEGORY_PREFIX));

async function buy(lane: LaneClient, memberCode: string, items: Array<[string, number]>): Promise<string> {
  for (const [name, quantity] of items)
    expect((await lane.send('cart.scan', { code: barcodeOf(t, name), quantity })).ok).toBe(true);
  expect((await lane.send('cart.identifyMember', { query: memberCode })).ok).toBe(true);
  const due = (await lane.send('cart.total')).data.cart!.totals.dueFen;
  await lane.send('cart.tenderCash', { amountFen: due });
  const done = await lane.send('cart.complete', { saleId: saleId(), expectedDueFen: due });
  expect(done.error).toBeUndefined();
  return done.data.sale!.saleId;
}

describe('品类偏好:<category> tags from spend by top-level category', () => {
  let clothes: { id: string; code: string; serial: number };
  let grocer: { id: string; code: string; serial: number };
  let clothesSale: string;

  it('a sale adds its lines’ net per top-level category on the member’s day', async () => {
    const register = async (phone: string) => {
      const m = (await t.api('/api/v1/members', { token: cashier, body: { phone } })).body.data.member;
      return { ...m, serial: t.box.loyalty.stores.members.byId(m.id)!.serial };
    };
    clothes = await register('13733330001');
    grocer = await register('13733330002');
    const lane = await openLane(t, 'L01');
    clothesSale = await buy(lane, clothes.code, [
      ['纯棉圆领T恤 白', 3],
      ['可口可乐 330ml', 1],
    ]);
    const grocerSale = await buy(lane, grocer.code, [
      ['金龙鱼调和油 5L', 1],
      ['金龙鱼东北大米 5kg', 1],
    ]);
    lane.close();

    const date = (await t.api(`/api/v1/sales/${clothesSale}`, { token: cashier })).body.data.businessDate as string;
    const expected = (serial: number, sale: string) =>
      [...netByTopCategory(t.box.loyalty.stores.sales.lines(sale))].map(([category, net]) => ({
        serial,
        date,
        category,
        net,
      }));
    const want = [...expected(clothes.serial, clothesSale), ...expected(grocer.serial, grocerSale)].sort(
      (a, b) => a.serial - b.serial || a.category.localeCompare(b.category),
    );
    expect(rows().sort((a, b) => a.serial - b.serial || a.category.localeCompare(b.category))).toEqual(want);
    expect(want.map((r) => r.category).sort()).toEqual(['食品', '食品', '服装'].sort());
  });

  it('the nightly tags job (worker thread) tags the category whose share and spend pass the rule', async () => {
    const rule = t.box.loyalty.program.config().tags.categoryPreference;
    await t.box.loyaltyJobs.run('tags');
    const spend = (serial: number) =>
      Object.fromEntries(
        rows()
          .filter((r) => r.serial === serial)
          .map((r) => [r.category, r.net]),
      );
    // the rule holds for these baskets (so the test means something): clothing ≥ ¥100 and ≥ 40%, the cola far below ¥100
    expect(spend(clothes.serial)['服装']).toBeGreaterThanOrEqual(rule.minSpendFen);
    expect(spend(clothes.serial)['食品']).toBeLessThan(rule.minSpendFen);
    expect(preferences(clothes.id)).toEqual(['品类偏好:服装']);
    expect(preferences(grocer.id)).toEqual(['品类偏好:食品']);
  });

  it('a refund lowers the category on the sale’s day; the next run drops the tag', async () => {
    const detail = (await t.api(`/api/v1/sales/${clothesSale}`, { token: cashier })).body.data;
    const sku = (await t.api(`/api/v1/products?q=${encodeURIComponent('纯棉圆领T恤 白')}`, { token: cashier })).body
      .data.items[0].sku as string;
    const shirts = detail.lines.find((l: { sku: string }) => l.sku === sku);
    const r = await t.api('/api/v1/returns', {
      token: cashier,
      body: {
        refundId: randomUUID().replaceAll('-', ''),
        saleId: clothesSale,
        lines: [{ lineNo: shirts.lineNo, quantity: 3 }],
        supervisor: { username: 'super1', password: 'super1pass' }, // every refund above ¥0 needs one by default
      },
    });
    expect(r.status).toBe(201);
    expect(rows().find((x) => x.serial === clothes.serial && x.category === '服装')!.net).toBe(0);
    await t.box.loyaltyJobs.run('tags');
    expect(preferences(clothes.id)).toEqual([]);
    expect(preferences(grocer.id)).toEqual(['品类偏好:食品']);
  });

  it('migration 0010’s backfill from sale lines less refunds gives what commits and refunds kept', () => {
    const sql = readFileSync(new URL('../../migrations/0010_fission_packets.sql', import.meta.url), 'utf8');
    const start = sql.indexOf('INSERT INTO member_category_spend_day');
    const backfill = sql.slice(start, sql.indexOf(';', start) + 1);
    const kept = rows().filter((r) => r.net !== 0);
    expect(kept.length).toBeGreaterThan(0);
    const db = t.box.ctx.db;
    db.transaction(() => {
      db.prepare('DELETE FROM member_category_spend_day').run();
      db.exec(backfill);
    })();
    expect(rows()).toEqual(kept);
  });
});
