export type MemberRecord = {
  serial: number;
  id: string;
  code: string;
  /** the whole number: only a manager's profile view and the lookup itself see it (see members.routes.ts) */
  phone: string;
  name: string;
  /** 'MM-DD' */
  birthday: string | null;
  tier: string;
  pointsBalance: number;
  referrerId: string | null;
  homeStore: string;
  consent: { marketing: boolean; sms: boolean };
  registeredAt: string;
  registeredOn: string;
  orderCount: number;
  firstPurchaseOn: string | null;
  lastPurchaseOn: string | null;
  tags: { auto: string[]; manual: string[] };
  rfm: { r: number; f: number; m: number };
};

export type NewMember = Pick<
  MemberRecord,
  | 'serial'
  | 'id'
  | 'code'
  | 'phone'
  | 'name'
  | 'birthday'
  | 'tier'
  | 'referrerId'
  | 'homeStore'
  | 'consent'
  | 'registeredAt'
  | 'registeredOn'
> & { manualTags: string[] };

/** What the nightly RFM job reads per member: registration, lifetime first purchase, and the window's spend. */
export type MemberSliceRow = {
  serial: number;
  id: string;
  registeredOn: string;
  firstPurchaseOn: string | null;
  orders: number;
  spendFen: number;
  discountedFen: number;
  lastPurchaseOn: string | null;
};

/** Members: profile, consent, cached points balance and the RFM/tag slices (MemberRepository). */
export interface MemberStore {
  insert(m: NewMember): void;
  byId(id: string): MemberRecord | undefined;
  byCode(code: string): MemberRecord | undefined;
  byPhone(phone: string): MemberRecord | undefined;
  byPhoneSuffix(suffix: string, limit: number): MemberRecord[];
  /** The cached balance moves with every ledger entry; the CHECK (≥ 0) is the last line of defence. */
  addPoints(id: string, delta: number): void;
  setTier(id: string, tier: string): void;
  /** false when the member already has one (the core refuses that first; this guards a race). */
  setReferrer(id: string, referrerId: string): boolean;
  setManualTags(id: string, tags: readonly string[]): void;
  setProfile(serial: number, autoTags: readonly string[], rfm: { r: number; f: number; m: number }): void;
  /** One purchase: order count, first/last purchase day, and the day's spend for tier windows and RFM. */
  recordPurchase(serial: number, date: string, netFen: number, discountedFen: number): void;
  spendBetween(serial: number, from: string, to: string): number;
  maxSerial(): number;
  /** Members with serial in (after, until], with their spend over [from, to]. */
  aggregateSlice(after: number, until: number, from: string, to: string): MemberSliceRow[];
  tagsSlice(
    after: number,
    until: number,
  ): Array<{ serial: number; id: string; tags: { auto: string[]; manual: string[] } }>;
  tierSlice(after: number, until: number): Array<{ serial: number; id: string; tier: string }>;
  /** Members whose 'MM-DD' is one of the two given (29 Feb is celebrated on 28 Feb in common years). */
  withBirthday(monthDay: string, alsoMonthDay: string): MemberRecord[];
  /** Per member and day in [from, to]: what campaign effect figures count. */
  purchasesBetween(
    ids: readonly string[],
    from: string,
    to: string,
  ): Array<{ memberId: string; date: string; netFen: number }>;
  referees(id: string): Array<{ id: string; referrerId: string }>;
}
