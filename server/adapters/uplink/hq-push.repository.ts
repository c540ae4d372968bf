import type { HqPushStore, RecordedPush } from '../../app/ports/hq-push-store.port.ts';
import type { PushApplied } from '../../contracts/uplink/uplink-push.schema.ts';
import type { Db } from '../sqlite/database.ts';

export type { RecordedPush } from '../../app/ports/hq-push-store.port.ts';

/** Pushes from HQ that were applied (migration 0009); a refused push is not recorded, so HQ may fix and resend it. */
export class HqPushRepository implements HqPushStore {
  private readonly getStmt;
  private readonly insertStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare(
      'SELECT push_id AS pushId, kind, content_sha256 AS contentSha256, applied_at AS appliedAt, result FROM hq_push WHERE push_id = ?',
    );
    this.insertStmt = db.prepare(
      'INSERT INTO hq_push (push_id, kind, content_sha256, applied_at, result) VALUES (?, ?, ?, ?, ?)',
    );
  }

  get(pushId: string): RecordedPush | undefined {
    const row = this.getStmt.get(pushId) as (Omit<RecordedPush, 'result'> & { result: string }) | undefined;
    return row && { ...row, result: JSON.parse(row.result) as PushApplied };
  }

  /** Call inside the transaction that applies the push. */
  record(push: RecordedPush): void {
    this.insertStmt.run(push.pushId, push.kind, push.contentSha256, push.appliedAt, JSON.stringify(push.result));
  }
}
