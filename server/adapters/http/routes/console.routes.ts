import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StoreContext } from '../../../app/store-context.ts';
import { storeLocalTime } from '../../../app/store-time.ts';
import type { Db } from '../../sqlite/database.ts';
import { readAsset } from '../../../runtime/assets.ts';

/** Where the Vite build lands (console/vite.config.ts) and the URL prefix it was built for (`base`). */
export const CONSOLE_DIST = 'console/dist';
export const CONSOLE_BASE = '/console/';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=utf-8',
};

// the pages talk only to this box (REST and same-origin WebSockets); nothing inline, no CDN, no framing
const PAGE_POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function contentTypeOf(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** Vite puts a content hash in every file under assets/, so those never change; pages must be revalidated. */
export function cacheControlOf(key: string): string {
  return key.startsWith(`${CONSOLE_DIST}/assets/`) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function sendAsset(reply: FastifyReply, key: string) {
  const body = readAsset(key);
  if (!body) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
  reply.header('content-type', contentTypeOf(key)).header('cache-control', cacheControlOf(key)).header('x-content-type-options', 'nosniff');
  if (key.endsWith('.html')) reply.header('content-security-policy', PAGE_POLICY).header('referrer-policy', 'no-referrer');
  return reply.send(body);
}

/** Keeps the query string (`/lane?lane=L01` → `/console/lane.html?lane=L01`). */
function withQuery(target: string, url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? target : target + url.slice(q);
}

const TodayQuery = Type.Object(
  {
    date: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'business date; default: today in the store time zone' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);

/** One business date's sales as the console's "today" page shows them: totals, per lane, per tender kind, the latest sales. */
export type SalesOfDay = {
  businessDate: string;
  totals: { count: number; grossFen: number; discountFen: number; dueFen: number };
  lanes: Array<{ laneId: string; count: number; dueFen: number }>;
  tenders: Array<{ kind: string; count: number; amountFen: number }>;
  sales: Array<{ id: string; receiptNo: string; laneId: string; cashier: string; member: boolean; completedAt: string; dueFen: number; tenders: string }>;
};

// A read-only view for the console (aggregates over the sale tables, indexed by business_date);
// the sale repository owns writes. Completed sales only hold succeeded tenders (complete-sale.ts).
function salesOfDay(db: Db, businessDate: string, limit: number): SalesOfDay {
  return db.transaction(() => ({
    businessDate,
    totals: db
      .prepare('SELECT count(*) AS count, coalesce(sum(gross_fen), 0) AS grossFen, coalesce(sum(discount_fen), 0) AS discountFen, coalesce(sum(due_fen), 0) AS dueFen FROM sale WHERE business_date = ?')
      .get(businessDate) as SalesOfDay['totals'],
    lanes: db.prepare('SELECT lane_id AS laneId, count(*) AS count, sum(due_fen) AS dueFen FROM sale WHERE business_date = ? GROUP BY lane_id ORDER BY lane_id').all(businessDate) as SalesOfDay['lanes'],
    tenders: db
      .prepare(`SELECT t.kind AS kind, count(*) AS count, sum(t.amount_fen) AS amountFen FROM tender t JOIN sale s ON s.id = t.sale_id WHERE s.business_date = ? AND t.status = 'succeeded' GROUP BY t.kind ORDER BY t.kind`)
      .all(businessDate) as SalesOfDay['tenders'],
    sales: (
      db
        .prepare(
          `SELECT s.id, s.receipt_no AS receiptNo, s.lane_id AS laneId, s.cashier, s.member_id IS NOT NULL AS member, s.completed_at AS completedAt, s.due_fen AS dueFen,
                  (SELECT group_concat(kind, ',') FROM (SELECT kind FROM tender WHERE sale_id = s.id ORDER BY seq)) AS tenders
           FROM sale s WHERE s.business_date = ? ORDER BY s.completed_at DESC, s.receipt_no DESC LIMIT ?`,
        )
        .all(businessDate, limit) as Array<Omit<SalesOfDay['sales'][number], 'member'> & { member: number }>
    ).map((r) => ({ ...r, member: r.member === 1, tenders: r.tenders ?? '' })),
  }))();
}

/**
 * The console, lane screen and customer display: console/dist read through readAsset (files from
 * source, SEA assets in the single binary). The files are public so the login page can load; every
 * API they call keeps its own auth. `/` opens the console, `/lane` the lane screen. Also the
 * console's "today's sales" figures (GET /api/v1/console/sales, manager).
 */
export function consoleRoutes(ctx: StoreContext) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: typeof TodayQuery.static }>('/api/v1/console/sales', { config: { role: 'manager' }, schema: { tags: ['console'], querystring: TodayQuery } }, async (request) => {
      const date = request.query.date ?? storeLocalTime(ctx.clock.now(), ctx.repos.store.get()!.timezone).date;
      return { ok: true, data: salesOfDay(ctx.db, date, request.query.limit) };
    });

    const opts = { config: { public: true }, schema: { hide: true } };
    app.get('/', opts, async (_request, reply) => reply.redirect(CONSOLE_BASE));
    app.get('/console', opts, async (request, reply) => reply.redirect(withQuery(CONSOLE_BASE, request.url)));
    app.get('/lane', opts, async (request, reply) => reply.redirect(withQuery(`${CONSOLE_BASE}lane.html`, request.url)));
    app.get('/display', opts, async (request, reply) => reply.redirect(withQuery(`${CONSOLE_BASE}display.html`, request.url)));
    app.get<{ Params: { '*': string } }>('/console/*', opts, async (request, reply) => {
      const path = request.params['*'];
      return sendAsset(reply, `${CONSOLE_DIST}/${path === '' ? 'index.html' : path}`);
    });
  };
}
