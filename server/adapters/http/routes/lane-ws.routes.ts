import type { FastifyInstance } from 'fastify';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { WebSocket } from 'ws';
import { sessionForToken } from '../../../app/auth/login.ts';
import type { LaneService } from '../../../app/checkout/lane-service.ts';
import type { StoreContext } from '../../../app/store-context.ts';
import { errorMessage } from '../../../contracts/errors/catalog.ts';
import { LaneEnvelope, LaneRequests, type LaneTopic } from '../../../contracts/lane/lane-messages.schema.ts';
import { SESSION_COOKIE } from '../auth.hook.ts';
import { jsonTooDeep } from '../json-depth.ts';
import { localeOf } from '../reply.ts';

const checkEnvelope = TypeCompiler.Compile(LaneEnvelope);
const checkPayload = new Map(
  Object.entries(LaneRequests).map(([topic, schema]) => [topic, TypeCompiler.Compile(schema)]),
);

/**
 * /ws/lane: a lane's WebSocket. The lane token (a session opened by logging in at the lane) comes
 * as `?token=` (browsers cannot set headers on WebSockets), a Bearer header, or the session cookie.
 * A bad message gets an error reply naming the field; it never closes the socket or touches other lanes.
 */
export function laneWebSocketRoutes(ctx: StoreContext, lanes: LaneService) {
  return async (app: FastifyInstance) => {
    app.get(
      '/ws/lane',
      { websocket: true, config: { public: true }, schema: { hide: true } },
      (socket: WebSocket, request) => {
        const query = request.query as { token?: string; lang?: string };
        const header = request.headers.authorization;
        const token =
          query.token ??
          (header?.startsWith('Bearer ') ? header.slice(7) : undefined) ??
          request.cookies?.[SESSION_COOKIE];
        const session = token ? sessionForToken(ctx, token) : undefined;
        // a browser cannot set Accept-Language on a WebSocket: the lane screen says ?lang=en when it switches
        const locale = query.lang === 'en' ? 'en' : query.lang === 'zh-CN' ? 'zh-CN' : localeOf(request);
        if (!session || !session.laneId) {
          socket.send(
            JSON.stringify({
              topic: 'lane.error',
              ok: false,
              error: { code: 'LANE_TOKEN_REQUIRED', message: errorMessage('LANE_TOKEN_REQUIRED', locale) },
            }),
          );
          socket.close(4401, 'lane token required');
          return;
        }
        const who = { laneId: session.laneId, cashier: session.username };
        const log = ctx.log.child({ lane: who.laneId, cashier: who.cashier });
        const send = (body: unknown) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(body));
        };
        // device events for this lane (scale weight, scans, printer and device alerts)
        const offLaneEvents = ctx.bus.on('lane.event', (e) => {
          if (e.laneId === who.laneId) send({ topic: 'lane.event', payload: e.payload });
        });
        socket.on('close', offLaneEvents);
        socket.on('message', (raw) => {
          let message: unknown;
          const text = raw.toString();
          const maxDepth = ctx.config.http.maxJsonDepth;
          if (jsonTooDeep(text, maxDepth))
            return send({
              ok: false,
              error: {
                code: 'JSON_TOO_DEEP',
                field: 'message',
                message: errorMessage('JSON_TOO_DEEP', locale, { maxDepth }),
              },
            });
          try {
            message = JSON.parse(text);
          } catch {
            return send({
              ok: false,
              error: {
                code: 'LANE_BAD_MESSAGE',
                field: 'message',
                message: errorMessage('LANE_BAD_MESSAGE', locale, { field: 'message', reason: 'is not JSON' }),
              },
            });
          }
          const bad = checkEnvelope.Errors(message).First();
          const transaction = (message as { transaction?: unknown })?.transaction;
          const echo = typeof transaction === 'string' ? transaction : undefined;
          if (bad) return send({ transaction: echo, ok: false, error: badField(bad.path, bad.message, locale) });
          const { topic, payload = {} } = message as { transaction: string; topic: string; payload?: unknown };
          const check = checkPayload.get(topic);
          if (!check)
            return send({
              transaction: echo,
              topic,
              ok: false,
              error: {
                code: 'LANE_UNKNOWN_TOPIC',
                field: 'topic',
                message: errorMessage('LANE_UNKNOWN_TOPIC', locale, { topic }),
              },
            });
          const badPayload = check.Errors(payload).First();
          if (badPayload)
            return send({
              transaction: echo,
              topic,
              ok: false,
              error: badField(`payload${badPayload.path.replaceAll('/', '.')}`, badPayload.message, locale),
            });
          lanes.handle(who, topic as LaneTopic, payload as never, echo).then(
            (reply) => {
              if (reply.ok) {
                send({ transaction: echo, topic, ok: true, data: reply.data });
                ctx.bus.emit('lane.replied', { laneId: who.laneId, topic, data: reply.data });
              } else
                send({
                  transaction: echo,
                  topic,
                  ok: false,
                  error: { ...reply.error, message: errorMessage(reply.error.code, locale, reply.error.params ?? {}) },
                  data: reply.data,
                });
            },
            (e) => {
              log.error({ err: e, topic }, 'lane message failed');
              send({
                transaction: echo,
                topic,
                ok: false,
                error: { code: 'INTERNAL', message: errorMessage('INTERNAL', locale) },
              });
            },
          );
        });
        socket.on('error', (e) => log.warn({ err: e.message }, 'lane socket error'));
      },
    );
  };
}

function badField(path: string, reason: string, locale: 'zh-CN' | 'en') {
  const field = path.replace(/^\//, '').replaceAll('/', '.') || 'message';
  return { code: 'LANE_BAD_MESSAGE', field, message: errorMessage('LANE_BAD_MESSAGE', locale, { field, reason }) };
}
