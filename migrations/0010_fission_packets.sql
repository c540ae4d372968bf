-- Loyalty features issue 4 names that 0005 did not keep: share-to-split fission red packets (裂变红包),
-- each member's spend by top-level category (品类偏好 tags), and the points-expiry reminders already sent.

-- After-sale rules: a member's sale with at least min_sale_fen earns the member a packet to share.
CREATE TABLE fission_rule (
  id TEXT PRIMARY KEY,
  template_id TEXT NOT NULL,                  -- an amount-off template; each share's amount replaces its amountFen
  total_fen INTEGER NOT NULL CHECK (total_fen > 0),
  shares INTEGER NOT NULL CHECK (shares BETWEEN 1 AND 100),
  min_share_fen INTEGER NOT NULL CHECK (min_share_fen > 0),
  min_sale_fen INTEGER NOT NULL CHECK (min_sale_fen >= 0),
  claim_days INTEGER NOT NULL CHECK (claim_days BETWEEN 1 AND 90),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK (min_share_fen * shares <= total_fen)
) STRICT;

-- A packet a member shares by its code; the split is splitFissionPacket(id, total, count, min), kept as issued.
CREATE TABLE fission_packet (
  serial INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                    -- `${storeId}-F${serial}`: seeds the split, so HQ can recompute it
  share_code TEXT NOT NULL UNIQUE,
  owner_id TEXT NOT NULL REFERENCES member(id),
  template_id TEXT NOT NULL,
  total_fen INTEGER NOT NULL CHECK (total_fen > 0),
  min_share_fen INTEGER NOT NULL CHECK (min_share_fen > 0),
  shares TEXT NOT NULL CHECK (json_valid(shares) AND json_array_length(shares) BETWEEN 1 AND 100),
  source_kind TEXT NOT NULL CHECK (source_kind IN ('sale', 'campaign', 'manual')),
  source_ref TEXT,                            -- the sale id, the campaign id, or the staff member who issued it
  rule_id TEXT REFERENCES fission_rule(id),
  created_at TEXT NOT NULL,
  claim_until TEXT NOT NULL,                  -- last local date a share can be claimed
  CHECK ((source_kind = 'sale') = (rule_id IS NOT NULL))
) STRICT;
CREATE INDEX fission_packet_owner ON fission_packet(owner_id);
-- a sale earns at most one packet per rule
CREATE UNIQUE INDEX fission_packet_sale_rule ON fission_packet(source_ref, rule_id) WHERE rule_id IS NOT NULL;

-- One row per claimed share: the share became coupon_id in the claimant's account.
CREATE TABLE fission_claim (
  packet_id TEXT NOT NULL REFERENCES fission_packet(id),
  share_index INTEGER NOT NULL CHECK (share_index >= 0),
  member_id TEXT NOT NULL REFERENCES member(id),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  coupon_id TEXT NOT NULL UNIQUE REFERENCES coupon_instance(id),
  new_member INTEGER NOT NULL CHECK (new_member IN (0, 1)),  -- registered by this claim (referred by the owner)
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (packet_id, share_index),
  UNIQUE (packet_id, member_id)
) STRICT, WITHOUT ROWID;

-- Net spend per member, local day and top-level category, beside member_spend_day and kept the same
-- way (added at sale commit, lowered on the sale's day by refunds), so the nightly tags job reads a
-- narrow table over the same window instead of joining a year of sale lines.
CREATE TABLE member_category_spend_day (
  member_serial INTEGER NOT NULL REFERENCES member(serial),
  date TEXT NOT NULL,
  category TEXT NOT NULL,
  net_fen INTEGER NOT NULL,
  PRIMARY KEY (member_serial, date, category)
) STRICT, WITHOUT ROWID;

-- what the members' sales so far contribute, less what was refunded of them
INSERT INTO member_category_spend_day (member_serial, date, category, net_fen)
SELECT m.serial, s.business_date,
       CASE WHEN instr(l.category_path, '/') > 0 THEN substr(l.category_path, 1, instr(l.category_path, '/') - 1) ELSE l.category_path END AS category,
       sum(l.net_fen - coalesce((SELECT sum(r.net_fen) FROM refund_line r WHERE r.sale_id = l.sale_id AND r.line_no = l.line_no), 0)) AS net
FROM sale s
JOIN member m ON m.id = s.member_id
JOIN sale_line l ON l.sale_id = s.id
WHERE l.category_path <> ''
GROUP BY m.serial, s.business_date, category
HAVING net <> 0;

-- 积分即将过期 reminders sent: one per member and expiry date, however often the nightly job runs.
CREATE TABLE points_expiry_reminder (
  member_id TEXT NOT NULL REFERENCES member(id),
  expires_on TEXT NOT NULL,
  points INTEGER NOT NULL CHECK (points > 0),
  reminded_at TEXT NOT NULL,
  PRIMARY KEY (member_id, expires_on)
) STRICT, WITHOUT ROWID;
