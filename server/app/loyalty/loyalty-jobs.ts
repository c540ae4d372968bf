import type { Logger } from 'pino';
import {
  addDays,
  birthdayNotice,
  couponExpiringNotice,
  couponsExpiringSoon,
  earnPoints,
  expireLapsedPoints,
  isBirthday,
  lotsOf,
  nightlyTierReview,
  pointsBalance,
  pointsExpiringNotice,
  pointsExpiringSoon,
  spendWindowStart,
  tierByCode,
  type PointsEntry,
} from '../../core/loyalty/index.ts';
import type { WorkerJobRunner } from '../../adapters/workers/worker-job-runner.ts';
import type { Service } from '../../runtime/service.ts';
import { issueCouponTo, notify, storeName, writePoints } from './loyalty-ledger.ts';
import type { Loyalty } from './loyalty.ts';
import { loyaltyTime, type LoyaltyTime } from './loyalty-time.ts';
import { changeTier } from './member-sale.ts';

export const LOYALTY_JOBS = ['tiers', 'points-expiry', 'coupon-expiry', 'birthdays', 'tags'] as const;
export type LoyaltyJob = (typeof LOYALTY_JOBS)[number];

/** Members per slice: one short transaction each, then the event loop gets a turn (lanes keep answering). */
const SLICE = 500;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** 积分即将过期: members are reminded this many days before their points lapse (coupons: 3). */
const POINTS_REMINDER_DAYS = 30;
/** Nightly jobs start after this local minute (03:00), once per local date. */
const NIGHTLY_MINUTE = 180;

/** Nightly loyalty work: tier review (downgrades), points and coupon expiry with reminders, birthdays, RFM and tags. */
export class LoyaltyJobs implements Service {
  readonly name = 'loyalty-jobs';
  private readonly l: Loyalty;
  private readonly log: Logger;
  private readonly jobs: WorkerJobRunner;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private lastNightly: string | undefined;

  /** `jobs` runs the RFM/tags pass on a worker thread (the reconciliation jobs' mechanism). */
  constructor(l: Loyalty, log: Logger, jobs: WorkerJobRunner) {
    this.l = l;
    this.log = log.child({ service: 'loyalty-jobs' });
    this.jobs = jobs;
  }

  async start(): Promise<void> {
    this.lastNightly = loyaltyTime(this.l.ctx).date; // the first night is the next one
    this.timer = setInterval(() => this.tick(), 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.jobs.stop();
    await this.running?.catch(() => undefined);
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** One job now (admin API, CLI, tests); refused while another runs. */
  async run(job: LoyaltyJob): Promise<Record<string, number>> {
    if (this.running) throw new Error('a loyalty job is already running');
    const t = loyaltyTime(this.l.ctx);
    const work = this.runJob(job, t);
    this.running = work;
    try {
      return await work;
    } finally {
      this.running = undefined;
    }
  }

  private tick(): void {
    const t = loyaltyTime(this.l.ctx);
    if (this.running || t.date === this.lastNightly || t.minute < NIGHTLY_MINUTE) return;
    this.lastNightly = t.date;
    void (async () => {
      for (const job of LOYALTY_JOBS) {
        try {
          this.log.info({ job, ...(await this.run(job)) }, 'loyalty job done');
        } catch (e) {
          this.log.error({ job, err: e }, 'loyalty job failed');
        }
      }
    })();
  }

  private async runJob(job: LoyaltyJob, t: LoyaltyTime): Promise<Record<string, number>> {
    switch (job) {
      case 'tiers':
        return this.reviewTiers(t);
      case 'points-expiry':
        return this.expirePoints(t);
      case 'coupon-expiry':
        return this.expireCoupons(t);
      case 'birthdays':
        return this.birthdays(t);
      case 'tags':
        return this.tags(t);
    }
  }

  private async reviewTiers(t: LoyaltyTime) {
    const { ctx, stores, program } = this.l;
    const table = program.tiers();
    const from = spendWindowStart(table, t.date);
    const last = stores.members.maxSerial();
    let changed = 0;
    for (let after = 0; after < last; after += SLICE) {
      ctx.db
        .transaction(() => {
          for (const m of stores.members.tierSlice(after, after + SLICE)) {
            const spend = stores.members.spendBetween(m.serial, from, t.date);
            const review = nightlyTierReview(table, m.tier, spend);
            if (review.change === 'none') continue;
            changeTier(this.l, t, m, review.tier.code, 'nightly', spend);
            changed++;
          }
        })
        .immediate();
      await yieldToLoop();
    }
    return { changed };
  }

  /** Lapsed lots expire; then each holder of points lapsing within POINTS_REMINDER_DAYS is reminded, once per expiry date. */
  private async expirePoints(t: LoyaltyTime) {
    const { ctx, stores } = this.l;
    let members = 0;
    let points = 0;
    let reminders = 0;
    const store = storeName(this.l);
    const holders = stores.points.holders();
    for (let i = 0; i < holders.length; i += SLICE) {
      ctx.db
        .transaction(() => {
          for (const id of holders.slice(i, i + SLICE)) {
            const entries = stores.points.entriesOf(id);
            const r = writePoints(this.l, t, (c) => ({
              ok: true as const,
              value: expireLapsedPoints(entries, c, id, t.date),
            }));
            const expired = r.ok ? r.value : [];
            if (expired.length > 0) {
              members++;
              points -= expired[0].points;
            }
            if (this.remindExpiring(t, store, id, expired.length > 0 ? [...entries, ...expired] : entries)) reminders++;
          }
        })
        .immediate();
      await yieldToLoop();
    }
    return { members, points, reminders };
  }

  /** The reminder row and the notice go in the same transaction: a rerun of the night finds the row and writes nothing. */
  private remindExpiring(t: LoyaltyTime, store: string, memberId: string, entries: readonly PointsEntry[]): boolean {
    const soon = pointsExpiringSoon(lotsOf(entries), t.date, POINTS_REMINDER_DAYS)[0];
    if (!soon || !this.l.stores.pointsReminders.first(memberId, soon.firstExpiresOn, soon.points, t.at)) return false;
    notify(
      this.l,
      pointsExpiringNotice({
        memberId,
        at: t.at,
        storeName: store,
        points: soon.points,
        expiresOn: soon.firstExpiresOn,
        balance: pointsBalance(entries),
      }),
    );
    return true;
  }

  private async expireCoupons(t: LoyaltyTime) {
    const { ctx, stores, program } = this.l;
    return ctx.db
      .transaction(() => {
        const expired = stores.coupons.expireBefore(t.date);
        // 即将过期提醒: three days ahead; the dedupe key makes a rerun harmless for HQ
        const soon = couponsExpiringSoon(stores.coupons.expiringBetween(t.date, addDays(t.date, 2)), t.date, 3);
        for (const c of soon) {
          const name = program.template(c.templateId)?.name ?? c.templateId;
          notify(
            this.l,
            couponExpiringNotice({
              memberId: c.memberId,
              at: t.at,
              storeName: storeName(this.l),
              couponId: c.id,
              couponName: name,
              validTo: c.validTo,
              count: 1,
            }),
          );
        }
        return { expired, reminders: soon.length };
      })
      .immediate();
  }

  private async birthdays(t: LoyaltyTime) {
    const { ctx, stores, program } = this.l;
    const md = t.date.slice(5);
    return ctx.db
      .transaction(() => {
        let gifts = 0;
        for (const m of stores.members.withBirthday(md, md === '02-28' ? '02-29' : md)) {
          if (!m.birthday || !isBirthday(m.birthday, t.date)) continue;
          const gift = tierByCode(program.tiers(), m.tier).birthdayGift;
          let text = '生日祝福';
          if (gift?.kind === 'points') {
            writePoints(
              this.l,
              t,
              (c) =>
                earnPoints(c, {
                  memberId: m.id,
                  points: gift.points,
                  today: t.date,
                  expiry: program.config().points.earn.expiry,
                  reason: `birthday:${t.date.slice(0, 4)}`,
                }),
              false,
            );
            text = `${gift.points} 积分`;
          } else if (gift?.kind === 'coupon') {
            const c = issueCouponTo(this.l, t, m.id, gift.templateId, { kind: 'birthday', refId: t.date.slice(0, 4) });
            if (c.ok) text = program.template(gift.templateId)!.name;
          }
          notify(
            this.l,
            birthdayNotice({
              memberId: m.id,
              at: t.at,
              storeName: storeName(this.l),
              gift: text,
              year: Number(t.date.slice(0, 4)),
            }),
          );
          gifts++;
        }
        return { gifts };
      })
      .immediate();
  }

  /**
   * RFM and automatic tags over every member: 1M members take seconds of CPU, so they run on a
   * worker thread with its own connection (member-tags.ts) and the lanes' event loop stays free.
   */
  private async tags(t: LoyaltyTime) {
    return this.jobs.run('member-tags', {
      dbFile: this.l.ctx.db.name,
      today: t.date,
      rules: this.l.program.config().tags,
    });
  }
}
