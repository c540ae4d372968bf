import type { Role } from '../../core/staff/role.ts';

export type StaffUser = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  active: boolean;
};

/** Staff users (logins of cashiers, supervisors, managers, admins). Writes run in the caller's transaction. */
export interface StaffStore {
  count(): number;
  byUsername(username: string): StaffUser | undefined;
  byId(id: number): StaffUser | undefined;
  list(): Array<Omit<StaffUser, 'passwordHash'>>;
  /** Returns the new user's id. */
  insert(user: { username: string; displayName: string; role: Role; passwordHash: string }, at: string): number;
  setRole(id: number, role: Role): void;
  setActive(id: number, active: boolean): void;
  setPasswordHash(id: number, passwordHash: string): void;
}
