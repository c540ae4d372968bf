import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { sessionForToken } from '../../../app/auth/login.ts';
import type { StoreContext } from '../../../app/store-context.ts';
import { roleAllows } from '../../../core/staff/role.ts';
import { SESSION_COOKIE } from '../auth.hook.ts';

/** Bus events a manager's console sees live, as {topic, payload} (STYLE.md habit 7). */
const FORWARDED = ['device.alert', 'device.presence', 'sale.completed', 'stock.alert', 'lane.presence'] as const;

/**
 * /ws/events: the box's live event stream for supervisors and managers (device alerts and
 * presence, completed sales, stock alerts, lane screens connecting and leaving). Token as `?token=`, Bearer header or session cookie. A client that
 * stops reading is dropped once its buffer passes 1 MiB rather than growing the box's memory.
 */
export function eventRoutes(ctx: StoreContext) {
  return async (app: FastifyInstance) => {
    app.get(
      '/ws/events',
      { websocket: true, config: { public: true }, schema: { hide: true } },
      (socket: WebSocket, request) => {
        const query = request.query as { token?: string };
        const header = request.headers.authorization;
        const token =
          query.token ??
          (header?.startsWith('Bearer ') ? header.slice(7) : undefined) ??
          request.cookies?.[SESSION_COOKIE];
        const session = token ? sessionForToken(ctx, token) : undefined;
        if (!session || !roleAllows(session.role, 'supervisor')) {
          socket.close(4401, 'supervisor or manager token required');
          return;
        }
        const offs = FORWARDED.map((topic) =>
          ctx.bus.on(topic, (payload) => {
            if (socket.readyState !== socket.OPEN) return;
            if (socket.bufferedAmount > 1_048_576) return socket.terminate();
            socket.send(JSON.stringify({ topic, payload }));
          }),
        );
        // the user's role or status changed: the stream ends with the session
        offs.push(
          ctx.bus.on('staff.sessions_ended', (e) => {
            if (e.userId === session.userId) socket.close(4401, 'session ended');
          }),
        );
        socket.on('close', () => offs.forEach((off) => off()));
        socket.on('error', (e) => ctx.log.debug({ err: e.message }, 'events socket error'));
        socket.send(JSON.stringify({ topic: 'events.ready', payload: { user: session.username } }));
      },
    );
  };
}
