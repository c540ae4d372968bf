import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestBox, type TestBox } from '../../../test/support/test-box.ts';
import { addDays, dayNumber, profileSlice, RfmCollector, type MemberAggregate } from '../../core/loyalty/index.ts';
import { memberCode } from '../../core/members/index.ts';
import { loyaltyTime } from './loyalty-time.ts';

const MEMBERS = 30_000;

let t: TestBox;
beforeAll(async () => {
  t = await startTestBox();
  const { db } = t.box.ctx;
  const today = loyaltyTime(t.box.ctx).date;
  const first = t.box.loyalty.stores.members.maxSerial() + 1;
  // deterministic synthetic members (LCG, Numerical Recipes constants), as scripts/bench/members.bench.ts
  let s = 777;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const member = db.prepare(
    `INSERT INTO member (serial, id, code, phone, tier, home_store, registered_at, registered_on) VALUES (?, ?, ?, ?, 'regular', 'S001', ?, ?)`,
  );
  const spend = db.prepare(
    'INSERT INTO member_spend_day (member_serial, date, net_fen, discounted_fen, orders) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < MEMBERS; i++) {
      const serial = first + i;
      const registered = addDays(today, -1 - Math.floor(next() * 900));
      member.run(
        serial,
        `S001-${serial}`,
        memberCode(serial),
        String(16_000_000_000 + i),
        `${registered}T10:00:00+08:00`,
        registered,
      );
      if (next() < 0.7) {
        const orders = 1 + Math.floor(next() * 8);
        const net = orders * (2_000 + Math.floor(next() * 30_000));
        spend.run(serial, addDays(today, -Math.floor(next() * 364)), net, Math.floor(net * next()), orders);
      }
    }
  })();
});
afterAll(async () => {
  await t.stop();
  removeDir(t.dataDir);
});

describe('nightly RFM and tags on a worker thread', () => {
  it('writes what the core computes for every member, while the event loop keeps turning', async () => {
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const result = await t.box.loyaltyJobs.run('tags').finally(() => (running = false));
    // a job on the event loop (the worker-less fallback runs it synchronously) would leave none
    expect(turns).toBeGreaterThan(0);

    const members = t.box.loyalty.stores.members;
    const today = loyaltyTime(t.box.ctx).date;
    const last = members.maxSerial();
    expect(result).toMatchObject({ members: last });
    const rows = members.aggregateSlice(0, last, addDays(today, -364), today);
    const aggregates: MemberAggregate[] = rows.map((r) => ({
      memberId: r.id,
      registeredDay: dayNumber(r.registeredOn),
      firstPurchaseDay: r.firstPurchaseOn === null ? null : dayNumber(r.firstPurchaseOn),
      lastPurchaseDay: r.lastPurchaseOn === null ? null : dayNumber(r.lastPurchaseOn),
      orderCount: r.orders,
      spendFen: r.spendFen,
      discountedSpendFen: r.discountedFen,
    }));
    const collector = new RfmCollector(last);
    collector.add(aggregates);
    const expected = profileSlice(
      t.box.loyalty.program.config().tags,
      collector.cutpoints(),
      aggregates,
      dayNumber(today),
    );
    const stored = t.box.ctx.db
      .prepare('SELECT id, auto_tags AS tags, rfm FROM member ORDER BY serial')
      .all() as Array<{ id: string; tags: string; rfm: string }>;
    expect(
      stored.map((r) => ({
        memberId: r.id,
        rfm: { r: Number(r.rfm[0]), f: Number(r.rfm[1]), m: Number(r.rfm[2]) },
        tags: JSON.parse(r.tags),
      })),
    ).toEqual(expected);
    expect(result.tagged).toBe(expected.filter((p) => p.tags.length > 0).length);
    expect(result.tagged).toBeGreaterThan(MEMBERS / 2);
  });
});
