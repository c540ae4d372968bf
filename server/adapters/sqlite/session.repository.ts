import type { Session, SessionStore } from '../../app/ports/session-store.port.ts';
import type { Db } from './database.ts';

export type { Session } from '../../app/ports/session-store.port.ts';

/** Staff sessions keyed by the SHA-256 of their bearer token (the token itself is never stored). */
export class SessionRepository implements SessionStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  insert(tokenHash: string, userId: number, laneId: string | null, createdAt: string, expiresAt: string): void {
    this.db
      .prepare(
        'INSERT INTO staff_session (token_hash, user_id, lane_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(tokenHash, userId, laneId, createdAt, expiresAt);
  }

  /** The live session for a token hash, joined with the user's current role (a role change applies at once). */
  find(tokenHash: string, nowIso: string): Session | undefined {
    return this.db
      .prepare(
        `SELECT s.user_id AS userId, u.username, u.role, s.lane_id AS laneId, s.expires_at AS expiresAt
         FROM staff_session s JOIN staff_user u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1`,
      )
      .get(tokenHash, nowIso) as Session | undefined;
  }

  delete(tokenHash: string): void {
    this.db.prepare('DELETE FROM staff_session WHERE token_hash = ?').run(tokenHash);
  }

  deleteForUser(userId: number): void {
    this.db.prepare('DELETE FROM staff_session WHERE user_id = ?').run(userId);
  }

  /** Ends every session opened at a lane (the lane is retired); returns how many. */
  deleteForLane(laneId: string): number {
    return this.db.prepare('DELETE FROM staff_session WHERE lane_id = ?').run(laneId).changes;
  }

  purgeExpired(nowIso: string): number {
    return this.db.prepare('DELETE FROM staff_session WHERE expires_at <= ?').run(nowIso).changes;
  }
}
