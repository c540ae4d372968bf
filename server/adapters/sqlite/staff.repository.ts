import type { StaffStore, StaffUser } from '../../app/ports/staff-store.port.ts';
import type { Role } from '../../core/staff/role.ts';
import type { Db } from './database.ts';

export type { StaffUser } from '../../app/ports/staff-store.port.ts';

type Row = { id: number; username: string; display_name: string; role: Role; password_hash: string; active: number };

const toUser = (r: Row): StaffUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  active: r.active === 1,
});

export class StaffRepository implements StaffStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM staff_user').get() as { n: number }).n;
  }

  byUsername(username: string): StaffUser | undefined {
    const row = this.db.prepare('SELECT * FROM staff_user WHERE username = ?').get(username) as Row | undefined;
    return row && toUser(row);
  }

  byId(id: number): StaffUser | undefined {
    const row = this.db.prepare('SELECT * FROM staff_user WHERE id = ?').get(id) as Row | undefined;
    return row && toUser(row);
  }

  list(): Array<Omit<StaffUser, 'passwordHash'>> {
    return (this.db.prepare('SELECT * FROM staff_user ORDER BY id').all() as Row[])
      .map(toUser)
      .map(({ passwordHash: _, ...u }) => u);
  }

  insert(user: { username: string; displayName: string; role: Role; passwordHash: string }, at: string): number {
    return Number(
      this.db
        .prepare(
          'INSERT INTO staff_user (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(user.username, user.displayName, user.role, user.passwordHash, at).lastInsertRowid,
    );
  }

  setRole(id: number, role: Role): void {
    this.db.prepare('UPDATE staff_user SET role = ? WHERE id = ?').run(role, id);
  }

  setActive(id: number, active: boolean): void {
    this.db.prepare('UPDATE staff_user SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
  }

  setPasswordHash(id: number, passwordHash: string): void {
    this.db.prepare('UPDATE staff_user SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }
}
