/**
 * The crash loop's verdict, read from the box's database file once the box is stopped: every
 * acknowledged sale and refund exactly once, receipts gapless, integrity_check, every ledger
 * balancing, the outbox complete. Each finding is one line in `failures`.
 */
import Database from 'better-sqlite3';

export type SaleAck = { laneId: string; saleId: string; receiptNo: string; dueFen: number };
export type RefundAck = { refundId: string; saleId: string; refundFen: number; receiptNo: string };

export type Verdict = { figures: Record<string, number>; failures: string[] };

/** PRAGMA integrity_check on the file as the crash left it (opened read-write: WAL recovery runs first). */
export function integrityCheck(file: string): string {
  const db = new Database(file);
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
  } finally {
    db.close();
  }
}

export function verifyStore(file: string, sales: SaleAck[], refunds: RefundAck[]): Verdict {
  const failures: string[] = [];
  const db = new Database(file, { readonly: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    if (integrity !== 'ok') failures.push(`integrity_check: ${integrity}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) failures.push(`foreign_key_check: ${fk.length} rows`);

    // every acknowledged sale exactly once, as acknowledged
    const saleById = db.prepare('SELECT id, receipt_no, due_fen FROM sale WHERE id = ?');
    const ackedSales = new Map<string, SaleAck>();
    for (const a of sales) {
      const prev = ackedSales.get(a.saleId);
      if (prev && (prev.receiptNo !== a.receiptNo || prev.dueFen !== a.dueFen))
        failures.push(`sale ${a.saleId} acknowledged twice with different results`);
      ackedSales.set(a.saleId, a);
      const row = saleById.get(a.saleId) as { receipt_no: string; due_fen: number } | undefined;
      if (!row) failures.push(`lost sale ${a.saleId} (${a.receiptNo})`);
      else if (row.receipt_no !== a.receiptNo || row.due_fen !== a.dueFen)
        failures.push(
          `sale ${a.saleId} stored as ${row.receipt_no}/${row.due_fen}, acknowledged ${a.receiptNo}/${a.dueFen}`,
        );
    }
    const allSales = db.prepare('SELECT id, lane_id, lane_seq, receipt_no, due_fen FROM sale').all() as Array<{
      id: string;
      lane_id: string;
      lane_seq: number;
      receipt_no: string;
      due_fen: number;
    }>;

    // receipts gapless per lane, and the lane counter at the last one
    const byLane = new Map<string, number[]>();
    for (const s of allSales) byLane.set(s.lane_id, [...(byLane.get(s.lane_id) ?? []), s.lane_seq]);
    for (const [laneId, seqs] of byLane) {
      seqs.sort((x, y) => x - y);
      seqs.forEach((n, i) => {
        if (n !== i + 1) failures.push(`lane ${laneId}: receipt ${i + 1} expected, found ${n}`);
      });
      const counter = db.prepare('SELECT last_seq FROM lane_counter WHERE lane_id = ?').get(laneId) as
        { last_seq: number } | undefined;
      if (counter?.last_seq !== seqs.length)
        failures.push(`lane ${laneId}: counter ${counter?.last_seq} but ${seqs.length} receipts`);
    }

    // each sale balances: lines add up to the due, tenders minus change to the due
    const unbalanced = db
      .prepare(
        `SELECT s.id FROM sale s WHERE
           (SELECT coalesce(sum(net_fen), 0) FROM sale_line l WHERE l.sale_id = s.id) <> s.due_fen
        OR (SELECT coalesce(sum(amount_fen), 0) FROM tender t WHERE t.sale_id = s.id AND t.status = 'succeeded') - s.change_fen <> s.due_fen`,
      )
      .all() as Array<{ id: string }>;
    for (const u of unbalanced) failures.push(`sale ${u.id} does not balance (lines / tenders vs due)`);

    // refunds: every acknowledged one exactly once, its tenders adding up, gapless per sale
    const refundById = db.prepare('SELECT id, refund_fen, receipt_no FROM refund WHERE id = ?');
    for (const a of refunds) {
      const row = refundById.get(a.refundId) as { refund_fen: number; receipt_no: string } | undefined;
      if (!row) failures.push(`lost refund ${a.refundId}`);
      else if (row.refund_fen !== a.refundFen || row.receipt_no !== a.receiptNo)
        failures.push(
          `refund ${a.refundId} stored ${row.receipt_no}/${row.refund_fen}, acknowledged ${a.receiptNo}/${a.refundFen}`,
        );
    }
    const refundsUnbalanced = db
      .prepare(
        `SELECT r.id FROM refund r WHERE r.status = 'completed' AND
           (SELECT coalesce(sum(amount_fen), 0) FROM refund_tender t WHERE t.refund_id = r.id) <> r.refund_fen`,
      )
      .all() as Array<{ id: string }>;
    for (const u of refundsUnbalanced) failures.push(`refund ${u.id}: tenders do not add up to the refund`);
    const refundReceipts = db.prepare('SELECT sale_id, receipt_no FROM refund').all() as Array<{
      sale_id: string;
      receipt_no: string;
    }>;
    const perSale = new Map<string, number[]>();
    for (const x of refundReceipts)
      perSale.set(x.sale_id, [...(perSale.get(x.sale_id) ?? []), Number(x.receipt_no.split('-R').pop())]);
    for (const [saleId, ns] of perSale) {
      ns.sort((x, y) => x - y);
      if (ns.some((n, i) => n !== i + 1)) failures.push(`sale ${saleId}: refund receipts ${ns.join(',')} not gapless`);
    }

    // points ledger: each member's balance is the sum of its entries; stored value likewise
    const points = db
      .prepare(
        `SELECT m.id FROM member m WHERE m.points_balance <>
           (SELECT coalesce(sum(points), 0) FROM points_entry e WHERE e.member_id = m.id)`,
      )
      .all() as Array<{ id: string }>;
    for (const m of points) failures.push(`member ${m.id}: points balance is not the sum of the ledger`);

    // ledger entries exactly once: one earn and at most one redeem per sale; the stock ledger moves
    // each sold line once (sum of the sale's movements = minus its quantities)
    const doubledPoints = db
      .prepare(
        `SELECT sale_id, kind, count(*) AS n FROM points_entry WHERE sale_id IS NOT NULL AND kind IN ('earn', 'redeem')
         GROUP BY sale_id, kind HAVING count(*) > 1`,
      )
      .all() as Array<{ sale_id: string; kind: string; n: number }>;
    for (const d of doubledPoints) failures.push(`sale ${d.sale_id}: ${d.n} ${d.kind} points entries, twice or more`);
    const stockOff = db
      .prepare(
        `SELECT s.id FROM sale s WHERE
           (SELECT coalesce(sum(delta), 0) FROM stock_ledger m WHERE m.kind = 'sale' AND m.ref = s.id)
           <> -(SELECT coalesce(sum(quantity), 0) FROM sale_line l WHERE l.sale_id = s.id)`,
      )
      .all() as Array<{ id: string }>;
    for (const x of stockOff) failures.push(`sale ${x.id}: stock ledger does not match its lines (twice or missing)`);
    // every QR payment is decided once the box has been up (paid ones either on a sale or an orphan)
    const payments = db
      .prepare(
        `SELECT count(*) AS n, sum(status = 'succeeded' AND sale_id IS NULL) AS orphans,
                sum(status IN ('created', 'pending', 'unknown')) AS open FROM payment`,
      )
      .get() as { n: number; orphans: number | null; open: number | null };

    // the outbox: seq gapless, one sale.completed per sale and one refund.created per refund
    const outbox = db.prepare('SELECT seq, topic, payload FROM outbox ORDER BY seq').all() as Array<{
      seq: number;
      topic: string;
      payload: string;
    }>;
    outbox.forEach((o, i) => {
      if (o.seq !== i + 1) failures.push(`outbox seq ${i + 1} expected, found ${o.seq}`);
    });
    const facts = (topic: string) => {
      const m = new Map<string, number>();
      for (const o of outbox)
        if (o.topic === topic) {
          const id = (JSON.parse(o.payload) as { id: string }).id;
          m.set(id, (m.get(id) ?? 0) + 1);
        }
      return m;
    };
    const saleFacts = facts('sale.completed');
    for (const s of allSales)
      if (saleFacts.get(s.id) !== 1) failures.push(`outbox holds sale ${s.id} ${saleFacts.get(s.id) ?? 0} times`);
    if (saleFacts.size !== allSales.length)
      failures.push(`outbox has ${saleFacts.size} sales, the store ${allSales.length}`);
    const refundFacts = facts('refund.created');
    for (const x of db.prepare('SELECT id FROM refund').all() as Array<{ id: string }>)
      if (refundFacts.get(x.id) !== 1) failures.push(`outbox holds refund ${x.id} ${refundFacts.get(x.id) ?? 0} times`);

    return {
      figures: {
        salesAcknowledged: ackedSales.size,
        salesStored: allSales.length,
        refundsAcknowledged: new Set(refunds.map((x) => x.refundId)).size,
        refundsStored: refundReceipts.length,
        pointsEntries: (db.prepare('SELECT count(*) AS n FROM points_entry').get() as { n: number }).n,
        outboxRows: outbox.length,
        qrPayments: payments.n,
        qrPaidWithoutSale: payments.orphans ?? 0,
        qrUndecided: payments.open ?? 0,
      },
      failures,
    };
  } finally {
    db.close();
  }
}
