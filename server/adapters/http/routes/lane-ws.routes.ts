import type { FastifyInstance } from 'fastify';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { WebSocket } from 'ws';
import { sessionForToken } from '../../../app/auth/login.ts';
import type { LaneAnswer, LaneService } from '../../../app/checkout/lane-service.ts';
import type { StoreContext } from '../../../app/store-context.ts';
import { errorMessage } from '../../../contracts/errors/catalog.ts';
import {
  isLaneTopic,
  LANE_ERROR_TOPIC,
  LANE_TOPICS,
  LANE_MAX_FRAME_BYTES,
  LaneEnvelope,
  LaneTopics,
  type LaneRequest,
  type LaneTopic,
} from '../../../contracts/lane/lane-messages.schema.ts';
import { SESSION_COOKIE } from '../auth.hook.ts';
import { jsonTooDeep } from '../json-depth.ts';
import { localeOf } from '../reply.ts';

const checkEnvelope = TypeCompiler.Compile(LaneEnvelope);

/** Each topic's payload schema compiled once: every scan is checked, and Value.Check interprets the schema each time. */
const PAYLOAD_CHECKS = Object.fromEntries(
  LANE_TOPICS.map((topic) => [topic, TypeCompiler.Compile(LaneTopics[topic].request)]),
) as { [T in LaneTopic]: TypeCheck<(typeof LaneTopics)[T]['request']> };

/**
 * A payload checked against its topic's schema: typed as that topic's request, or the first
 * schema error (its path and reason). A compiled check is TypeBox's type guard, so no cast is needed.
 */
function checkPayload<T extends LaneTopic>(
  topic: T,
  payload: unknown,
): { ok: true; payload: LaneRequest<T> } | { ok: false; path: string; reason: string } {
  const check: TypeCheck<(typeof LaneTopics)[T]['request']> = PAYLOAD_CHECKS[topic];
  if (check.Check(payload)) return { ok: true, payload };
  const first = check.Errors(payload).First();
  return { ok: false, path: first?.path ?? '', reason: first?.message ?? 'is invalid' };
}

/**
 * /ws/lane: a lane's WebSocket. The lane token (a session opened by logging in at the lane) comes
 * as `?token=` (browsers cannot set headers on WebSockets), a Bearer header, or the session cookie.
 * Every reply echoes the message's transaction and topic (when they are strings; else topic `lane.error`)
 * and carries the lane's cart. A bad message gets an error reply naming the field, in turn with the
 * lane's other messages; it never closes the socket or touches other lanes. A frame over
 * LANE_MAX_FRAME_BYTES gets a `lane.error` reply naming the limit, then the socket closes with 1009.
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
              topic: LANE_ERROR_TOPIC,
              ok: false,
              error: {
                code: 'LANE_TOKEN_REQUIRED',
                field: 'token',
                message: errorMessage('LANE_TOKEN_REQUIRED', locale),
              },
              data: { cart: null },
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
        // the user's role or status changed: this socket's session is gone, and so is the socket
        const offEnded = ctx.bus.on('staff.sessions_ended', (e) => {
          if (e.userId === session.userId) socket.close(4401, 'session ended');
        });
        socket.on('close', () => {
          offLaneEvents();
          offEnded();
          ctx.bus.emit('lane.presence', { ...who, online: false });
        });
        ctx.bus.emit('lane.presence', { ...who, online: true });
        const answer = (sent: { transaction?: string; topic: string }, reply: LaneAnswer) => {
          if (reply.ok) {
            send({ ...sent, ok: true, data: reply.data });
            ctx.bus.emit('lane.replied', { laneId: who.laneId, topic: sent.topic, data: reply.data });
          } else
            send({
              ...sent,
              ok: false,
              error: { ...reply.error, message: errorMessage(reply.error.code, locale, reply.error.params ?? {}) },
              data: reply.data,
            });
        };
        const internal = (sent: { transaction?: string; topic: string }, e: unknown) => {
          log.error({ err: e, topic: sent.topic }, 'lane message failed');
          send({
            ...sent,
            ok: false,
            error: { code: 'INTERNAL', message: errorMessage('INTERNAL', locale) },
            data: { cart: lanes.safeCartView(who.laneId) },
          });
        };
        // a refusal before the lane's verbs: answered in turn, with the lane's cart, naming the field
        const refuse = (
          sent: { transaction?: string; topic: string },
          code: string,
          field: string,
          params: Record<string, string | number>,
        ) =>
          lanes.refuse(who, code, field, params).then(
            (reply) => answer(sent, reply),
            (e) => internal(sent, e),
          );
        // a frame over the limit is not read (ws closes with 1009): say so first, naming the limit
        onOversizedFrame(socket, () =>
          send({
            topic: LANE_ERROR_TOPIC,
            ok: false,
            error: {
              code: 'LANE_FRAME_TOO_LARGE',
              field: 'message',
              message: errorMessage('LANE_FRAME_TOO_LARGE', locale, { maxBytes: LANE_MAX_FRAME_BYTES }),
              params: { maxBytes: LANE_MAX_FRAME_BYTES },
            },
            data: { cart: lanes.safeCartView(who.laneId) },
          }),
        );
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
            // nothing to echo: the reply has the lane's error topic and no transaction
            return refuse({ topic: LANE_ERROR_TOPIC }, 'LANE_BAD_MESSAGE', 'message', {
              field: 'message',
              reason: 'is not JSON',
            });
          }
          const fields = message !== null && typeof message === 'object' ? (message as Record<string, unknown>) : {};
          const sent = {
            ...(typeof fields.transaction === 'string' ? { transaction: fields.transaction } : {}),
            topic: typeof fields.topic === 'string' ? fields.topic : LANE_ERROR_TOPIC,
          };
          if (!checkEnvelope.Check(message)) {
            const bad = checkEnvelope.Errors(message).First();
            return refuse(sent, 'LANE_BAD_MESSAGE', ...badField(bad?.path ?? '', bad?.message ?? 'is invalid'));
          }
          const { topic, payload = {} } = message;
          if (!isLaneTopic(topic)) return refuse(sent, 'LANE_UNKNOWN_TOPIC', 'topic', { topic });
          const checked = checkPayload(topic, payload);
          if (!checked.ok)
            return refuse(sent, 'LANE_BAD_MESSAGE', ...badField(`payload${checked.path}`, checked.reason));
          lanes.handle(who, topic, checked.payload, sent.transaction).then(
            (reply) => answer(sent, reply),
            (e) => internal(sent, e),
          );
        });
        socket.on('error', (e) => log.warn({ err: e.message }, 'lane socket error'));
        // the lane was retired (its sessions are already ended): say so, then close
        const offRetired = ctx.bus.on('lane.retired', (e) => {
          if (e.laneId !== who.laneId) return;
          send({
            topic: 'lane.error',
            ok: false,
            error: { code: 'LANE_RETIRED', message: errorMessage('LANE_RETIRED', locale, { laneId: who.laneId }) },
          });
          socket.close(4403, 'lane retired');
        });
        socket.on('close', offRetired);
      },
    );
  };
}

/** A schema error's path as the reply's field (`payload.quantity`), with the message's params. */
function badField(path: string, reason: string): [string, { field: string; reason: string }] {
  const field = path.replace(/^\//, '').replaceAll('/', '.') || 'message';
  return [field, { field, reason }];
}

/**
 * Calls `tell` once when ws refuses a frame over the socket's maxPayload. ws closes such a socket
 * with 1009 before it emits 'error', and nothing can be sent after close: so the first close with
 * 1009 says why, then closes as ws asked.
 */
function onOversizedFrame(socket: WebSocket, tell: () => void): void {
  const close = socket.close.bind(socket);
  let told = false;
  socket.close = (code?: number, reason?: string | Buffer) => {
    if (code === 1009 && !told && socket.readyState === socket.OPEN) {
      told = true;
      tell();
    }
    close(code, reason);
  };
}
