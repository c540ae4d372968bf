import { err, ok, type Result } from '../../core/result.ts';
import { countedCash, shiftReport, type DenominationCount, type ShiftReport } from '../../core/shifts/index.ts';
import type { ShiftRecord, ShiftStore } from '../ports/shift-store.port.ts';
import type { StoreContext } from '../store-context.ts';

/**
 * Cash shifts: a cashier opens a shift at a lane with a float, records pay-ins and pay-outs, reads
 * an X report at any time, and closes with a count by denomination; the Z report keeps over/short
 * as it is. The report's window ends at the moment of the report, so sales after a close belong to
 * the next shift.
 */
export class ShiftService {
  private readonly ctx: StoreContext;
  private readonly shifts: ShiftStore;

  constructor(ctx: StoreContext, shifts: ShiftStore) {
    this.ctx = ctx;
    this.shifts = shifts;
  }

  open(actor: string, laneId: string, floatFen: number): Result<ShiftRecord> {
    if (!this.ctx.repos.lanes.exists(laneId)) return err('NOT_FOUND', 'laneId');
    const at = this.at();
    const id = this.ctx.ids.uuid();
    const opened = this.ctx.tx.run(() => {
      if (this.shifts.openForLane(laneId)) return false;
      this.shifts.insert({ id, laneId, cashier: actor, openedAt: at, floatFen });
      this.ctx.repos.outbox.append('shift.opened', { shiftId: id, laneId, cashier: actor, floatFen }, at);
      return true;
    });
    return opened ? ok(this.shifts.byId(id)!) : err('SHIFT_ALREADY_OPEN', 'laneId');
  }

  get(id: string): ShiftRecord | undefined {
    return this.shifts.byId(id);
  }

  list(filter: { laneId?: string; cashier?: string; limit: number }): ShiftRecord[] {
    return this.shifts.list(filter);
  }

  cashMovement(
    actor: string,
    shiftId: string,
    kind: 'pay_in' | 'pay_out',
    amountFen: number,
    reason: string,
  ): Result<ShiftReport> {
    const shift = this.shifts.byId(shiftId);
    if (!shift) return err('SHIFT_NOT_FOUND', 'shiftId');
    if (shift.status !== 'open') return err('SHIFT_CLOSED', 'shiftId');
    const at = this.at();
    this.ctx.tx.run(() => {
      this.shifts.addMovement(shiftId, kind, amountFen, reason, actor, at);
      this.ctx.repos.audit.append({
        at,
        actor,
        action: `shift.${kind}`,
        subject: shiftId,
        detail: { amountFen, reason, laneId: shift.laneId },
      });
    });
    return this.xReport(shiftId);
  }

  /** X report: the figures so far; changes nothing. */
  xReport(shiftId: string): Result<ShiftReport> {
    const shift = this.shifts.byId(shiftId);
    if (!shift) return err('SHIFT_NOT_FOUND', 'shiftId');
    if (shift.status === 'closed') return ok(shift.zReport!);
    const at = this.at();
    return ok(shiftReport(this.shifts.activity(shift, nextInstant(at)), at));
  }

  /** Z report: counts the drawer, records over/short (never forced to zero) and closes the shift; a second close is refused. */
  close(actor: string, shiftId: string, counts: readonly DenominationCount[]): Result<ShiftReport> {
    const counted = countedCash(counts);
    if (!counted.ok) return counted;
    const at = this.at();
    const closed = this.ctx.tx.runResult((): Result<ShiftReport> => {
      const shift = this.shifts.byId(shiftId);
      if (!shift) return err('SHIFT_NOT_FOUND', 'shiftId');
      if (shift.status !== 'open') return err('SHIFT_CLOSED', 'shiftId');
      const report = shiftReport(this.shifts.activity(shift, nextInstant(at)), at, counted.value);
      this.shifts.close(shiftId, {
        at,
        by: actor,
        countedFen: counted.value,
        expectedFen: report.expectedCashFen,
        counted: counts,
        report,
      });
      this.ctx.repos.outbox.append('shift.closed', report, at);
      this.ctx.repos.audit.append({
        at,
        actor,
        action: 'shift.closed',
        subject: shiftId,
        detail: {
          laneId: shift.laneId,
          cashier: shift.cashier,
          expectedFen: report.expectedCashFen,
          countedFen: counted.value,
          overShortFen: report.count!.overShortFen,
        },
      });
      return ok(report);
    });
    return closed;
  }

  private at(): string {
    return this.ctx.clock.now().toISOString();
  }
}

/** The window is [opened, until): include everything stamped at the report's own millisecond. */
function nextInstant(iso: string): string {
  return new Date(Date.parse(iso) + 1).toISOString();
}
