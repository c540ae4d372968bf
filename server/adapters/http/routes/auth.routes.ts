import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { login, logout } from '../../../app/auth/login.ts';
import type { StoreContext } from '../../../app/store-context.ts';
import { SESSION_COOKIE } from '../auth.hook.ts';
import { sendResult } from '../reply.ts';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    laneId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 16,
        description: "log in at a lane: the token becomes that lane's token",
      }),
    ),
  },
  { additionalProperties: false },
);

export function authRoutes(ctx: StoreContext) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: typeof LoginBody.static }>(
      '/api/v1/auth/login',
      { config: { public: true }, schema: { tags: ['auth'], body: LoginBody } },
      async (request, reply) => {
        const result = await login(ctx, { ...request.body, address: request.ip });
        if (result.ok) {
          reply.setCookie(SESSION_COOKIE, result.value.token, {
            httpOnly: true,
            sameSite: 'strict',
            path: '/',
            expires: new Date(result.value.expiresAt),
          });
          if (result.value.laneId === null) ctx.log.info({ user: result.value.username }, 'login');
        }
        return sendResult(request, reply, result);
      },
    );

    app.post('/api/v1/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
      logout(ctx, request.token!, request.session!.username);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true, data: {} };
    });

    app.get('/api/v1/auth/me', { schema: { tags: ['auth'] } }, async (request) => {
      const s = request.session!;
      return { ok: true, data: { username: s.username, role: s.role, laneId: s.laneId, expiresAt: s.expiresAt } };
    });
  };
}
