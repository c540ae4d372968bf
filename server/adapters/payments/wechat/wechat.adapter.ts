import { randomBytes } from 'node:crypto';
import type {
  CancelAnswer,
  ChannelAnswer,
  Failed,
  PayRequest,
  PaymentChannel,
  RefundAnswer,
  RefundRequest,
  TradeRef,
  Unknown,
} from '../../../app/ports/payment-channel.port.ts';
import type { PaymentErrorCode } from '../../../contracts/errors/payments.errors.ts';
import { beijingToIso } from '../beijing-time.ts';
import { parseChannelConfig } from '../channel-config.ts';
import { postText, type TlsClientOptions } from '../http-post.ts';
import { validOrderNo } from '../order-no.ts';
import { safeMessage } from '../redact.ts';
import {
  WECHAT_ORDER_PAID,
  WECHAT_UNKNOWN,
  WECHAT_USER_PAYING,
  wechatPayCodes,
  wechatRefundCodes,
  wechatReverseCodes,
} from './wechat.codes.ts';
import { WechatConfigSchema, type WechatConfig } from '../../../contracts/payments/wechat-config.schema.ts';
import { wechatSign, wechatVerify } from './wechat.signature.ts';
import { parseWechatXml, toWechatXml } from './wechat.xml.ts';

export type WechatDeps = { readonly nonce?: () => string; readonly now?: () => Date; readonly post?: typeof postText };

type Fields = Record<string, string>;
/** A verified answer: return_code SUCCESS and a valid sign, or an (always unsigned) return_code FAIL. */
type Reply = { readonly ok: true; readonly fields: Fields } | { readonly ok: false; readonly answer: Unknown | Failed };

/** WeChat Pay v2 付款码支付: /pay/micropay, /pay/orderquery, /secapi/pay/reverse, /secapi/pay/refund (XML). */
export class WechatChannel implements PaymentChannel {
  readonly channel = 'wechat' as const;
  readonly #config: WechatConfig;
  readonly #nonce: () => string;
  readonly #now: () => Date;
  readonly #post: typeof postText;

  constructor(config: unknown, deps: WechatDeps = {}) {
    this.#config = parseChannelConfig('wechat', WechatConfigSchema, config);
    this.#nonce = deps.nonce ?? (() => randomBytes(16).toString('hex'));
    this.#now = deps.now ?? (() => new Date());
    this.#post = deps.post ?? postText;
  }

  async pay(req: PayRequest): Promise<ChannelAnswer> {
    if (!validOrderNo('wechat', req.outTradeNo)) {
      return failed('PAYMENT_ORDER_NO_INVALID', 'LOCAL', 'out_trade_no: up to 32 of 0-9 A-Z a-z _ - | * @');
    }
    const r = await this.#call('/pay/micropay', {
      device_info: req.terminalId,
      body: req.subject,
      out_trade_no: req.outTradeNo,
      total_fee: String(req.amountFen),
      fee_type: 'CNY',
      spbill_create_ip: this.#config.terminalIp,
      auth_code: req.authCode,
      scene_info: JSON.stringify({ store_info: { id: req.storeId } }),
    });
    if (!r.ok) return r.answer;
    const f = r.fields;
    if (f.result_code === 'SUCCESS') return this.#succeeded(f, req.outTradeNo, req.amountFen);
    if (f.err_code === WECHAT_USER_PAYING) return { status: 'pending', detail: 'USERPAYING' };
    // "商户订单已支付，无需重复操作": the existing trade's state decides
    if (f.err_code === WECHAT_ORDER_PAID) return this.query(req);
    return businessFailure(f, wechatPayCodes);
  }

  async query(ref: TradeRef): Promise<ChannelAnswer> {
    const r = await this.#call('/pay/orderquery', { out_trade_no: ref.outTradeNo });
    if (!r.ok)
      return r.answer.status === 'failed'
        ? { status: 'unknown', reason: 'channel-error', detail: r.answer.message }
        : r.answer;
    const f = r.fields;
    if (f.result_code !== 'SUCCESS') return businessFailure(f, wechatPayCodes);
    switch (f.trade_state) {
      // orderquery trade_state: SUCCESS / REFUND (转入退款: paid, then refunded) / NOTPAY / CLOSED /
      // REVOKED (已撤销, 付款码支付) / USERPAYING / PAYERROR
      case 'SUCCESS':
      case 'REFUND':
        return this.#succeeded(f, ref.outTradeNo, undefined);
      case 'USERPAYING':
      case 'NOTPAY':
        return { status: 'pending', detail: f.trade_state };
      case 'CLOSED':
      case 'REVOKED':
        return failed('PAYMENT_TRADE_CLOSED', f.trade_state, f.trade_state_desc);
      case 'PAYERROR':
        return failed('PAYMENT_DECLINED', f.trade_state, f.trade_state_desc);
      default:
        return { status: 'unknown', reason: 'malformed', detail: 'unrecognised trade_state' };
    }
  }

  async cancel(ref: TradeRef): Promise<CancelAnswer> {
    // The reverse answer does not say whether money had been taken; the trade's state just before does.
    const before = await this.query(ref);
    const r = await this.#call('/secapi/pay/reverse', { out_trade_no: ref.outTradeNo }, this.#tls());
    if (!r.ok) return r.answer;
    const f = r.fields;
    // reverse: recall=Y means "需要继续调用撤销"
    if (f.recall === 'Y') return { status: 'retry', detail: `recall=Y (${f.err_code ?? f.result_code})` };
    if (f.result_code === 'SUCCESS') return { status: 'cancelled', refunded: before.status === 'succeeded' };
    const answer = businessFailure(f, wechatReverseCodes);
    return answer.status === 'pending' ? { status: 'retry', detail: answer.detail } : answer;
  }

  async refund(req: RefundRequest): Promise<RefundAnswer> {
    if (!validOrderNo('wechat', req.outRequestNo))
      return failed('PAYMENT_ORDER_NO_INVALID', 'LOCAL', 'out_refund_no: up to 32 characters');
    const r = await this.#call(
      '/secapi/pay/refund',
      {
        out_trade_no: req.outTradeNo,
        out_refund_no: req.outRequestNo,
        total_fee: String(req.totalFen),
        refund_fee: String(req.refundFen),
        ...(req.reason !== undefined && { refund_desc: req.reason }),
      },
      this.#tls(),
    );
    if (!r.ok) return r.answer;
    const f = r.fields;
    if (f.result_code === 'SUCCESS') {
      if (f.out_refund_no !== req.outRequestNo || f.refund_fee !== String(req.refundFen)) {
        return { status: 'unknown', reason: 'malformed', detail: 'refund answer names another refund or amount' };
      }
      return { status: 'succeeded', refundFen: req.refundFen, ...(f.refund_id && { channelRefundId: f.refund_id }) };
    }
    const answer = businessFailure(f, wechatRefundCodes);
    if (answer.status === 'pending')
      return { status: 'unknown', reason: 'malformed', detail: 'refund answered USERPAYING' };
    if (answer.status === 'failed' && answer.code === 'PAYMENT_DECLINED')
      return { ...answer, code: 'PAYMENT_REFUND_REJECTED' };
    return answer;
  }

  #tls(): TlsClientOptions | undefined {
    const { clientCertPem, clientKeyPem } = this.#config;
    return clientCertPem && clientKeyPem ? { certPem: clientCertPem, keyPem: clientKeyPem } : undefined;
  }

  async #call(path: string, business: Fields, tls?: TlsClientOptions): Promise<Reply> {
    const c = this.#config;
    const fields: Fields = { appid: c.appId, mch_id: c.mchId, nonce_str: this.#nonce(), ...business };
    if (c.subMchId) fields.sub_mch_id = c.subMchId;
    // sign_type is only sent for HMAC-SHA256; MD5 is the default when it is absent
    if (c.signType === 'HMAC-SHA256') fields.sign_type = 'HMAC-SHA256';
    fields.sign = wechatSign(fields, c.apiKey, c.signType);
    const result = await this.#post(`${c.baseUrl}${path}`, toWechatXml(fields), {
      contentType: 'text/xml; charset=utf-8',
      timeoutMs: c.timeoutMs,
      ...(tls && { tls }),
    });
    if (!result.ok) return { ok: false, answer: { status: 'unknown', reason: result.reason, detail: result.detail } };
    if (result.status !== 200)
      return { ok: false, answer: { status: 'unknown', reason: 'malformed', detail: `HTTP ${result.status}` } };
    const answer = parseWechatXml(result.text);
    if (!answer || (answer.return_code !== 'SUCCESS' && answer.return_code !== 'FAIL')) {
      return {
        ok: false,
        answer: { status: 'unknown', reason: 'malformed', detail: 'answer is not a WeChat Pay XML message' },
      };
    }
    // return_code FAIL is a communication-level refusal (签名错误, 参数格式校验错误…): unsigned by
    // design, and nothing was done
    if (answer.return_code === 'FAIL')
      return { ok: false, answer: failed('PAYMENT_CHANNEL_REJECTED', 'FAIL', answer.return_msg) };
    if (!wechatVerify(answer, c.apiKey, c.signType)) {
      return {
        ok: false,
        answer: { status: 'unknown', reason: 'bad-signature', detail: `${path} answer sign did not verify` },
      };
    }
    if (answer.appid !== c.appId || answer.mch_id !== c.mchId) {
      return { ok: false, answer: { status: 'unknown', reason: 'malformed', detail: 'answer names another merchant' } };
    }
    return { ok: true, fields: answer };
  }

  #succeeded(f: Fields, outTradeNo: string, expectedFen: number | undefined): ChannelAnswer {
    const amount = /^\d+$/.test(f.total_fee ?? '') ? Number(f.total_fee) : undefined;
    const paidAt = beijingToIso(f.time_end ?? '');
    if (!f.transaction_id || amount === undefined || f.out_trade_no !== outTradeNo) {
      return {
        status: 'unknown',
        reason: 'malformed',
        detail: 'success answer lacks transaction_id/total_fee or names another order',
      };
    }
    if (expectedFen !== undefined && amount !== expectedFen) {
      return {
        status: 'unknown',
        reason: 'malformed',
        detail: `channel reports ${amount} fen, requested ${expectedFen}`,
      };
    }
    return {
      status: 'succeeded',
      channelTxnId: f.transaction_id,
      amountFen: amount,
      paidAt: paidAt ?? this.#now().toISOString(),
    };
  }
}

function businessFailure(
  f: Fields,
  codes: Readonly<Record<string, PaymentErrorCode>>,
): Failed | Unknown | { status: 'pending'; detail: string } {
  const errCode = f.err_code ?? '';
  if (errCode === WECHAT_USER_PAYING) return { status: 'pending', detail: 'USERPAYING' };
  if (WECHAT_UNKNOWN.includes(errCode))
    return { status: 'unknown', reason: 'channel-error', detail: `${errCode} ${safeMessage(f.err_code_des)}`.trim() };
  return failed(codes[errCode] ?? 'PAYMENT_DECLINED', errCode, f.err_code_des);
}

function failed(code: PaymentErrorCode, channelCode: string, message: unknown): Failed {
  return { status: 'failed', code, channelCode, message: safeMessage(message) };
}
