import { verifyPassword } from '../../adapters/crypto/password-hasher.ts';
import { roleAllows } from '../../core/staff/role.ts';
import type { Principal } from '../../core/devices/topic-acl.ts';
import type { StoreContext } from '../store-context.ts';

/**
 * MQTT CONNECT credentials: a manager's or admin's staff login (tools, the console). Paired
 * devices get their own credentials (devices issue) and are checked before this.
 */
export async function authenticateMqtt(
  ctx: StoreContext,
  username: string,
  password: string,
): Promise<Principal | null> {
  const user = ctx.repos.staff.byUsername(username);
  if (!user || !user.active || !roleAllows(user.role, 'manager')) return null;
  return (await verifyPassword(password, user.passwordHash))
    ? { kind: 'staff', username: user.username, role: user.role }
    : null;
}
