import type { TenderKind } from '../../core/payments/index.ts';
import type { ShiftActivity, ShiftReport } from '../../core/shifts/index.ts';
import type { ShiftRecord, ShiftStore } from '../../app/ports/shift-store.port.ts';
import type { Db } from './database.ts';

export type { ShiftRecord };

const COLUMNS = `id, lane_id AS laneId, cashier, opened_at AS openedAt, float_fen AS floatFen, status, closed_at AS closedAt, closed_by AS closedBy,
  counted_fen AS countedFen, expected_fen AS expectedFen, over_short_fen AS overShortFen, counted, z_report AS zReport`;

type Row = Omit<ShiftRecord, 'counted' | 'zReport'> & { counted: string | null; zReport: string | null };
const toRecord = (r: Row): ShiftRecord => ({
  ...r,
  counted: r.counted ? JSON.parse(r.counted) : null,
  zReport: r.zReport ? JSON.parse(r.zReport) : null,
});

/**
 * Shifts, pay-ins/outs, and what went through a lane during a shift: sales and refunds at the
 * lane between the shift's opening and `until` (one open shift per lane, so the window is the shift).
 */
export class ShiftRepository implements ShiftStore {
  private readonly db: Db;
  private readonly st;

  constructor(db: Db) {
    this.db = db;
    this.st = {
      insert: db.prepare(
        "INSERT INTO shift (id, lane_id, cashier, opened_at, float_fen, status) VALUES (?, ?, ?, ?, ?, 'open')",
      ),
      byId: db.prepare(`SELECT ${COLUMNS} FROM shift WHERE id = ?`),
      openForLane: db.prepare(`SELECT ${COLUMNS} FROM shift WHERE lane_id = ? AND status = 'open'`),
      close:
        db.prepare(`UPDATE shift SET status = 'closed', closed_at = ?, closed_by = ?, counted_fen = ?, expected_fen = ?, over_short_fen = ?, counted = ?, z_report = ?
        WHERE id = ? AND status = 'open'`),
      movement: db.prepare(
        'INSERT INTO cash_movement (shift_id, kind, amount_fen, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      movements: db.prepare('SELECT kind, sum(amount_fen) AS fen FROM cash_movement WHERE shift_id = ? GROUP BY kind'),
      sales:
        db.prepare(`SELECT count(*) AS count, coalesce(sum(gross_fen), 0) AS grossFen, coalesce(sum(discount_fen), 0) AS discountFen, coalesce(sum(due_fen), 0) AS dueFen,
        coalesce(sum(change_fen), 0) AS changeFen FROM sale WHERE lane_id = ? AND completed_at >= ? AND completed_at < ?`),
      tenders: db.prepare(`SELECT t.kind, sum(t.amount_fen) AS fen FROM tender t JOIN sale s ON s.id = t.sale_id
        WHERE s.lane_id = ? AND s.completed_at >= ? AND s.completed_at < ? GROUP BY t.kind`),
      refunds: db.prepare(
        'SELECT count(*) AS count, coalesce(sum(refund_fen), 0) AS refundFen FROM refund WHERE lane_id = ? AND created_at >= ? AND created_at < ?',
      ),
      refundTenders:
        db.prepare(`SELECT rt.kind, sum(rt.amount_fen) AS fen FROM refund_tender rt JOIN refund r ON r.id = rt.refund_id
        WHERE r.lane_id = ? AND r.created_at >= ? AND r.created_at < ? AND rt.status = 'succeeded' GROUP BY rt.kind`),
    };
  }

  insert(s: { id: string; laneId: string; cashier: string; openedAt: string; floatFen: number }): void {
    this.st.insert.run(s.id, s.laneId, s.cashier, s.openedAt, s.floatFen);
  }

  byId(id: string): ShiftRecord | undefined {
    const r = this.st.byId.get(id) as Row | undefined;
    return r && toRecord(r);
  }

  openForLane(laneId: string): ShiftRecord | undefined {
    const r = this.st.openForLane.get(laneId) as Row | undefined;
    return r && toRecord(r);
  }

  list(filter: { laneId?: string; cashier?: string; limit: number }): ShiftRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.laneId) (where.push('lane_id = ?'), args.push(filter.laneId));
    if (filter.cashier) (where.push('cashier = ?'), args.push(filter.cashier));
    return (
      this.db
        .prepare(
          `SELECT ${COLUMNS} FROM shift ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC LIMIT ?`,
        )
        .all(...args, filter.limit) as Row[]
    ).map(toRecord);
  }

  addMovement(
    shiftId: string,
    kind: 'pay_in' | 'pay_out',
    amountFen: number,
    reason: string,
    actor: string,
    at: string,
  ): void {
    this.st.movement.run(shiftId, kind, amountFen, reason, actor, at);
  }

  /** False when the shift was closed meanwhile (a second close). */
  close(
    id: string,
    c: { at: string; by: string; countedFen: number; expectedFen: number; counted: unknown; report: ShiftReport },
  ): boolean {
    return (
      this.st.close.run(
        c.at,
        c.by,
        c.countedFen,
        c.expectedFen,
        c.countedFen - c.expectedFen,
        JSON.stringify(c.counted),
        JSON.stringify(c.report),
        id,
      ).changes === 1
    );
  }

  /** What went through the lane from the shift's opening until `until` (exclusive). */
  activity(s: ShiftRecord, until: string): ShiftActivity {
    const window = [s.laneId, s.openedAt, until] as const;
    const sales = this.st.sales.get(...window) as {
      count: number;
      grossFen: number;
      discountFen: number;
      dueFen: number;
      changeFen: number;
    };
    const taken = new Map(
      (this.st.tenders.all(...window) as Array<{ kind: TenderKind; fen: number }>).map((r) => [r.kind, r.fen]),
    );
    const refunds = this.st.refunds.get(...window) as { count: number; refundFen: number };
    const given = new Map(
      (this.st.refundTenders.all(...window) as Array<{ kind: TenderKind; fen: number }>).map((r) => [r.kind, r.fen]),
    );
    const moves = new Map(
      (this.st.movements.all(s.id) as Array<{ kind: string; fen: number }>).map((r) => [r.kind, r.fen]),
    );
    const kinds = [...new Set([...taken.keys(), ...given.keys()])].sort();
    return {
      shiftId: s.id,
      laneId: s.laneId,
      cashier: s.cashier,
      openedAt: s.openedAt,
      cash: {
        floatFen: s.floatFen,
        cashTakenFen: taken.get('cash') ?? 0,
        changeGivenFen: sales.changeFen,
        cashRefundsFen: given.get('cash') ?? 0,
        payInsFen: moves.get('pay_in') ?? 0,
        payOutsFen: moves.get('pay_out') ?? 0,
      },
      sales: { count: sales.count, grossFen: sales.grossFen, discountFen: sales.discountFen, dueFen: sales.dueFen },
      refunds,
      tenders: kinds.map((kind) => ({
        kind,
        takenFen: (taken.get(kind) ?? 0) - (kind === 'cash' ? sales.changeFen : 0),
        refundedFen: given.get(kind) ?? 0,
      })),
    };
  }
}
