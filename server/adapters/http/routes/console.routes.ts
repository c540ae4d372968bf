import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StoreContext } from '../../../app/store-context.ts';
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
const PAGE_POLICY =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

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
  reply
    .header('content-type', contentTypeOf(key))
    .header('cache-control', cacheControlOf(key))
    .header('x-content-type-options', 'nosniff');
  if (key.endsWith('.html'))
    reply.header('content-security-policy', PAGE_POLICY).header('referrer-policy', 'no-referrer');
  return reply.send(body);
}

/** Keeps the query string (`/lane?lane=L01` → `/console/lane.html?lane=L01`). */
function withQuery(target: string, url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? target : target + url.slice(q);
}

/**
 * The console, lane screen and customer display: console/dist read through readAsset (files from
 * source, SEA assets in the single binary). The files are public so the login page can load; every
 * API they call keeps its own auth. `/` opens the console, `/lane` the lane screen.
 */
export function consoleRoutes(ctx: StoreContext) {
  return async (app: FastifyInstance) => {
    const opts = { config: { public: true }, schema: { hide: true } };
    app.get('/', opts, async (_request, reply) => reply.redirect(CONSOLE_BASE));
    app.get('/console', opts, async (request, reply) => reply.redirect(withQuery(CONSOLE_BASE, request.url)));
    app.get('/lane', opts, async (request, reply) =>
      reply.redirect(withQuery(`${CONSOLE_BASE}lane.html`, request.url)),
    );
    app.get('/display', opts, async (request, reply) =>
      reply.redirect(withQuery(`${CONSOLE_BASE}display.html`, request.url)),
    );
    app.get<{ Params: { '*': string } }>('/console/*', opts, async (request, reply) => {
      const path = request.params['*'];
      return sendAsset(reply, `${CONSOLE_DIST}/${path === '' ? 'index.html' : path}`);
    });
  };
}
