import type { ErrorCatalogPart } from './error-entry.ts';

export const staffErrors = {
  STAFF_USERNAME_TAKEN: { status: 409, zh: '用户名 {username} 已存在', en: 'Username {username} is already taken' },
  STAFF_NOT_FOUND: { status: 404, zh: '员工 {id} 不存在', en: 'Staff member {id} not found' },
  STAFF_CANNOT_CHANGE_SELF: {
    status: 409,
    zh: '不能修改自己的角色或停用自己',
    en: 'You cannot change your own role or deactivate yourself',
  },
  LANE_UNKNOWN: { status: 404, zh: '收银台 {laneId} 不存在', en: 'Lane {laneId} does not exist' },
} as const satisfies ErrorCatalogPart;
