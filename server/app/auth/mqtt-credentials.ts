import { err, ok, type Result } from '../../core/result.ts';
import { roleAllows } from '../../core/staff/role.ts';
import type { Principal } from '../../core/devices/topic-acl.ts';
import type { StoreContext } from '../store-context.ts';

export type MqttLogin = { username: string; password: string; address: string };

/**
 * MQTT CONNECT credentials: a manager's or admin's staff login (tools, the console). Paired
 * devices get their own credentials (devices issue) and are checked before this.
 *
 * The same rules as HTTP login (login.ts): one LoginThrottle per user and per address, shared with
 * it, so an attacker cannot get twice the attempts by switching protocol; every refused password
 * is audited; and every path costs exactly one scrypt (against a dummy hash for an unknown user),
 * so the CONNACK's timing tells neither whether the user exists nor whether its role may log in.
 */
export async function authenticateMqtt(ctx: StoreContext, input: MqttLogin): Promise<Result<Principal>> {
  const nowMs = ctx.clock.now().getTime();
  const wait = ctx.loginThrottle.retryAfterSeconds(input.username, input.address, nowMs);
  if (wait > 0) return err('AUTH_RATE_LIMITED', 'username', { retryAfterSeconds: wait });

  const user = ctx.repos.staff.byUsername(input.username);
  const matches = await ctx.passwords.verify(input.password, user?.passwordHash ?? ctx.passwords.unmatchable);
  // a cashier (no broker login) or a deactivated user counts as a failure, like a wrong password
  if (!user || !matches || !user.active || !roleAllows(user.role, 'manager')) {
    ctx.loginThrottle.recordFailure(input.username, input.address, nowMs);
    ctx.repos.audit.append({
      at: ctx.clock.now().toISOString(),
      actor: input.username.slice(0, 64),
      action: 'auth.login_failed',
      subject: input.address,
      detail: { via: 'mqtt' },
    });
    return err('AUTH_INVALID_CREDENTIALS');
  }
  ctx.loginThrottle.recordSuccess(input.username);
  return ok({ kind: 'staff', username: user.username, role: user.role });
}
