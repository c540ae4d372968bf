import { describe, expect, it } from 'vitest';
import { isRole, roleAllows } from './role.ts';

describe('roles', () => {
  it('orders cashier < supervisor < manager < admin', () => {
    expect(roleAllows('cashier', 'manager')).toBe(false);
    expect(roleAllows('supervisor', 'cashier')).toBe(true);
    expect(roleAllows('manager', 'manager')).toBe(true);
    expect(roleAllows('admin', 'manager')).toBe(true);
    expect(roleAllows('manager', 'admin')).toBe(false);
  });
  it('recognises only the four roles', () => {
    expect(isRole('manager')).toBe(true);
    expect(isRole('root')).toBe(false);
  });
});
