import { roleAllows, type Role } from '../../core/staff/role.ts';
import type { StoreContext } from '../store-context.ts';

/**
 * A supervisor's (or manager's) approval typed in at someone else's screen: the username of an
 * active staff member whose password matches and whose role is at least `required`, else null.
 * The caller answers its own error code, so a wrong password and a too-low role look the same.
 */
export async function approvingStaff(
  ctx: StoreContext,
  cred: { username: string; password: string } | undefined,
  required: Role,
): Promise<string | null> {
  if (!cred) return null;
  const user = ctx.repos.staff.byUsername(cred.username);
  if (!user || !user.active || !roleAllows(user.role, required)) return null;
  return (await ctx.passwords.verify(cred.password, user.passwordHash)) ? user.username : null;
}
