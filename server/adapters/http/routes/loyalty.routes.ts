import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { LOYALTY_JOBS, type LoyaltyJob, type LoyaltyJobs } from '../../../app/loyalty/loyalty-jobs.ts';
import type { Loyalty } from '../../../app/loyalty/loyalty.ts';
import { loyaltyTime } from '../../../app/loyalty/loyalty-time.ts';
import { storedValueLiability } from '../../../app/loyalty/stored-value.ts';
import { verifyPointsBalances } from '../../../app/members/member-profile.ts';
import { err, ok } from '../../../core/result.ts';
import { sendResult } from '../reply.ts';

const JobParams = Type.Object({ job: Type.String({ minLength: 1, maxLength: 32 }) });
const Through = Type.Object(
  { through: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })) },
  { additionalProperties: false },
);

/** The programme, the ledger check, the nightly jobs on demand, the stored-value liability report. */
export function loyaltyRoutes(l: Loyalty, jobs: LoyaltyJobs) {
  return async (app: FastifyInstance) => {
    app.get('/api/v1/loyalty/config', { schema: { tags: ['loyalty'] } }, async () => ({
      ok: true,
      data: l.program.config(),
    }));
    app.put(
      '/api/v1/loyalty/config',
      {
        config: { role: 'manager' },
        schema: { tags: ['loyalty'], body: Type.Object({}, { additionalProperties: true }) },
      },
      async (request, reply) => sendResult(request, reply, l.program.replace(request.body, loyaltyTime(l.ctx).at)),
    );
    app.post(
      '/api/v1/loyalty/verify',
      { config: { role: 'manager' }, schema: { tags: ['loyalty'] } },
      async (request, reply) => sendResult(request, reply, verifyPointsBalances(l)),
    );
    app.post<{ Params: typeof JobParams.static }>(
      '/api/v1/loyalty/jobs/:job',
      { config: { role: 'manager' }, schema: { tags: ['loyalty'], params: JobParams } },
      async (request, reply) => {
        const job = request.params.job;
        if (!LOYALTY_JOBS.includes(job as LoyaltyJob))
          return sendResult(request, reply, err('LOYALTY_JOB_UNKNOWN', 'job', { job }));
        if (jobs.busy) return sendResult(request, reply, err('LOYALTY_JOB_RUNNING', 'job'));
        return sendResult(request, reply, ok({ job, ...(await jobs.run(job as LoyaltyJob)) }));
      },
    );
    app.get<{ Querystring: typeof Through.static }>(
      '/api/v1/loyalty/stored-value/liability',
      { config: { role: 'manager' }, schema: { tags: ['loyalty'], querystring: Through } },
      async (request, reply) =>
        sendResult(request, reply, ok(storedValueLiability(l, request.query.through ?? loyaltyTime(l.ctx).date))),
    );
  };
}
