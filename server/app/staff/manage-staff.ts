import { err, ok, type Result } from '../../core/result.ts';
import type { Role } from '../../core/staff/role.ts';
import type { StoreContext } from '../store-context.ts';

export async function createStaff(
  ctx: StoreContext,
  actor: string,
  input: { username: string; displayName: string; role: Role; password: string },
): Promise<Result<{ id: number }>> {
  if (ctx.repos.staff.byUsername(input.username))
    return err('STAFF_USERNAME_TAKEN', 'username', { username: input.username });
  const passwordHash = await ctx.passwords.hash(input.password);
  const at = ctx.clock.now().toISOString();
  const id = ctx.tx.run(() => {
    const id = ctx.repos.staff.insert(
      { username: input.username, displayName: input.displayName, role: input.role, passwordHash },
      at,
    );
    ctx.repos.audit.append({
      at,
      actor,
      action: 'staff.created',
      subject: input.username,
      detail: { role: input.role },
    });
    return id;
  });
  return ok({ id });
}

/**
 * Role, active flag or password of a staff user; each change audited. Any of them ends all of the
 * user's sessions at once: the HTTP sessions are deleted in the same transaction, and
 * `staff.sessions_ended` tells the adapters to close the user's WebSockets and MQTT connections,
 * which would otherwise keep receiving with the rights they were opened with.
 */
export async function updateStaff(
  ctx: StoreContext,
  actor: string,
  id: number,
  change: { role?: Role; active?: boolean; password?: string },
): Promise<Result<{ id: number }>> {
  const user = ctx.repos.staff.byId(id);
  if (!user) return err('STAFF_NOT_FOUND', 'id', { id });
  if (user.username === actor && (change.role !== undefined || change.active === false))
    return err('STAFF_CANNOT_CHANGE_SELF', 'id');
  const passwordHash = change.password === undefined ? undefined : await ctx.passwords.hash(change.password);
  const at = ctx.clock.now().toISOString();
  const ended = ctx.tx.run(() => {
    let ended = false;
    if (change.role !== undefined && change.role !== user.role) {
      ctx.repos.staff.setRole(id, change.role);
      ctx.repos.sessions.deleteForUser(id);
      ended = true;
      ctx.repos.audit.append({
        at,
        actor,
        action: 'staff.role_changed',
        subject: user.username,
        detail: { from: user.role, to: change.role },
      });
    }
    if (change.active !== undefined && change.active !== user.active) {
      ctx.repos.staff.setActive(id, change.active);
      if (!change.active) {
        ctx.repos.sessions.deleteForUser(id);
        ended = true;
      }
      ctx.repos.audit.append({
        at,
        actor,
        action: change.active ? 'staff.activated' : 'staff.deactivated',
        subject: user.username,
      });
    }
    if (passwordHash !== undefined) {
      ctx.repos.staff.setPasswordHash(id, passwordHash);
      ctx.repos.sessions.deleteForUser(id);
      ended = true;
      ctx.repos.audit.append({ at, actor, action: 'staff.password_changed', subject: user.username });
    }
    return ended;
  });
  // after the commit: a listener never sees a change that could still roll back
  if (ended) ctx.bus.emit('staff.sessions_ended', { userId: id, username: user.username });
  return ok({ id });
}
