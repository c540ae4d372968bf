import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { claimPacketShare } from '../../../app/loyalty/fission-claims.ts';
import {
  findFissionPacket,
  fissionPacketView,
  issueFissionPacket,
  type FissionPacketView,
} from '../../../app/loyalty/fission-packets.ts';
import { createFissionRule, setFissionRuleActive } from '../../../app/loyalty/fission-rules.ts';
import type { Loyalty } from '../../../app/loyalty/loyalty.ts';
import { loyaltyTime } from '../../../app/loyalty/loyalty-time.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import { sendResult } from '../reply.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Terms = {
  templateId: Id,
  totalFen: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'the whole packet, integer fen' }),
  shares: Type.Integer({ minimum: 1, maximum: 100 }),
  minShareFen: Type.Integer({
    minimum: 1,
    description: 'every share gets at least this; FISSION_SPLIT_INVALID when the total cannot cover it',
  }),
  claimDays: Type.Integer({
    minimum: 1,
    maximum: 90,
    description: 'claimable from today through today + claimDays − 1',
  }),
};
const Rule = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    ...Terms,
    minSaleFen: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
const Active = Type.Object({ active: Type.Boolean() }, { additionalProperties: false });
const Packet = Type.Object({ memberId: Id, ...Terms, campaignId: Type.Optional(Id) }, { additionalProperties: false });
const ShareCode = Type.String({ minLength: 4, maxLength: 16 });
const Consent = Type.Object(
  { marketing: Type.Optional(Type.Boolean()), sms: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const Claim = Type.Union([
  Type.Object({ shareCode: ShareCode, memberId: Id }, { additionalProperties: false }),
  Type.Object(
    {
      shareCode: ShareCode,
      phone: Type.String({ minLength: 1, maxLength: 32 }),
      name: Type.Optional(Type.String({ maxLength: 64 })),
      consent: Type.Optional(Consent),
    },
    { additionalProperties: false },
  ),
]);
const IdParams = Type.Object({ id: Id });
const CodeParams = Type.Object({ code: ShareCode });
const ByOwner = Type.Object({ memberId: Id }, { additionalProperties: false });

/**
 * 裂变红包: after-sale rules (manager), a packet issued to a member by hand or for a campaign
 * (supervisor), the packet by id or share code with its claims, and the claim itself, which the
 * console and HQ's WeChat mini-app call with the share code and a member id or a new member's phone.
 */
export function fissionRoutes(l: Loyalty) {
  return async (app: FastifyInstance) => {
    app.get('/api/v1/fission/rules', { config: { role: 'manager' }, schema: { tags: ['fission'] } }, async () => ({
      ok: true,
      data: l.stores.fission.rules(),
    }));
    app.post<{ Body: typeof Rule.static }>(
      '/api/v1/fission/rules',
      { config: { role: 'manager' }, schema: { tags: ['fission'], body: Rule } },
      async (request, reply) =>
        sendResult(request, reply, createFissionRule(l, request.body, request.session!.username), 201),
    );
    app.put<{ Params: typeof IdParams.static; Body: typeof Active.static }>(
      '/api/v1/fission/rules/:id/active',
      { config: { role: 'manager' }, schema: { tags: ['fission'], params: IdParams, body: Active } },
      async (request, reply) =>
        sendResult(request, reply, setFissionRuleActive(l, request.params.id, request.body.active)),
    );

    app.post<{ Body: typeof Packet.static }>(
      '/api/v1/fission/packets',
      { config: { role: 'supervisor', idempotent: 'required' }, schema: { tags: ['fission'], body: Packet } },
      async (request, reply) => {
        const { memberId, campaignId, ...terms } = request.body;
        if (campaignId !== undefined && !l.stores.campaigns.byId(campaignId))
          return sendResult(request, reply, err('CAMPAIGN_NOT_FOUND', 'campaignId', { campaignId }));
        const source =
          campaignId === undefined
            ? { kind: 'manual' as const, ref: request.session!.username }
            : { kind: 'campaign' as const, ref: campaignId };
        const t = loyaltyTime(l.ctx);
        return sendResult(
          request,
          reply,
          l.ctx.tx.runResult((): Result<FissionPacketView> => issueFissionPacket(l, t, memberId, terms, source)),
          201,
        );
      },
    );
    app.get<{ Querystring: typeof ByOwner.static }>(
      '/api/v1/fission/packets',
      { schema: { tags: ['fission'], querystring: ByOwner } },
      async (request) => ({
        ok: true,
        data: l.stores.fission.ofOwner(request.query.memberId).map((p) => fissionPacketView(l, p)),
      }),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/fission/packets/:id',
      { schema: { tags: ['fission'], params: IdParams } },
      async (request, reply) => sendResult(request, reply, findFissionPacket(l, { id: request.params.id })),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/fission/packets/:id/claims',
      { schema: { tags: ['fission'], params: IdParams } },
      async (request, reply) => {
        const found = findFissionPacket(l, { id: request.params.id });
        return sendResult(request, reply, found.ok ? ok(found.value.claims) : found);
      },
    );
    app.get<{ Params: typeof CodeParams.static }>(
      '/api/v1/fission/shares/:code',
      { schema: { tags: ['fission'], params: CodeParams } },
      async (request, reply) => sendResult(request, reply, findFissionPacket(l, { shareCode: request.params.code })),
    );
    app.post<{ Body: typeof Claim.static }>(
      '/api/v1/fission/claims',
      { schema: { tags: ['fission'], body: Claim } },
      async (request, reply) => sendResult(request, reply, claimPacketShare(l, request.body), 201),
    );
  };
}
