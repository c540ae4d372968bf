import type { ErrorCatalogPart } from './error-entry.ts';

/** Errors of pairing and running devices in the box (server/app/devices, docs/devices.md). */
export const devicesAppErrors = {
  DEVICE_NOT_FOUND: { status: 404, zh: '设备 {deviceId} 不存在', en: 'Device {deviceId} not found' },
  DEVICE_ID_TAKEN: {
    status: 409,
    zh: '设备编号 {deviceId} 已被另一台设备使用，请更换设备编号或先撤销原设备',
    en: 'Device id {deviceId} belongs to another agent; choose another id or revoke the old device first',
  },
  DEVICE_PAIRING_CODE_WRONG: {
    status: 403,
    zh: '配对码错误，还可尝试 {remaining} 次',
    en: 'Wrong pairing code; {remaining} attempts left',
  },
  DEVICE_PAIRING_LOCKED: {
    status: 423,
    zh: '配对码错误次数过多，设备 {deviceId} 已锁定；请在设备上重新发起配对',
    en: 'Too many wrong pairing codes; device {deviceId} is locked until it announces itself again',
  },
  DEVICE_NOT_PENDING: {
    status: 409,
    zh: '设备 {deviceId} 当前状态为 {status}，无法批准',
    en: 'Device {deviceId} is {status} and cannot be approved',
  },
  DEVICE_NOT_APPROVED: {
    status: 409,
    zh: '设备尚未被批准，请等待店长在后台输入配对码',
    en: 'The device is not approved yet; wait for a manager to enter the pairing code',
  },
  DEVICE_CLAIM_INVALID: { status: 403, zh: '领取凭据的令牌无效', en: 'The credentials claim token is not valid' },
  DEVICE_CREDENTIALS_CLAIMED: {
    status: 409,
    zh: '凭据已被领取；如需重新配对请先撤销设备',
    en: 'The credentials were already fetched; revoke the device to pair it again',
  },
  DEVICE_LANE_UNKNOWN: { status: 400, zh: '收银台 {laneId} 不存在', en: 'Lane {laneId} does not exist' },
  DEVICE_OFFLINE: { status: 503, zh: '设备 {deviceId} 离线', en: 'Device {deviceId} is offline' },
  DEVICE_COMMAND_TIMEOUT: {
    status: 504,
    zh: '设备 {deviceId} 未确认命令 {command}',
    en: 'Device {deviceId} did not acknowledge {command}',
  },
  DEVICE_NO_PRINTER: { status: 409, zh: '收银台 {laneId} 没有配置打印机', en: 'Lane {laneId} has no receipt printer' },
  DEVICE_NO_DRAWER: {
    status: 409,
    zh: '收银台 {laneId} 没有可开启钱箱的设备',
    en: 'Lane {laneId} has no device that opens a cash drawer',
  },
  DEVICE_NO_SCALE: { status: 409, zh: '收银台 {laneId} 没有电子秤', en: 'Lane {laneId} has no scale' },
  PRINT_JOB_NOT_FOUND: { status: 404, zh: '打印任务 {jobId} 不存在', en: 'Print job {jobId} not found' },
} as const satisfies ErrorCatalogPart;

export type DevicesAppErrorCode = keyof typeof devicesAppErrors;
