import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

/** The mDNS advertisement as /readyz details it (mdns-advertiser.ts MdnsStatus); absent when mDNS is off. */
export type MdnsReadiness = { state: string; name: string; addresses: string[]; message?: string };

export type Readiness = () => { database: boolean; broker: boolean; mdns?: MdnsReadiness };

const MdnsDetail = Type.Object({
  state: Type.String({ description: 'probing | advertising | conflict | stopped' }),
  name: Type.String(),
  addresses: Type.Array(Type.String(), { description: 'the A records: addresses the box listens on' }),
  message: Type.Optional(Type.String({ description: 'why it is not advertising (a name conflict)' })),
});

const Health = Type.Object({
  ok: Type.Boolean(),
  data: Type.Object({ status: Type.String(), version: Type.String(), uptimeSeconds: Type.Number() }),
});
const Ready = Type.Object({
  ok: Type.Boolean(),
  data: Type.Object({
    ready: Type.Boolean(),
    database: Type.Boolean(),
    broker: Type.Boolean(),
    mdns: Type.Optional(MdnsDetail),
  }),
});

/**
 * /healthz: the process answers. /readyz: the database is open and the broker listens (503 otherwise);
 * its detail also shows the mDNS advertisement, whose name conflict is reported but does not make the
 * box unready (lanes and devices that know its address keep working).
 */
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
