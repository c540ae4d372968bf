import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sessionForToken } from '../../app/auth/login.ts';
import type { StoreContext } from '../../app/store-context.ts';
import { roleAllows, type Role } from '../../core/staff/role.ts';
import type { Session } from '../sqlite/session.repository.ts';
import { sendError } from './reply.ts';

export const SESSION_COOKIE = 'sb_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the least role a route needs; omitted means any logged-in staff */
    role?: Role;
    /** no login needed: health, readiness, login, static console files */
    public?: boolean;
  }
  interface FastifyRequest {
    session: Session | null;
    token: string | null;
  }
}

export function tokenOf(request: Pick<FastifyRequest, 'headers' | 'cookies'>): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies?.[SESSION_COOKIE] ?? null;
}

/**
 * Every route requires a session unless it says `config: {public: true}`; a route's `role` is
 * checked against the session's current role.
 */
export function installAuth(app: FastifyInstance, ctx: StoreContext): void {
  app.decorateRequest('session', null);
  app.decorateRequest('token', null);
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (config?.public || request.is404) return;
    const token = tokenOf(request);
    if (!token) return sendError(request, reply, 'AUTH_REQUIRED');
    const session = sessionForToken(ctx, token);
    if (!session) return sendError(request, reply, 'AUTH_TOKEN_INVALID');
    request.session = session;
    request.token = token;
    if (config?.role && !roleAllows(session.role, config.role))
      return sendError(request, reply, 'AUTH_FORBIDDEN', undefined, { required: config.role });
  });
}
