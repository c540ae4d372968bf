import type {
  PurchaseOrderLineRecord,
  PurchaseOrderRecord,
  PurchaseOrderStatus,
  PurchaseOrderStore,
  ReceivingLineRecord,
  ReceivingRecord,
} from '../../app/ports/purchase-order-store.port.ts';
import type { Db } from './database.ts';

const COLUMNS = `id, supplier_id AS supplierId, status, note, created_by AS createdBy, created_at AS createdAt,
  sent_at AS sentAt, closed_at AS closedAt`;

/** Purchase orders, their lines and the receivings. Writes run inside the caller's transaction. */
export class PurchaseOrderRepository implements PurchaseOrderStore {
  private readonly st;

  constructor(db: Db) {
    this.st = {
      insert: db.prepare(
        'INSERT INTO purchase_order (id, supplier_id, status, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      line: db.prepare(
        'INSERT INTO purchase_order_line (po_id, line_no, sku, ordered, received, unit_cost_fen) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare(`SELECT ${COLUMNS} FROM purchase_order WHERE id = ?`),
      lines: db.prepare(`SELECT line_no AS lineNo, sku, ordered, received, unit_cost_fen AS unitCostFen
        FROM purchase_order_line WHERE po_id = ? ORDER BY line_no`),
      list: db.prepare(
        `SELECT ${COLUMNS} FROM purchase_order WHERE (@status IS NULL OR status = @status) ORDER BY created_at DESC, id LIMIT @limit`,
      ),
      status: db.prepare(`UPDATE purchase_order SET status = @status,
        sent_at = CASE WHEN @status = 'sent' THEN @at ELSE sent_at END,
        closed_at = CASE WHEN @status = 'closed' THEN @at ELSE closed_at END WHERE id = @id`),
      received: db.prepare('UPDATE purchase_order_line SET received = received + ? WHERE po_id = ? AND sku = ?'),
      receiving: db.prepare('INSERT INTO receiving (id, po_id, received_by, note, at) VALUES (?, ?, ?, ?, ?)'),
      receivingLine: db.prepare(
        'INSERT INTO receiving_line (receiving_id, line_no, sku, quantity, unit_cost_fen) VALUES (?, ?, ?, ?, ?)',
      ),
      receivingById: db.prepare(
        'SELECT id, po_id AS poId, received_by AS receivedBy, note, at FROM receiving WHERE id = ?',
      ),
      receivingLines: db.prepare(`SELECT line_no AS lineNo, sku, quantity, unit_cost_fen AS unitCostFen
        FROM receiving_line WHERE receiving_id = ? ORDER BY line_no`),
    };
  }

  insert(po: PurchaseOrderRecord, lines: readonly PurchaseOrderLineRecord[]): void {
    this.st.insert.run(po.id, po.supplierId, po.status, po.note, po.createdBy, po.createdAt);
    for (const l of lines) this.st.line.run(po.id, l.lineNo, l.sku, l.ordered, l.received, l.unitCostFen);
  }

  byId(id: string): PurchaseOrderRecord | undefined {
    return this.st.byId.get(id) as PurchaseOrderRecord | undefined;
  }

  lines(id: string): PurchaseOrderLineRecord[] {
    return this.st.lines.all(id) as PurchaseOrderLineRecord[];
  }

  list(filter: { status?: PurchaseOrderStatus; limit: number }): PurchaseOrderRecord[] {
    return this.st.list.all({ status: filter.status ?? null, limit: filter.limit }) as PurchaseOrderRecord[];
  }

  setStatus(id: string, status: PurchaseOrderStatus, at: string): void {
    this.st.status.run({ id, status, at });
  }

  addReceived(id: string, sku: string, quantity: number): void {
    this.st.received.run(quantity, id, sku);
  }

  insertReceiving(r: ReceivingRecord, lines: readonly ReceivingLineRecord[]): void {
    this.st.receiving.run(r.id, r.poId, r.receivedBy, r.note, r.at);
    for (const l of lines) this.st.receivingLine.run(r.id, l.lineNo, l.sku, l.quantity, l.unitCostFen);
  }

  receiving(id: string): ReceivingRecord | undefined {
    return this.st.receivingById.get(id) as ReceivingRecord | undefined;
  }

  receivingLines(id: string): ReceivingLineRecord[] {
    return this.st.receivingLines.all(id) as ReceivingLineRecord[];
  }
}
