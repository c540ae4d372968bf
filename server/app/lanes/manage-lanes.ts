import { err, ok, type Result } from '../../core/result.ts';
import type { Lane } from '../ports/lane-store.port.ts';
import type { StoreContext } from '../store-context.ts';

/**
 * Lanes a manager adds, renames and retires (docs/lanes.md). Every change is audited in the same
 * transaction. A lane id is never reused: a retired lane keeps its id, its name and its history
 * (sales, receipts numbered per lane, shifts, audit), so a new lane needs a new id.
 */
export function createLane(ctx: StoreContext, actor: string, input: { id: string; name: string }): Result<Lane> {
  const name = input.name.trim();
  const at = ctx.clock.now().toISOString();
  return ctx.tx.runResult((): Result<Lane> => {
    if (ctx.repos.lanes.byId(input.id)) return err('LANE_ID_TAKEN', 'id', { laneId: input.id });
    ctx.repos.lanes.insert({ id: input.id, name }, at);
    ctx.repos.audit.append({ at, actor, action: 'lane.created', subject: input.id, detail: { name } });
    return ok({ id: input.id, name, active: true });
  });
}

export function renameLane(ctx: StoreContext, actor: string, id: string, newName: string): Result<Lane> {
  const name = newName.trim();
  const at = ctx.clock.now().toISOString();
  return ctx.tx.runResult((): Result<Lane> => {
    const lane = ctx.repos.lanes.byId(id);
    if (!lane) return err('LANE_UNKNOWN', 'id', { laneId: id });
    if (!lane.active) return err('LANE_RETIRED', 'id', { laneId: id });
    if (lane.name !== name) {
      ctx.repos.lanes.rename(id, name);
      ctx.repos.audit.append({
        at,
        actor,
        action: 'lane.renamed',
        subject: id,
        detail: { from: lane.name, to: name },
      });
    }
    return ok({ ...lane, name });
  });
}

/**
 * Retires a lane. Refused while the lane has an open cash shift (its drawer must be counted at the
 * shift's close first). Sessions opened at the lane end in the same transaction, so a cashier
 * logged in there is logged out; the lane's open WebSockets are closed by the lane socket route
 * (the 'lane.retired' event). The lane can no longer log in or be given devices.
 */
export function retireLane(ctx: StoreContext, actor: string, id: string): Result<Lane & { sessionsEnded: number }> {
  const at = ctx.clock.now().toISOString();
  const result = ctx.tx.runResult((): Result<Lane & { sessionsEnded: number }> => {
    const lane = ctx.repos.lanes.byId(id);
    if (!lane) return err('LANE_UNKNOWN', 'id', { laneId: id });
    if (!lane.active) return err('LANE_RETIRED', 'id', { laneId: id });
    const shiftId = ctx.repos.lanes.openShiftId(id);
    if (shiftId) return err('LANE_SHIFT_OPEN', 'id', { laneId: id, shiftId });
    ctx.repos.lanes.retire(id);
    const sessionsEnded = ctx.repos.sessions.deleteForLane(id);
    ctx.repos.audit.append({ at, actor, action: 'lane.retired', subject: id, detail: { sessionsEnded } });
    return ok({ ...lane, active: false, sessionsEnded });
  });
  if (result.ok) ctx.bus.emit('lane.retired', { laneId: id });
  return result;
}
