-- Members and loyalty: members, the append-only points ledger (balance cached on the member row),
-- tier history, coupon instances, stored-value accounts and their ledger, referral rewards,
-- campaigns. The pure core (server/core/loyalty) computes the rows; these tables keep them.

-- the programme (tiers, earn rule, coupon templates, …) as one validated JSON document
CREATE TABLE loyalty_config (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  config TEXT NOT NULL CHECK (json_valid(config)),
  updated_at TEXT NOT NULL
) STRICT;

-- ledger sequences: points and stored-value entry ids are `${storeId}-${seq}`; members and coupons get serials
CREATE TABLE loyalty_counter (
  name TEXT PRIMARY KEY CHECK (name IN ('points', 'stored_value', 'member', 'coupon')),
  last INTEGER NOT NULL CHECK (last >= 0)
) STRICT;

CREATE TABLE member (
  serial INTEGER PRIMARY KEY,                 -- dense, so nightly jobs walk members in slices
  id TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL UNIQUE,                  -- 'M' + serial + Luhn digit (core/members/member-code.ts)
  phone TEXT NOT NULL UNIQUE CHECK (length(phone) = 11),
  phone_suffix TEXT NOT NULL GENERATED ALWAYS AS (substr(phone, 8, 4)) VIRTUAL,
  name TEXT NOT NULL DEFAULT '',
  birthday TEXT CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9]-[0-9][0-9]'),
  tier TEXT NOT NULL,
  points_balance INTEGER NOT NULL DEFAULT 0 CHECK (points_balance >= 0),
  referrer_id TEXT REFERENCES member(id),
  home_store TEXT NOT NULL,
  consent_marketing INTEGER NOT NULL DEFAULT 0 CHECK (consent_marketing IN (0, 1)),
  consent_sms INTEGER NOT NULL DEFAULT 0 CHECK (consent_sms IN (0, 1)),
  registered_at TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  order_count INTEGER NOT NULL DEFAULT 0 CHECK (order_count >= 0),
  first_purchase_on TEXT,
  last_purchase_on TEXT,
  manual_tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(manual_tags)),
  auto_tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(auto_tags)),
  rfm TEXT NOT NULL DEFAULT '000',            -- r f m scores 0–5 as three digits
  CHECK (referrer_id IS NULL OR referrer_id <> id)
) STRICT;
CREATE INDEX member_phone_suffix ON member(phone_suffix);
CREATE INDEX member_referrer ON member(referrer_id) WHERE referrer_id IS NOT NULL;

-- net spend per member and local day: rolling tier windows and RFM read this, not the sale table
CREATE TABLE member_spend_day (
  member_serial INTEGER NOT NULL REFERENCES member(serial),
  date TEXT NOT NULL,
  net_fen INTEGER NOT NULL,
  discounted_fen INTEGER NOT NULL DEFAULT 0,
  orders INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (member_serial, date)
) STRICT, WITHOUT ROWID;

CREATE TABLE points_entry (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                    -- `${storeId}-${seq}`
  member_id TEXT NOT NULL REFERENCES member(id),
  kind TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'expire', 'adjust', 'clawback', 'restore', 'transfer-in', 'transfer-out')),
  points INTEGER NOT NULL,
  at TEXT NOT NULL,
  sale_id TEXT,
  entry TEXT NOT NULL CHECK (json_valid(entry))   -- the whole core PointsEntry: grants, takes, lines
) STRICT;
CREATE INDEX points_entry_member ON points_entry(member_id, seq);
CREATE INDEX points_entry_sale ON points_entry(sale_id) WHERE sale_id IS NOT NULL;

CREATE TABLE tier_change (
  id INTEGER PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES member(id),
  from_code TEXT NOT NULL,
  to_code TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('sale', 'nightly', 'manual')),
  spend_fen INTEGER NOT NULL,
  at TEXT NOT NULL,
  sale_id TEXT
) STRICT;
CREATE INDEX tier_change_member ON tier_change(member_id);

CREATE TABLE coupon_instance (
  id TEXT PRIMARY KEY,                        -- also the code printed and scanned
  template_id TEXT NOT NULL,
  member_id TEXT NOT NULL REFERENCES member(id),
  status TEXT NOT NULL CHECK (status IN ('issued', 'redeemed', 'restored', 'expired')),
  issued_at TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL CHECK (valid_to >= valid_from),
  source_kind TEXT NOT NULL CHECK (source_kind IN ('manual', 'campaign', 'welcome', 'next-visit', 'referral', 'birthday', 'fission')),
  source_ref TEXT,
  face_value_fen INTEGER CHECK (face_value_fen IS NULL OR face_value_fen > 0),
  redeemed_at TEXT,
  sale_id TEXT,
  discount_fen INTEGER CHECK (discount_fen IS NULL OR discount_fen >= 0),
  sale_net_fen INTEGER,
  restored_at TEXT,
  expired_on TEXT,
  CHECK ((status = 'redeemed') = (sale_id IS NOT NULL))
) STRICT;
CREATE INDEX coupon_instance_member ON coupon_instance(member_id, status);
CREATE INDEX coupon_instance_template ON coupon_instance(template_id);

CREATE TABLE stored_value_account (
  member_id TEXT PRIMARY KEY REFERENCES member(id),
  pin_hash TEXT,                              -- scrypt, never the PIN
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until_ms INTEGER,
  principal_fen INTEGER NOT NULL DEFAULT 0 CHECK (principal_fen >= 0),
  bonus_fen INTEGER NOT NULL DEFAULT 0 CHECK (bonus_fen >= 0),
  opened_at TEXT NOT NULL
) STRICT;

CREATE TABLE stored_value_entry (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL REFERENCES stored_value_account(member_id),
  kind TEXT NOT NULL CHECK (kind IN ('topup', 'pay', 'refund')),
  principal_fen INTEGER NOT NULL,
  bonus_fen INTEGER NOT NULL,
  at TEXT NOT NULL,
  business_date TEXT NOT NULL,
  ref TEXT,
  pay_entry_id TEXT,
  rule_id TEXT,
  tender_kind TEXT CHECK (tender_kind IS NULL OR tender_kind IN ('cash', 'card', 'alipay', 'wechat', 'unionpay')),
  CHECK (kind <> 'pay' OR (principal_fen <= 0 AND bonus_fen <= 0 AND principal_fen + bonus_fen < 0))
) STRICT;
CREATE INDEX stored_value_entry_account ON stored_value_entry(account_id, seq);
CREATE INDEX stored_value_entry_day ON stored_value_entry(business_date);

CREATE TABLE referral_reward (
  id INTEGER PRIMARY KEY,
  beneficiary_id TEXT NOT NULL REFERENCES member(id),
  referee_id TEXT NOT NULL REFERENCES member(id),
  level INTEGER NOT NULL CHECK (level IN (1, 2)),
  kind TEXT NOT NULL CHECK (kind IN ('first-purchase', 'repeat-share')),
  points INTEGER NOT NULL CHECK (points >= 0),
  template_id TEXT,
  sale_id TEXT NOT NULL,
  month TEXT NOT NULL
) STRICT;
CREATE INDEX referral_reward_beneficiary ON referral_reward(beneficiary_id);

CREATE TABLE campaign (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  segment TEXT NOT NULL CHECK (json_valid(segment)),
  holdout_bp INTEGER NOT NULL CHECK (holdout_bp BETWEEN 0 AND 10000),
  action TEXT NOT NULL CHECK (json_valid(action)),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL CHECK (ends_on >= starts_on),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;

CREATE TABLE campaign_member (
  campaign_id TEXT NOT NULL REFERENCES campaign(id),
  member_id TEXT NOT NULL REFERENCES member(id),
  grp TEXT NOT NULL CHECK (grp IN ('target', 'control')),
  coupon_id TEXT,
  PRIMARY KEY (campaign_id, member_id)
) STRICT, WITHOUT ROWID;
