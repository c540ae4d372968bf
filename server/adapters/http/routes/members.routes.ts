import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Loyalty } from '../../../app/loyalty/loyalty.ts';
import { setStoredValuePin, topUpStoredValue } from '../../../app/loyalty/stored-value.ts';
import {
  addPoints,
  lookupMembers,
  memberProfile,
  pointsAccount,
  referralReport,
  transferMemberPoints,
} from '../../../app/members/member-profile.ts';
import { memberSummary } from '../../../app/members/member-directory.ts';
import { linkReferrer, registerMember } from '../../../app/members/register-member.ts';
import { parseMemberCode } from '../../../core/members/index.ts';
import { err, ok } from '../../../core/result.ts';
import { roleAllows } from '../../../core/staff/role.ts';
import { sendResult } from '../reply.ts';

const Register = Type.Object(
  {
    phone: Type.String({ minLength: 1, maxLength: 32 }),
    name: Type.Optional(Type.String({ maxLength: 64 })),
    birthday: Type.Optional(Type.String({ pattern: '^([0-9]{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' })),
    referralCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    consent: Type.Optional(
      Type.Object(
        { marketing: Type.Optional(Type.Boolean()), sms: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
    ),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 20 })),
    saleId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
const Lookup = Type.Object(
  {
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    suffix: Type.Optional(Type.String({ maxLength: 4 })),
    code: Type.Optional(Type.String({ maxLength: 16 })),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Tags = Type.Object(
  { manual: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 50 }) },
  { additionalProperties: false },
);
const Referrer = Type.Object(
  { referralCode: Type.String({ minLength: 1, maxLength: 32 }) },
  { additionalProperties: false },
);
const Points = Type.Union([
  Type.Object({ behaviour: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false }),
  Type.Object(
    {
      points: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
      note: Type.String({ minLength: 1, maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
]);
const Transfer = Type.Object(
  {
    toMemberId: Type.String({ minLength: 1, maxLength: 64 }),
    points: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    note: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
const Pin = Type.Object(
  {
    pin: Type.String({ minLength: 1, maxLength: 16 }),
    oldPin: Type.Optional(
      Type.String({ minLength: 1, maxLength: 16, description: 'the current PIN: the member changes it' }),
    ),
    supervisor: Type.Optional(
      Type.Object(
        {
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
        },
        {
          additionalProperties: false,
          description:
            'a forgotten PIN: a supervisor (store setting storedValuePinReset: a manager) approves the reset',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
const TopUp = Type.Object(
  {
    amountFen: Type.Integer({
      minimum: -100_000_000,
      maximum: 100_000_000,
      description: 'zero or less is refused with LOYALTY_TOPUP_AMOUNT_INVALID',
    }),
    tenderKind: Type.Union(['cash', 'card', 'alipay', 'wechat', 'unionpay'].map((k) => Type.Literal(k))),
    ref: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

/** Members: registration, lookup (phones masked), profile (whole phone to managers only, audited), tags, points, referral, stored value. */
export function membersRoutes(l: Loyalty) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: typeof Register.static }>(
      '/api/v1/members',
      { schema: { tags: ['members'], body: Register } },
      async (request, reply) => {
        const { tags, ...rest } = request.body;
        const r = registerMember(l, { ...rest, ...(tags ? { manualTags: tags } : {}) });
        return sendResult(
          request,
          reply,
          r.ok
            ? ok({
                member: memberSummary(l, r.value.member),
                welcomeCoupons: r.value.welcomeCoupons,
                pointsEarned: r.value.pointsEarned,
              })
            : r,
          201,
        );
      },
    );
    app.get<{ Querystring: typeof Lookup.static }>(
      '/api/v1/members',
      { schema: { tags: ['members'], querystring: Lookup } },
      async (request, reply) => sendResult(request, reply, lookupMembers(l, request.query)),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/members/:id',
      { schema: { tags: ['members'], params: IdParams } },
      async (request, reply) => {
        const session = request.session!;
        const reveal = roleAllows(session.role, 'manager');
        const r = memberProfile(l, request.params.id, reveal);
        if (r.ok && reveal)
          l.ctx.repos.audit.append({
            at: l.ctx.clock.now().toISOString(),
            actor: session.username,
            action: 'member.profile_opened',
            subject: request.params.id,
            detail: {},
          });
        return sendResult(request, reply, r);
      },
    );
    app.put<{ Params: typeof IdParams.static; Body: typeof Tags.static }>(
      '/api/v1/members/:id/tags',
      { config: { role: 'supervisor' }, schema: { tags: ['members'], params: IdParams, body: Tags } },
      async (request, reply) => {
        if (!l.stores.members.byId(request.params.id)) return sendResult(request, reply, err('MEMBER_NOT_FOUND', 'id'));
        l.stores.members.setManualTags(request.params.id, [...new Set(request.body.manual)]);
        return sendResult(request, reply, memberProfile(l, request.params.id, false));
      },
    );
    app.post<{ Params: typeof IdParams.static; Body: typeof Referrer.static }>(
      '/api/v1/members/:id/referrer',
      { config: { role: 'supervisor' }, schema: { tags: ['members'], params: IdParams, body: Referrer } },
      async (request, reply) => {
        const code = parseMemberCode(request.body.referralCode);
        const referrer = code.ok ? l.stores.members.byCode(code.value) : undefined;
        if (!referrer) return sendResult(request, reply, err('MEMBER_REFERRER_NOT_FOUND', 'referralCode'));
        return sendResult(
          request,
          reply,
          l.ctx.tx.runResult(() => linkReferrer(l, request.params.id, referrer.id)),
        );
      },
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/members/:id/referrals',
      { schema: { tags: ['members'], params: IdParams } },
      async (request, reply) => sendResult(request, reply, referralReport(l, request.params.id)),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/members/:id/points',
      { schema: { tags: ['members'], params: IdParams } },
      async (request, reply) => sendResult(request, reply, pointsAccount(l, request.params.id)),
    );
    app.post<{ Params: typeof IdParams.static; Body: typeof Points.static }>(
      '/api/v1/members/:id/points',
      { config: { idempotent: 'required' }, schema: { tags: ['members'], params: IdParams, body: Points } },
      async (request, reply) => {
        const session = request.session!;
        // adjustments are a supervisor's; behaviour points any staff may record
        if ('points' in request.body && !roleAllows(session.role, 'supervisor'))
          return sendResult(request, reply, err('AUTH_FORBIDDEN', undefined, { required: 'supervisor' }));
        return sendResult(request, reply, addPoints(l, request.params.id, request.body, session.username), 201);
      },
    );
    // points move from this member to another (family accounts, a lost card re-issued): a supervisor's act, audited
    app.post<{ Params: typeof IdParams.static; Body: typeof Transfer.static }>(
      '/api/v1/members/:id/points/transfers',
      {
        config: { role: 'supervisor', idempotent: 'required' },
        schema: { tags: ['members'], params: IdParams, body: Transfer },
      },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          transferMemberPoints(l, request.params.id, request.body, request.session!.username),
          201,
        ),
    );
    app.put<{ Params: typeof IdParams.static; Body: typeof Pin.static }>(
      '/api/v1/members/:id/stored-value/pin',
      { schema: { tags: ['members'], params: IdParams, body: Pin } },
      async (request, reply) => {
        const session = request.session!;
        return sendResult(
          request,
          reply,
          await setStoredValuePin(l, {
            memberId: request.params.id,
            pin: request.body.pin,
            staff: { username: session.username, role: session.role },
            ...(request.body.oldPin === undefined ? {} : { oldPin: request.body.oldPin }),
            ...(request.body.supervisor === undefined ? {} : { supervisor: request.body.supervisor }),
          }),
        );
      },
    );
    app.post<{ Params: typeof IdParams.static; Body: typeof TopUp.static }>(
      '/api/v1/members/:id/stored-value/top-ups',
      { config: { idempotent: 'required' }, schema: { tags: ['members'], params: IdParams, body: TopUp } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          topUpStoredValue(l, {
            memberId: request.params.id,
            amountFen: request.body.amountFen,
            tenderKind: request.body.tenderKind as 'cash',
            ...(request.body.ref ? { ref: request.body.ref } : {}),
          }),
          201,
        ),
    );
  };
}
