import type { ErrorCatalogPart } from './error-entry.ts';

/** Errors of the HQ uplink: answers to HQ requests and pushes, and the uplink's own state. */
export const uplinkErrors = {
  UPLINK_MALFORMED_JSON: { status: 400, zh: 'HQ 消息不是有效的 JSON', en: 'The HQ message is not valid JSON' },
  UPLINK_INVALID_MESSAGE: {
    status: 400,
    zh: 'HQ 消息无效：{field} {reason}',
    en: 'Invalid HQ message: {field} {reason}',
  },
  UPLINK_UNKNOWN_REQUEST: { status: 400, zh: '未知的 HQ 请求类型：{kind}', en: 'Unknown HQ request kind: {kind}' },
  UPLINK_PUSH_REFUSED: {
    status: 422,
    zh: 'HQ 下发被拒绝，未做任何更改（{count} 处问题）',
    en: 'HQ push refused, nothing changed ({count} problems)',
  },
  UPLINK_PUSH_CONFLICT: {
    status: 409,
    zh: '下发编号 {pushId} 已用于不同的内容',
    en: 'Push id {pushId} was already used for different content',
  },
  UPLINK_NOT_CONFIGURED: {
    status: 503,
    zh: '上行已启用但未配置 HQ 地址（uplink.url）',
    en: 'Uplink enabled but no HQ address configured (uplink.url)',
  },
  UPLINK_TLS_FILE_UNREADABLE: {
    status: 503,
    zh: '无法读取上行 TLS 文件：{file}',
    en: 'Cannot read the uplink TLS file: {file}',
  },
  UPLINK_CONNECTION_FAILED: {
    status: 503,
    zh: '无法连接 HQ 消息服务器：{reason}',
    en: 'Cannot reach the HQ broker: {reason}',
  },
  UPLINK_SUBSCRIBE_REFUSED: {
    status: 503,
    zh: 'HQ 消息服务器拒绝订阅：{reason}',
    en: 'The HQ broker refused a subscription: {reason}',
  },
  UPLINK_PUBLISH_FAILED: { status: 503, zh: '发送到 HQ 失败：{reason}', en: 'Publishing to HQ failed: {reason}' },
} as const satisfies ErrorCatalogPart;
