import { canTransition, type PaymentStatus } from '../../core/payments/index.ts';
import type {
  NewPayment,
  OrphanReason,
  PaymentEvent,
  PaymentOutcome,
  PaymentRecord,
  PaymentStore,
} from '../../app/ports/payment-store.port.ts';
import type { Db } from './database.ts';

export type { NewPayment, OrphanReason, PaymentOutcome, PaymentRecord };

const COLUMNS = `id, lane_id AS laneId, cart_id AS cartId, cashier, lane_transaction AS laneTransaction, channel, amount_fen AS amountFen,
  auth_code_masked AS authCodeMasked, requested_at AS requestedAt, status, channel_txn_id AS channelTxnId, paid_at AS paidAt,
  error_code AS errorCode, detail, sale_id AS saleId, orphaned_at AS orphanedAt, orphan_reason AS orphanReason, updated_at AS updatedAt`;

/**
 * QR payments and their state changes. Every change is checked against the state machine
 * (core/payments) and logged in payment_event in the same transaction.
 */
export class PaymentRepository implements PaymentStore {
  private readonly db: Db;
  private readonly st;

  constructor(db: Db) {
    this.db = db;
    this.st = {
      insert:
        db.prepare(`INSERT INTO payment (id, lane_id, cart_id, cashier, lane_transaction, channel, amount_fen, auth_code_masked, requested_at, status, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'created', ?)`),
      event: db.prepare(
        'INSERT INTO payment_event (payment_id, at, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?)',
      ),
      byId: db.prepare(`SELECT ${COLUMNS} FROM payment WHERE id = ?`),
      byTransaction: db.prepare(`SELECT ${COLUMNS} FROM payment WHERE lane_id = ? AND lane_transaction = ?`),
      update: db.prepare(
        `UPDATE payment SET status = ?, channel_txn_id = coalesce(?, channel_txn_id), paid_at = coalesce(?, paid_at), error_code = ?, detail = ?, updated_at = ? WHERE id = ?`,
      ),
      open: db.prepare(
        `SELECT ${COLUMNS} FROM payment WHERE status IN ('created', 'pending', 'unknown') ORDER BY requested_at`,
      ),
      attach: db.prepare(
        "UPDATE payment SET sale_id = ?, updated_at = ? WHERE id = ? AND status = 'succeeded' AND sale_id IS NULL AND orphaned_at IS NULL",
      ),
      orphan: db.prepare(
        "UPDATE payment SET orphaned_at = ?, orphan_reason = ?, updated_at = ? WHERE id = ? AND status = 'succeeded' AND sale_id IS NULL AND orphaned_at IS NULL",
      ),
      unattached: db.prepare(
        `SELECT ${COLUMNS} FROM payment WHERE status = 'succeeded' AND sale_id IS NULL AND orphaned_at IS NULL`,
      ),
      note: db.prepare(
        "INSERT INTO payment_event (payment_id, at, from_status, to_status, detail) VALUES (?, ?, 'succeeded', 'succeeded', ?)",
      ),
      events: db.prepare(
        'SELECT at, from_status AS fromStatus, to_status AS toStatus, detail FROM payment_event WHERE payment_id = ? ORDER BY id',
      ),
    };
  }

  /** Writes the payment as `created`: the caller moves it to `pending` before the channel is called. */
  insert(p: NewPayment, at: string): PaymentRecord {
    this.db.transaction(() => {
      this.st.insert.run(
        p.id,
        p.laneId,
        p.cartId,
        p.cashier,
        p.laneTransaction,
        p.channel,
        p.amountFen,
        p.authCodeMasked,
        p.requestedAt,
        at,
      );
      this.st.event.run(p.id, at, null, 'created', null);
    })();
    return this.byId(p.id)!;
  }

  /** Moves a payment along the state machine; an illegal move (a bug) throws and writes nothing. */
  transition(id: string, to: PaymentStatus, at: string, outcome: PaymentOutcome = {}): PaymentRecord {
    return this.db.transaction(() => {
      const current = this.byId(id);
      if (!current) throw new Error(`payment ${id} not found`);
      if (!canTransition(current.status, to))
        throw new Error(`payment ${id}: ${current.status} → ${to} is not allowed`);
      this.st.update.run(
        to,
        outcome.channelTxnId ?? null,
        outcome.paidAt ?? null,
        outcome.errorCode ?? null,
        outcome.detail ?? null,
        at,
        id,
      );
      this.st.event.run(id, at, current.status, to, outcome.detail ?? outcome.errorCode ?? null);
      return this.byId(id)!;
    })();
  }

  byId(id: string): PaymentRecord | undefined {
    return this.st.byId.get(id) as PaymentRecord | undefined;
  }

  byLaneTransaction(laneId: string, transaction: string): PaymentRecord | undefined {
    return this.st.byTransaction.get(laneId, transaction) as PaymentRecord | undefined;
  }

  /** Payments still waiting for the channel's word (created, pending, unknown). */
  open(): PaymentRecord[] {
    return this.st.open.all() as PaymentRecord[];
  }

  /** Succeeded payments no sale carries and none has been declared orphan yet. */
  unattached(): PaymentRecord[] {
    return this.st.unattached.all() as PaymentRecord[];
  }

  /** Inside the sale's transaction: false if the payment is not (or no longer) a succeeded free payment. */
  attachToSale(id: string, saleId: string, at: string): boolean {
    return this.st.attach.run(saleId, at, id).changes === 1;
  }

  /** 支付成功但未出单: the money was taken and no sale will carry it. */
  markOrphan(id: string, reason: OrphanReason, at: string): boolean {
    return this.db.transaction(() => {
      const changed = this.st.orphan.run(at, reason, at, id).changes === 1;
      if (changed) this.st.event.run(id, at, 'succeeded', 'succeeded', `orphan: ${reason}`);
      return changed;
    })();
  }

  events(id: string): PaymentEvent[] {
    return this.st.events.all(id) as PaymentEvent[];
  }

  /** An event beside the state changes, in the shape markOrphan writes: the payment stays succeeded. */
  noteOnSucceeded(id: string, at: string, detail: string): void {
    this.st.note.run(id, at, detail);
  }

  list(filter: { status?: PaymentStatus; orphan?: boolean; limit: number }): PaymentRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status) {
      where.push('status = ?');
      args.push(filter.status);
    }
    if (filter.orphan !== undefined) where.push(filter.orphan ? 'orphaned_at IS NOT NULL' : 'orphaned_at IS NULL');
    const sql = `SELECT ${COLUMNS} FROM payment ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY requested_at DESC LIMIT ?`;
    return this.db.prepare(sql).all(...args, filter.limit) as PaymentRecord[];
  }

  /** A card tender's terminal auth code (the column the payments migration added). */
  setCardAuthCode(tenderId: string, authCode: string): void {
    this.db.prepare('UPDATE tender SET auth_code = ? WHERE id = ?').run(authCode, tenderId);
  }
}
