import { formatYuan, type Fen } from '../../money/index.ts';
import type { IsoDate } from '../calendar.ts';

export type NotificationKind =
  | 'points-earned'
  | 'points-expiring'
  | 'coupon-issued'
  | 'coupon-expiring'
  | 'tier-changed'
  | 'birthday'
  | 'fission-packet'
  | 'stored-value-pin-changed';

/**
 * One outbox record for HQ to deliver as a WeChat template message (or SMS). `data` follows the
 * template-message layout: first, keyword1…n, remark, each `{ value }`
 * (developers.weixin.qq.com, 模板消息接口 / 发送模板消息). `templateKey` names the store's template;
 * HQ maps it to the official account's template_id. `dedupeKey` makes a retried write harmless.
 */
export type NotificationRecord = {
  readonly kind: NotificationKind;
  readonly memberId: string;
  readonly templateKey: string;
  readonly dedupeKey: string;
  readonly createdAt: string;
  readonly data: Readonly<Record<string, { readonly value: string }>>;
};

type Base = { readonly memberId: string; readonly at: string; readonly storeName: string };

function record(
  kind: NotificationKind,
  b: Base,
  dedupeKey: string,
  first: string,
  keywords: readonly string[],
  remark: string,
): NotificationRecord {
  const data: Record<string, { value: string }> = { first: { value: first } };
  keywords.forEach((k, i) => (data[`keyword${i + 1}`] = { value: k }));
  data.remark = { value: remark };
  return { kind, memberId: b.memberId, templateKey: kind, dedupeKey, createdAt: b.at, data };
}

/** 积分变动提醒: keyword1 change, keyword2 balance, keyword3 time */
export function pointsEarnedNotice(
  b: Base & { readonly entryId: string; readonly points: number; readonly balance: number; readonly saleNetFen?: Fen },
): NotificationRecord {
  const spent = b.saleNetFen === undefined ? '' : `消费 ${formatYuan(b.saleNetFen)}，`;
  return record(
    'points-earned',
    b,
    `points-earned:${b.entryId}`,
    `您在${b.storeName}${spent}获得积分`,
    [`+${b.points}`, String(b.balance), b.at.slice(0, 16).replace('T', ' ')],
    '积分可在下次消费时抵现。',
  );
}

/**
 * 积分即将过期提醒: keyword1 points, keyword2 the first expiry date; the key holds the member and
 * that date, so one reminder per expiry date however many nights the job sees it coming.
 */
export function pointsExpiringNotice(
  b: Base & { readonly points: number; readonly expiresOn: IsoDate; readonly balance: number },
): NotificationRecord {
  return record(
    'points-expiring',
    b,
    `points-expiring:${b.memberId}:${b.expiresOn}`,
    `您有${b.points}积分将于${b.expiresOn}起过期`,
    [String(b.points), b.expiresOn, String(b.balance)],
    `积分可在${b.storeName}消费时抵现，别让积分溜走。`,
  );
}

/** 优惠券到账提醒: keyword1 coupon name, keyword2 validity */
export function couponIssuedNotice(
  b: Base & {
    readonly couponId: string;
    readonly couponName: string;
    readonly validFrom: IsoDate;
    readonly validTo: IsoDate;
  },
): NotificationRecord {
  return record(
    'coupon-issued',
    b,
    `coupon-issued:${b.couponId}`,
    `${b.storeName}送您一张优惠券`,
    [b.couponName, `${b.validFrom} 至 ${b.validTo}`],
    '到店出示会员码即可使用。',
  );
}

/** 优惠券即将过期提醒 */
export function couponExpiringNotice(
  b: Base & {
    readonly couponId: string;
    readonly couponName: string;
    readonly validTo: IsoDate;
    readonly count: number;
  },
): NotificationRecord {
  return record(
    'coupon-expiring',
    b,
    `coupon-expiring:${b.couponId}:${b.validTo}`,
    `您有${b.count}张${b.couponName}即将过期`,
    [b.couponName, b.validTo],
    '别让优惠溜走，欢迎到店使用。',
  );
}

/** 会员等级变更通知 */
export function tierChangedNotice(
  b: Base & {
    readonly fromName: string;
    readonly toName: string;
    readonly discountBp: number;
    readonly changeId: string;
  },
): NotificationRecord {
  const discount = b.discountBp >= 10000 ? '无折扣' : `${(b.discountBp / 1000).toString()}折`;
  return record(
    'tier-changed',
    b,
    `tier-changed:${b.changeId}`,
    `您的会员等级已由${b.fromName}变更为${b.toName}`,
    [b.toName, discount, b.at.slice(0, 10)],
    `在${b.storeName}消费即享${b.toName}权益。`,
  );
}

/** 生日祝福: the gift, once per member and year */
export function birthdayNotice(b: Base & { readonly gift: string; readonly year: number }): NotificationRecord {
  return record(
    'birthday',
    b,
    `birthday:${b.memberId}:${b.year}`,
    `${b.storeName}祝您生日快乐！`,
    [b.gift, b.at.slice(0, 10)],
    '生日礼已放入您的会员账户。',
  );
}

/** 裂变红包到账: the packet's total and shares, shared by its link until the last claim day */
export function fissionPacketNotice(
  b: Base & {
    readonly packetId: string;
    readonly totalFen: Fen;
    readonly shares: number;
    readonly claimUntil: IsoDate;
  },
): NotificationRecord {
  return record(
    'fission-packet',
    b,
    `fission-packet:${b.packetId}`,
    `${b.storeName}送您一个${formatYuan(b.totalFen)}红包`,
    [`${formatYuan(b.totalFen)}（${b.shares}份）`, b.claimUntil],
    '分享给好友，每人可领一份，领到即存入会员账户。',
  );
}

/**
 * 储值支付密码变更提醒 (a service message, sent whatever the marketing consent): keyword1 time,
 * keyword2 how (the old PIN, or a staff reset). A member who did not make the change learns of it.
 */
export function storedValuePinChangedNotice(
  b: Base & { readonly authorisedBy: 'old_pin' | 'supervisor' },
): NotificationRecord {
  return record(
    'stored-value-pin-changed',
    b,
    `stored-value-pin:${b.memberId}:${b.at}`,
    `您在${b.storeName}的储值支付密码已修改`,
    [b.at.slice(0, 16).replace('T', ' '), b.authorisedBy === 'old_pin' ? '原密码验证' : '门店主管重置'],
    '如非本人操作，请立即联系门店。',
  );
}
