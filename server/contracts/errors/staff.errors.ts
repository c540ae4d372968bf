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
  LANE_ID_TAKEN: {
    status: 409,
    zh: '收银台编号 {laneId} 已被使用（停用的收银台编号也不再分配）',
    en: 'Lane id {laneId} is already used (a retired lane keeps its id)',
  },
  LANE_RETIRED: { status: 409, zh: '收银台 {laneId} 已停用', en: 'Lane {laneId} is retired' },
  LANE_SHIFT_OPEN: {
    status: 409,
    zh: '收银台 {laneId} 还有未结班次 {shiftId}，请先结班点钞再停用',
    en: 'Lane {laneId} still has open shift {shiftId}: close the shift (count the drawer) before retiring the lane',
  },
} as const satisfies ErrorCatalogPart;
