import { Type, type Static } from '@sinclair/typebox';

/**
 * The console's 首页 (GET /api/v1/dashboard) and 报表 (GET /api/v1/reports, /api/v1/reports/export): wire
 * shapes only. Money is integer fen; dates are business dates (YYYY-MM-DD) in the store's time zone; hours are
 * the store's local hours 0–23. docs/console.md.
 */

const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

export const DashboardQuery = Type.Object(
  { date: Type.Optional({ ...IsoDate, description: 'business date; default: today in the store time zone' }) },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;

/** The breakdowns a report has, in the order the console shows them. */
export const REPORT_BREAKDOWNS = [
  'day',
  'hour',
  'lane',
  'cashier',
  'channel',
  'category',
  'product',
  'promotion',
] as const;
export type ReportBreakdown = (typeof REPORT_BREAKDOWNS)[number];

export const ReportQuery = Type.Object(
  {
    from: { ...IsoDate, description: 'first business date, inclusive' },
    to: { ...IsoDate, description: 'last business date, inclusive' },
  },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof ReportQuery>;

export const ReportExportQuery = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
    lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type ReportExportQuery = Static<typeof ReportExportQuery>;

/** One business day's (or range's) headline figures. */
export type SalesFigures = {
  sales: number;
  dueFen: number;
  discountFen: number;
  /** dueFen / sales, rounded half-up; 0 without sales */
  averageFen: number;
  memberSales: number;
  /** member sales' share of the sales, basis points */
  memberShareBp: number;
  refunds: number;
  refundFen: number;
  /** dueFen less refundFen */
  netFen: number;
};

/** One row of a breakdown: `key` is the lane id, cashier, tender kind, category path, sku, promotion id, date or hour. */
export type BreakdownRow = { key: string; name?: string; sales: number; quantity?: number; amountFen: number };

export type LaneLive = {
  laneId: string;
  name: string;
  /** selling: a lane screen is connected with a cart in progress; idle: connected, no cart; offline: no screen */
  state: 'selling' | 'idle' | 'offline';
  /** who is signed in on the lane screen, else the open shift's cashier */
  cashier: string | null;
  shiftOpen: boolean;
};

export type Dashboard = {
  businessDate: string;
  /** the same figures for today, yesterday and the same weekday last week */
  today: SalesFigures;
  yesterday: SalesFigures & { businessDate: string };
  lastWeek: SalesFigures & { businessDate: string };
  /** 24 entries, hour 0–23, for each of the three days */
  hourly: { today: number[]; yesterday: number[]; lastWeek: number[] };
  channels: BreakdownRow[];
  topProducts: BreakdownRow[];
  topCategories: BreakdownRow[];
  lanes: LaneLive[];
  badges: {
    openAnomalies: number;
    deviceAlerts: Array<{ deviceId: string; name: string; laneId: string | null; kind: string }>;
    hq: { enabled: boolean; connected: boolean; backlog: number; ackedAt: string | null };
  };
};

export type Report = {
  from: string;
  to: string;
  totals: SalesFigures;
  breakdowns: Record<ReportBreakdown, BreakdownRow[]>;
  refunds: { byReason: BreakdownRow[]; byLane: BreakdownRow[] };
  /** carts voided and lines voided at the lanes (the audit log's cart.voided / cart.line_voided) */
  voids: { carts: number; lines: number; byCashier: BreakdownRow[] };
};
