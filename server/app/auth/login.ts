import { err, ok, type Result } from '../../core/result.ts';
import type { Role } from '../../core/staff/role.ts';
import type { StoreContext } from '../store-context.ts';

export type LoginInput = { username: string; password: string; laneId?: string; address: string };
export type LoginOutput = { token: string; role: Role; username: string; expiresAt: string; laneId: string | null };

/** POST /api/v1/auth/login: checks the password (scrypt), opens a session, audits the attempt. */
export async function login(ctx: StoreContext, input: LoginInput): Promise<Result<LoginOutput>> {
  const nowMs = ctx.clock.now().getTime();
  const wait = ctx.loginThrottle.retryAfterSeconds(input.username, input.address, nowMs);
  if (wait > 0) return err('AUTH_RATE_LIMITED', 'username', { retryAfterSeconds: wait });

  const user = ctx.repos.staff.byUsername(input.username);
  // always run scrypt, even for unknown users, so response time does not reveal who exists
  const matches = await ctx.passwords.verify(input.password, user?.passwordHash ?? ctx.passwords.unmatchable);
  const at = ctx.clock.now().toISOString();
  if (!user || !matches || !user.active) {
    ctx.loginThrottle.recordFailure(input.username, input.address, nowMs);
    ctx.repos.audit.append({
      at,
      actor: input.username.slice(0, 64),
      action: 'auth.login_failed',
      subject: input.address,
    });
    return err('AUTH_INVALID_CREDENTIALS');
  }
  if (input.laneId !== undefined) {
    const lane = ctx.repos.lanes.byId(input.laneId);
    if (!lane) return err('LANE_UNKNOWN', 'laneId', { laneId: input.laneId });
    if (!lane.active) return err('LANE_RETIRED', 'laneId', { laneId: input.laneId });
  }
  ctx.loginThrottle.recordSuccess(input.username);

  const token = ctx.secrets.newToken();
  const expiresAt = new Date(nowMs + ctx.config.auth.sessionHours * 3_600_000).toISOString();
  const laneId = input.laneId ?? null;
  ctx.tx.run(() => {
    ctx.repos.sessions.insert(ctx.secrets.sha256Hex(token), user.id, laneId, at, expiresAt);
    ctx.repos.audit.append({
      at,
      actor: user.username,
      action: 'auth.login',
      subject: input.address,
      detail: laneId ? { laneId } : {},
    });
  });
  return ok({ token, role: user.role, username: user.username, expiresAt, laneId });
}

export function logout(ctx: StoreContext, token: string, actor: string): void {
  ctx.tx.run(() => {
    ctx.repos.sessions.delete(ctx.secrets.sha256Hex(token));
    ctx.repos.audit.append({ at: ctx.clock.now().toISOString(), actor, action: 'auth.logout' });
  });
}

export function sessionForToken(ctx: StoreContext, token: string) {
  return ctx.repos.sessions.find(ctx.secrets.sha256Hex(token), ctx.clock.now().toISOString());
}
