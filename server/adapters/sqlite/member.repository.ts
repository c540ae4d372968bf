import type { Db } from './database.ts';
import type { MemberRecord, MemberSliceRow, MemberStore, NewMember } from '../../app/ports/member-store.port.ts';

export type { MemberRecord, MemberSliceRow, NewMember };

type Row = {
  serial: number;
  id: string;
  code: string;
  phone: string;
  name: string;
  birthday: string | null;
  tier: string;
  points_balance: number;
  referrer_id: string | null;
  home_store: string;
  consent_marketing: number;
  consent_sms: number;
  registered_at: string;
  registered_on: string;
  order_count: number;
  first_purchase_on: string | null;
  last_purchase_on: string | null;
  manual_tags: string;
  auto_tags: string;
  rfm: string;
};

function toRecord(r: Row): MemberRecord {
  return {
    serial: r.serial,
    id: r.id,
    code: r.code,
    phone: r.phone,
    name: r.name,
    birthday: r.birthday,
    tier: r.tier,
    pointsBalance: r.points_balance,
    referrerId: r.referrer_id,
    homeStore: r.home_store,
    consent: { marketing: r.consent_marketing === 1, sms: r.consent_sms === 1 },
    registeredAt: r.registered_at,
    registeredOn: r.registered_on,
    orderCount: r.order_count,
    firstPurchaseOn: r.first_purchase_on,
    lastPurchaseOn: r.last_purchase_on,
    tags: { auto: JSON.parse(r.auto_tags), manual: JSON.parse(r.manual_tags) },
    rfm: { r: Number(r.rfm[0]), f: Number(r.rfm[1]), m: Number(r.rfm[2]) },
  };
}

/** Members, their per-day spend and tags. Writes run inside the caller's transaction. */
export class MemberRepository implements MemberStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert:
        db.prepare(`INSERT INTO member (serial, id, code, phone, name, birthday, tier, referrer_id, home_store, consent_marketing, consent_sms,
        registered_at, registered_on, manual_tags) VALUES (@serial, @id, @code, @phone, @name, @birthday, @tier, @referrerId, @homeStore, @marketing, @sms,
        @registeredAt, @registeredOn, @manualTags)`),
      byId: db.prepare('SELECT * FROM member WHERE id = ?'),
      byCode: db.prepare('SELECT * FROM member WHERE code = ?'),
      byPhone: db.prepare('SELECT * FROM member WHERE phone = ?'),
      bySuffix: db.prepare('SELECT * FROM member WHERE phone_suffix = ? ORDER BY serial LIMIT ?'),
      addPoints: db.prepare('UPDATE member SET points_balance = points_balance + ? WHERE id = ?'),
      setTier: db.prepare('UPDATE member SET tier = ? WHERE id = ?'),
      setReferrer: db.prepare('UPDATE member SET referrer_id = ? WHERE id = ? AND referrer_id IS NULL'),
      setManualTags: db.prepare('UPDATE member SET manual_tags = ? WHERE id = ?'),
      setProfile: db.prepare('UPDATE member SET auto_tags = ?, rfm = ? WHERE serial = ?'),
      purchase:
        db.prepare(`UPDATE member SET order_count = order_count + 1, first_purchase_on = coalesce(first_purchase_on, @date),
        last_purchase_on = max(coalesce(last_purchase_on, @date), @date) WHERE serial = @serial`),
      spendDay:
        db.prepare(`INSERT INTO member_spend_day (member_serial, date, net_fen, discounted_fen, orders) VALUES (@serial, @date, @net, @discounted, 1)
        ON CONFLICT(member_serial, date) DO UPDATE SET net_fen = net_fen + @net, discounted_fen = discounted_fen + @discounted, orders = orders + 1`),
      spendSince: db.prepare(
        'SELECT coalesce(sum(net_fen), 0) AS fen FROM member_spend_day WHERE member_serial = ? AND date >= ? AND date <= ?',
      ),
      maxSerial: db.prepare('SELECT coalesce(max(serial), 0) AS n FROM member'),
      slice: db.prepare(`SELECT m.serial, m.id, m.registered_on AS registeredOn, m.first_purchase_on AS firstPurchaseOn,
          coalesce(sum(d.orders), 0) AS orders, coalesce(sum(d.net_fen), 0) AS spendFen, coalesce(sum(d.discounted_fen), 0) AS discountedFen, max(d.date) AS lastPurchaseOn
        FROM member m LEFT JOIN member_spend_day d ON d.member_serial = m.serial AND d.date >= @from AND d.date <= @to
        WHERE m.serial > @after AND m.serial <= @until GROUP BY m.serial ORDER BY m.serial`),
      tagsSlice: db.prepare(
        'SELECT serial, id, auto_tags, manual_tags FROM member WHERE serial > ? AND serial <= ? ORDER BY serial',
      ),
      tierSlice: db.prepare('SELECT serial, id, tier FROM member WHERE serial > ? AND serial <= ? ORDER BY serial'),
      birthdays: db.prepare('SELECT * FROM member WHERE birthday IN (?, ?) ORDER BY serial'),
      purchases:
        db.prepare(`SELECT m.id AS memberId, d.date, d.net_fen AS netFen FROM member m JOIN member_spend_day d ON d.member_serial = m.serial
        WHERE m.id IN (SELECT value FROM json_each(?)) AND d.date >= ? AND d.date <= ?`),
      downline: db.prepare('SELECT id, referrer_id AS referrerId FROM member WHERE referrer_id = ?'),
    };
  }

  insert(m: NewMember): void {
    this.s.insert.run({
      ...m,
      marketing: m.consent.marketing ? 1 : 0,
      sms: m.consent.sms ? 1 : 0,
      manualTags: JSON.stringify(m.manualTags),
    });
  }

  byId(id: string): MemberRecord | undefined {
    const r = this.s.byId.get(id) as Row | undefined;
    return r && toRecord(r);
  }

  byCode(code: string): MemberRecord | undefined {
    const r = this.s.byCode.get(code) as Row | undefined;
    return r && toRecord(r);
  }

  byPhone(phone: string): MemberRecord | undefined {
    const r = this.s.byPhone.get(phone) as Row | undefined;
    return r && toRecord(r);
  }

  byPhoneSuffix(suffix: string, limit: number): MemberRecord[] {
    return (this.s.bySuffix.all(suffix, limit) as Row[]).map(toRecord);
  }

  /** The cached balance moves with every ledger entry; the CHECK (≥ 0) is the last line of defence. */
  addPoints(id: string, delta: number): void {
    this.s.addPoints.run(delta, id);
  }

  setTier(id: string, tier: string): void {
    this.s.setTier.run(tier, id);
  }

  /** false when the member already has one (the core refuses that first; this guards a race). */
  setReferrer(id: string, referrerId: string): boolean {
    return this.s.setReferrer.run(referrerId, id).changes === 1;
  }

  setManualTags(id: string, tags: readonly string[]): void {
    this.s.setManualTags.run(JSON.stringify(tags), id);
  }

  setProfile(serial: number, autoTags: readonly string[], rfm: { r: number; f: number; m: number }): void {
    this.s.setProfile.run(JSON.stringify(autoTags), `${rfm.r}${rfm.f}${rfm.m}`, serial);
  }

  /** One purchase: order count, first/last purchase day, and the day's spend for tier windows and RFM. */
  recordPurchase(serial: number, date: string, netFen: number, discountedFen: number): void {
    this.s.purchase.run({ serial, date });
    this.s.spendDay.run({ serial, date, net: netFen, discounted: discountedFen });
  }

  spendBetween(serial: number, from: string, to: string): number {
    return (this.s.spendSince.get(serial, from, to) as { fen: number }).fen;
  }

  maxSerial(): number {
    return (this.s.maxSerial.get() as { n: number }).n;
  }

  /** Members with serial in (after, until], with their spend over [from, to]. */
  aggregateSlice(after: number, until: number, from: string, to: string): MemberSliceRow[] {
    return this.s.slice.all({ after, until, from, to }) as MemberSliceRow[];
  }

  tagsSlice(
    after: number,
    until: number,
  ): Array<{ serial: number; id: string; tags: { auto: string[]; manual: string[] } }> {
    return (
      this.s.tagsSlice.all(after, until) as Array<{
        serial: number;
        id: string;
        auto_tags: string;
        manual_tags: string;
      }>
    ).map((r) => ({
      serial: r.serial,
      id: r.id,
      tags: { auto: JSON.parse(r.auto_tags), manual: JSON.parse(r.manual_tags) },
    }));
  }

  tierSlice(after: number, until: number): Array<{ serial: number; id: string; tier: string }> {
    return this.s.tierSlice.all(after, until) as Array<{ serial: number; id: string; tier: string }>;
  }

  /** Members whose 'MM-DD' is one of the two given (29 Feb is celebrated on 28 Feb in common years). */
  withBirthday(monthDay: string, alsoMonthDay: string): MemberRecord[] {
    return (this.s.birthdays.all(monthDay, alsoMonthDay) as Row[]).map(toRecord);
  }

  /** Per member and day in [from, to]: what campaign effect figures count. */
  purchasesBetween(
    ids: readonly string[],
    from: string,
    to: string,
  ): Array<{ memberId: string; date: string; netFen: number }> {
    return this.s.purchases.all(JSON.stringify(ids), from, to) as Array<{
      memberId: string;
      date: string;
      netFen: number;
    }>;
  }

  referees(id: string): Array<{ id: string; referrerId: string }> {
    return this.s.downline.all(id) as Array<{ id: string; referrerId: string }>;
  }
}
