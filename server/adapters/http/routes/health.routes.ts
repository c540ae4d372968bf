import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

export type Readiness = () => { database: boolean; broker: boolean };

const Health = Type.Object({
  ok: Type.Boolean(),
  data: Type.Object({ status: Type.String(), version: Type.String(), uptimeSeconds: Type.Number() }),
});
const Ready = Type.Object({
  ok: Type.Boolean(),
  data: Type.Object({ ready: Type.Boolean(), database: Type.Boolean(), broker: Type.Boolean() }),
});

/** /healthz: the process answers. /readyz: the database is open and the broker listens (503 otherwise). */
export function healthRoutes(readiness: Readiness, version: string) {
  return async (app: FastifyInstance) => {
    app.get(
      '/healthz',
      { config: { public: true }, schema: { tags: ['health'], response: { 200: Health } } },
      async () => ({
        ok: true,
        data: { status: 'up', version, uptimeSeconds: Math.round(process.uptime()) },
      }),
    );
    app.get(
      '/readyz',
      { config: { public: true }, schema: { tags: ['health'], response: { 200: Ready, 503: Ready } } },
      async (_request, reply) => {
        const r = readiness();
        const ready = r.database && r.broker;
        return reply.code(ready ? 200 : 503).send({ ok: ready, data: { ready, ...r } });
      },
    );
  };
}
