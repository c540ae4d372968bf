import type { Db } from './database.ts';

/** Facts for HQ, appended in the same transaction as the fact itself (the uplink drains them). */
export class OutboxRepository {
  private readonly insertStmt;
  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO outbox (topic, payload, created_at) VALUES (?, ?, ?)');
  }

  append(topic: string, payload: unknown, at: string): number {
    return Number(this.insertStmt.run(topic, JSON.stringify(payload), at).lastInsertRowid);
  }
}
