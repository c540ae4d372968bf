import {
  addDays,
  dayNumber,
  profileSlice,
  RfmCollector,
  type IsoDate,
  type MemberAggregate,
  type TagRules,
} from '../../core/loyalty/index.ts';
import type { MemberCategorySpendStore } from '../ports/member-category-spend-store.port.ts';
import type { MemberSliceRow, MemberStore } from '../ports/member-store.port.ts';
import type { Transactions } from '../ports/transactions.port.ts';

/** What the nightly RFM/tags job needs; plain data, so it crosses into a worker thread (structured clone). */
export type MemberTagsInput = { readonly today: IsoDate; readonly rules: TagRules };

/** A connection of the job's own: its unit of work, the member stores, and a WAL checkpoint after each slice. */
export type MemberTagsStores = {
  readonly tx: Transactions;
  readonly members: Pick<MemberStore, 'maxSerial' | 'aggregateSlice' | 'setProfile'>;
  readonly categorySpend: Pick<MemberCategorySpendStore, 'slice'>;
  /** a PASSIVE checkpoint: never waits for readers */
  readonly checkpoint: () => void;
};
export type MemberTagsOutput = { readonly members: number; readonly tagged: number };

/** Members per read and per write transaction: short enough that a lane's sale never waits long for the writer lock. */
const SLICE = 1000;

function aggregateOf(r: MemberSliceRow, categorySpendFen?: Readonly<Record<string, number>>): MemberAggregate {
  return {
    memberId: r.id,
    registeredDay: dayNumber(r.registeredOn),
    firstPurchaseDay: r.firstPurchaseOn === null ? null : dayNumber(r.firstPurchaseOn),
    lastPurchaseDay: r.lastPurchaseOn === null ? null : dayNumber(r.lastPurchaseOn),
    orderCount: r.orders,
    spendFen: r.spendFen,
    discountedSpendFen: r.discountedFen,
    ...(categorySpendFen === undefined ? {} : { categorySpendFen }),
  };
}

/**
 * RFM and automatic tags over every member, on a connection of its own (the worker thread's, see
 * LoyaltyJobs): one pass collects the last 12 months' figures for the quintile cutpoints, a second
 * scores each slice (with its spend by top-level category, for 品类偏好) and writes it in its own
 * short transaction. WAL lets the lanes read throughout; they wait for the writer lock at most one
 * slice. The connection checkpoints the WAL itself after each slice (PASSIVE: never waits for
 * readers), so the file stays small and the main thread's next commit does not inherit a large
 * checkpoint.
 */
export function computeMemberTags(
  stores: MemberTagsStores,
  input: MemberTagsInput,
  progress: (p: { stage: string; done: number }) => void = () => {},
): MemberTagsOutput {
  const { members, categorySpend: categories } = stores;
  const from = addDays(input.today, -364);
  const last = members.maxSerial();
  const collector = new RfmCollector(last);
  for (let after = 0; after < last; after += SLICE)
    collector.add(members.aggregateSlice(after, after + SLICE, from, input.today).map((r) => aggregateOf(r)));
  progress({ stage: 'collected', done: last });
  const cut = collector.cutpoints();
  const today = dayNumber(input.today);
  const write = (rows: readonly MemberSliceRow[], profiles: ReturnType<typeof profileSlice>) =>
    stores.tx.run(() => {
      for (let i = 0; i < rows.length; i++) members.setProfile(rows[i].serial, profiles[i].tags, profiles[i].rfm);
    });
  let tagged = 0;
  for (let after = 0; after < last; after += SLICE) {
    const rows = members.aggregateSlice(after, after + SLICE, from, input.today);
    // 品类偏好 needs the split by category only here, not for the cutpoints: one range read per slice
    const bySerial = categories.slice(after, after + SLICE, from, input.today);
    const profiles = profileSlice(
      input.rules,
      cut,
      rows.map((r) => aggregateOf(r, bySerial.get(r.serial))),
      today,
    );
    write(rows, profiles);
    stores.checkpoint();
    for (const p of profiles) if (p.tags.length > 0) tagged++;
  }
  progress({ stage: 'written', done: last });
  return { members: last, tagged };
}
