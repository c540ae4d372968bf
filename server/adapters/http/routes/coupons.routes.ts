import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CouponTemplateSchema } from '../../../contracts/loyalty/index.ts';
import { issueCouponTo } from '../../../app/loyalty/loyalty-ledger.ts';
import type { Loyalty } from '../../../app/loyalty/loyalty.ts';
import { loyaltyTime } from '../../../app/loyalty/loyalty-time.ts';
import { couponFigures, type CouponInstance } from '../../../core/loyalty/index.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import { sendResult } from '../reply.ts';

const Issue = Type.Object(
  {
    memberId: Type.String({ minLength: 1, maxLength: 64 }),
    templateId: Type.String({ minLength: 1, maxLength: 64 }),
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);
const ByMember = Type.Object(
  { memberId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

/** Coupon templates (part of the programme), manual issuance (all or nothing), a member's coupons, figures per template (核销率, ROI). */
export function couponsRoutes(l: Loyalty) {
  return async (app: FastifyInstance) => {
    app.get('/api/v1/coupons/templates', { schema: { tags: ['coupons'] } }, async () => ({
      ok: true,
      data: l.program.config().couponTemplates,
    }));
    app.post<{ Body: typeof CouponTemplateSchema.static }>(
      '/api/v1/coupons/templates',
      { config: { role: 'manager' }, schema: { tags: ['coupons'], body: CouponTemplateSchema } },
      async (request, reply) => {
        const config = l.program.config();
        if (config.couponTemplates.some((t) => t.id === request.body.id))
          return sendResult(request, reply, err('COUPON_TEMPLATE_EXISTS', 'id', { templateId: request.body.id }));
        return sendResult(
          request,
          reply,
          l.program.replace(
            { ...config, couponTemplates: [...config.couponTemplates, request.body] },
            loyaltyTime(l.ctx).at,
          ),
          201,
        );
      },
    );
    app.post<{ Body: typeof Issue.static }>(
      '/api/v1/coupons/issue',
      { config: { role: 'supervisor', idempotent: 'required' }, schema: { tags: ['coupons'], body: Issue } },
      async (request, reply) => {
        const { memberId, templateId, quantity = 1 } = request.body;
        if (!l.stores.members.byId(memberId)) return sendResult(request, reply, err('MEMBER_NOT_FOUND', 'memberId'));
        const t = loyaltyTime(l.ctx);
        // a limit reached half-way issues none: the refusal rolls back the ones before
        const issued = l.ctx.tx.runResult((): Result<CouponInstance[]> => {
          const out: CouponInstance[] = [];
          for (let i = 0; i < quantity; i++) {
            const c = issueCouponTo(l, t, memberId, templateId, { kind: 'manual', refId: request.session!.username });
            if (!c.ok) return c;
            out.push(c.value);
          }
          return ok(out);
        });
        return sendResult(request, reply, issued, 201);
      },
    );
    app.get<{ Querystring: typeof ByMember.static }>(
      '/api/v1/coupons',
      { schema: { tags: ['coupons'], querystring: ByMember } },
      async (request) => ({ ok: true, data: l.stores.coupons.ofMember(request.query.memberId) }),
    );
    app.get('/api/v1/coupons/figures', { config: { role: 'manager' }, schema: { tags: ['coupons'] } }, async () => ({
      ok: true,
      data: couponFigures(l.stores.coupons.all()),
    }));
  };
}
