import type { Db } from './database.ts';
import type { PointsReminderStore } from '../../app/ports/points-reminder-store.port.ts';

export type {};

/** 积分即将过期 reminders already written to the outbox, one per member and expiry date. */
export class PointsReminderRepository implements PointsReminderStore {
  private readonly mark;
  constructor(db: Db) {
    this.mark = db.prepare(
      'INSERT INTO points_expiry_reminder (member_id, expires_on, points, reminded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
  }

  /** true the first time for this member and date (then the caller writes the notice), false after. */
  first(memberId: string, expiresOn: string, points: number, at: string): boolean {
    return this.mark.run(memberId, expiresOn, points, at).changes === 1;
  }
}
