import type { ErrorCatalogPart } from './error-entry.ts';

/** Errors of device drivers and transports (devices/): printers, scales, displays, scanners. */
export const devicesErrors = {
  DEVICE_UNREACHABLE: {
    status: 503,
    zh: '无法连接设备 {device}：{reason}',
    en: 'Cannot reach device {device}: {reason}',
  },
  DEVICE_NOT_RESPONDING: { status: 504, zh: '设备 {device} 无响应', en: 'Device {device} is not responding' },
  DEVICE_CONNECTION_LOST: { status: 503, zh: '设备 {device} 连接中断', en: 'Connection to device {device} was lost' },
  PRINTER_PAPER_OUT: {
    status: 409,
    zh: '打印机缺纸，请装纸后重试',
    en: 'The printer is out of paper; load paper and retry',
  },
  PRINTER_COVER_OPEN: { status: 409, zh: '打印机上盖未关闭', en: 'The printer cover is open' },
  PRINTER_OFFLINE: { status: 409, zh: '打印机离线', en: 'The printer is offline' },
  PRINTER_ERROR: {
    status: 409,
    zh: '打印机故障（切刀或不可恢复错误）',
    en: 'The printer reports an error (cutter or unrecoverable)',
  },
  PRINTER_JOB_INTERRUPTED: {
    status: 503,
    zh: '打印任务 {jobId} 中断（已发送 {sentBytes}/{totalBytes} 字节），可重新打印',
    en: 'Print job {jobId} was interrupted ({sentBytes}/{totalBytes} bytes sent); it can be printed again',
  },
  SCALE_UNSTABLE: { status: 409, zh: '秤未稳定', en: 'The scale is not stable' },
  SCALE_OVERLOAD: { status: 409, zh: '秤超载', en: 'The scale is overloaded' },
  SCALE_UNDER_ZERO: { status: 409, zh: '秤读数低于零点', en: 'The scale reads below zero' },
  SCALE_COMMAND_REJECTED: { status: 409, zh: '秤拒绝了命令 {command}', en: 'The scale rejected the command {command}' },
} as const satisfies ErrorCatalogPart;

export type DevicesErrorCode = keyof typeof devicesErrors;
