import type { Text } from '../shared/i18n.ts';

/** Texts shared by the console's frame and pages, zh-CN first. */
export const T = {
  title: { zh: '门店管理', en: 'Store console' },
  loginTitle: { zh: '门店管理登录', en: 'Console login' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  signIn: { zh: '登录', en: 'Log in' },
  logout: { zh: '退出', en: 'Log out' },
  language: { zh: 'English', en: '中文' },
  refresh: { zh: '刷新', en: 'Refresh' },
  save: { zh: '保存', en: 'Save' },
  saved: { zh: '已保存', en: 'Saved' },
  search: { zh: '搜索', en: 'Search' },
  none: { zh: '暂无数据', en: 'Nothing yet' },
  live: { zh: '实时', en: 'Live' },
  polling: { zh: '定时刷新', en: 'Polling' },
  previous: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  active: { zh: '启用', en: 'Active' },
  inactive: { zh: '停用', en: 'Inactive' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
} as const satisfies Record<string, Text>;

export const ROLE_NAMES: Readonly<Record<string, Text>> = {
  cashier: { zh: '收银员', en: 'Cashier' },
  supervisor: { zh: '主管', en: 'Supervisor' },
  manager: { zh: '店长', en: 'Manager' },
  admin: { zh: '管理员', en: 'Admin' },
};

export const TENDER_NAMES: Readonly<Record<string, Text>> = {
  cash: { zh: '现金', en: 'Cash' },
  card: { zh: '银行卡', en: 'Card' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  wechat: { zh: '微信支付', en: 'WeChat Pay' },
  unionpay: { zh: '云闪付', en: 'UnionPay' },
  stored_value: { zh: '储值', en: 'Stored value' },
  points: { zh: '积分', en: 'Points' },
  coupon: { zh: '优惠券', en: 'Coupon' },
};
