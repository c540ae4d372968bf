import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { UplinkStatusSchema, type UplinkStatus } from '../../contracts/uplink/uplink-status.schema.ts';

const Reply = Type.Object({ ok: Type.Literal(true), data: UplinkStatusSchema });

/** GET /api/v1/uplink/status (manager). */
export function uplinkStatusRoutes(status: () => UplinkStatus) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/uplink/status',
      { config: { role: 'manager' }, schema: { tags: ['uplink'], response: { 200: Reply } } },
      async () => ({ ok: true, data: status() }),
    );
  };
}
