import type { Role } from '../../core/staff/role.ts';

export type Session = { userId: number; username: string; role: Role; laneId: string | null; expiresAt: string };

/** Staff sessions keyed by the SHA-256 of their bearer token (the token itself is never stored). */
export interface SessionStore {
  insert(tokenHash: string, userId: number, laneId: string | null, createdAt: string, expiresAt: string): void;
  /** The live session for a token hash, with the user's current role (a role change applies at once). */
  find(tokenHash: string, nowIso: string): Session | undefined;
  delete(tokenHash: string): void;
  deleteForUser(userId: number): void;
  /** Ends every session opened at a lane (the lane is retired); returns how many. */
  deleteForLane(laneId: string): number;
  purgeExpired(nowIso: string): number;
}
