import type { KeyObject } from 'node:crypto';
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
import { formatDecimalYuan, parseYuan } from '../../../core/money/index.ts';
import { beijingDashed, beijingToIso } from '../beijing-time.ts';
import { parseChannelConfig } from '../channel-config.ts';
import { postText, type PostResult } from '../http-post.ts';
import { safeMessage } from '../redact.ts';
import { privateKeyFrom, publicKeyFrom } from '../rsa-keys.ts';
import { validOrderNo } from '../order-no.ts';
import {
  ALIPAY_BUSINESS_FAILED,
  ALIPAY_REJECTED,
  ALIPAY_SUCCESS,
  ALIPAY_SYSTEM_ERROR,
  ALIPAY_TRADE_HAS_SUCCESS,
  ALIPAY_UNKNOWN,
  ALIPAY_USER_PAYING,
  alipaySubCodes,
} from './alipay.codes.ts';
import { AlipayConfigSchema, type AlipayConfig } from '../../../contracts/payments/alipay-config.schema.ts';
import { extractSignedNode, signAlipayRequest, verifyAlipayNode } from './alipay.signature.ts';

export type AlipayDeps = { readonly now?: () => Date; readonly post?: typeof postText };

type Body = Readonly<Record<string, unknown>>;
type Verified = { readonly ok: true; readonly body: Body } | { readonly ok: false; readonly answer: Unknown };

/** Alipay 当面付 条码支付 over the OpenAPI gateway (alipay.trade.pay / query / cancel / refund). */
export class AlipayChannel implements PaymentChannel {
  readonly channel = 'alipay' as const;
  readonly #config: AlipayConfig;
  readonly #appKey: KeyObject;
  readonly #alipayKey: KeyObject;
  readonly #now: () => Date;
  readonly #post: typeof postText;

  constructor(config: unknown, deps: AlipayDeps = {}) {
    this.#config = parseChannelConfig('alipay', AlipayConfigSchema, config);
    this.#appKey = privateKeyFrom(this.#config.appPrivateKey);
    this.#alipayKey = publicKeyFrom(this.#config.alipayPublicKey);
    this.#now = deps.now ?? (() => new Date());
    this.#post = deps.post ?? postText;
  }

  async pay(req: PayRequest): Promise<ChannelAnswer> {
    if (!validOrderNo('alipay', req.outTradeNo)) return orderNoRejected();
    const v = await this.#call('alipay.trade.pay', {
      out_trade_no: req.outTradeNo,
      scene: 'bar_code',
      auth_code: req.authCode,
      product_code: 'FACE_TO_FACE_PAYMENT',
      subject: req.subject,
      total_amount: formatDecimalYuan(req.amountFen),
      store_id: req.storeId,
      terminal_id: req.terminalId,
    });
    if (!v.ok) return v.answer;
    const b = v.body;
    if (b.code === ALIPAY_SUCCESS) return this.#succeeded(b, req.outTradeNo, req.amountFen, 'gmt_payment');
    if (b.code === ALIPAY_USER_PAYING)
      return { status: 'pending', detail: 'waiting for the customer to confirm (10003)' };
    if (b.code === ALIPAY_BUSINESS_FAILED && b.sub_code === ALIPAY_TRADE_HAS_SUCCESS) return this.query(req);
    return this.#notSuccess(b);
  }

  async query(ref: TradeRef): Promise<ChannelAnswer> {
    const v = await this.#call('alipay.trade.query', { out_trade_no: ref.outTradeNo });
    if (!v.ok) return v.answer;
    const b = v.body;
    if (b.code !== ALIPAY_SUCCESS) return this.#notSuccess(b);
    switch (b.trade_status) {
      // alipay.trade.query trade_status: WAIT_BUYER_PAY / TRADE_CLOSED / TRADE_SUCCESS / TRADE_FINISHED
      case 'TRADE_SUCCESS':
      case 'TRADE_FINISHED':
        return this.#succeeded(b, ref.outTradeNo, undefined, 'send_pay_date');
      case 'WAIT_BUYER_PAY':
        return { status: 'pending', detail: 'WAIT_BUYER_PAY' };
      case 'TRADE_CLOSED':
        return failed('PAYMENT_TRADE_CLOSED', 'TRADE_CLOSED', b.msg);
      default:
        return { status: 'unknown', reason: 'malformed', detail: 'unrecognised trade_status' };
    }
  }

  async cancel(ref: TradeRef): Promise<CancelAnswer> {
    const v = await this.#call('alipay.trade.cancel', { out_trade_no: ref.outTradeNo });
    if (!v.ok) return v.answer;
    const b = v.body;
    // alipay.trade.cancel: retry_flag Y = call again; action close (nothing taken) | refund (money returned)
    if (b.retry_flag === 'Y') return { status: 'retry', detail: `retry_flag=Y (${String(b.sub_code ?? b.code)})` };
    if (b.code === ALIPAY_SUCCESS) return { status: 'cancelled', refunded: b.action === 'refund' };
    const answer = this.#notSuccess(b);
    if (answer.status === 'pending') return { status: 'retry', detail: answer.detail };
    if (answer.status === 'failed' && answer.code === 'PAYMENT_DECLINED')
      return { ...answer, code: 'PAYMENT_CANCEL_REJECTED' };
    return answer;
  }

  async refund(req: RefundRequest): Promise<RefundAnswer> {
    const v = await this.#call('alipay.trade.refund', {
      out_trade_no: req.outTradeNo,
      refund_amount: formatDecimalYuan(req.refundFen),
      out_request_no: req.outRequestNo,
      ...(req.reason !== undefined && { refund_reason: req.reason }),
    });
    if (!v.ok) return v.answer;
    const b = v.body;
    if (b.code === ALIPAY_SUCCESS) {
      // refund_fee is the trade's accumulated refunded amount, not this request's
      const total = typeof b.refund_fee === 'string' ? parseYuan(b.refund_fee) : undefined;
      return {
        status: 'succeeded',
        refundFen: req.refundFen,
        ...(total !== undefined && { totalRefundedFen: total }),
        channelRefundId: req.outRequestNo,
      };
    }
    const answer = this.#notSuccess(b);
    if (answer.status === 'pending')
      return { status: 'unknown', reason: 'malformed', detail: 'refund answered as user paying' };
    if (answer.status === 'failed' && answer.code === 'PAYMENT_DECLINED')
      return { ...answer, code: 'PAYMENT_REFUND_REJECTED' };
    return answer;
  }

  /** Builds the common parameters, signs, POSTs the form and verifies the answer's signature. */
  async #call(method: string, biz: Record<string, string>): Promise<Verified> {
    const params: Record<string, string> = {
      app_id: this.#config.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingDashed(this.#now()),
      version: '1.0',
      biz_content: JSON.stringify(biz),
    };
    if (this.#config.appAuthToken) params.app_auth_token = this.#config.appAuthToken;
    params.sign = signAlipayRequest(params, this.#appKey);
    const result = await this.#post(this.#config.gatewayUrl, new URLSearchParams(params).toString(), {
      contentType: 'application/x-www-form-urlencoded;charset=utf-8',
      timeoutMs: this.#config.timeoutMs,
    });
    return this.#verify(result, `${method.replaceAll('.', '_')}_response`);
  }

  #verify(result: PostResult, node: string): Verified {
    if (!result.ok) return { ok: false, answer: { status: 'unknown', reason: result.reason, detail: result.detail } };
    if (result.status !== 200)
      return { ok: false, answer: { status: 'unknown', reason: 'malformed', detail: `HTTP ${result.status}` } };
    const signed = extractSignedNode(result.text, node);
    if (!signed)
      return { ok: false, answer: { status: 'unknown', reason: 'malformed', detail: `answer has no ${node}` } };
    let body: Body;
    try {
      body = JSON.parse(signed.content) as Body;
    } catch {
      return { ok: false, answer: { status: 'unknown', reason: 'malformed', detail: 'answer is not JSON' } };
    }
    if (verifyAlipayNode(signed, this.#alipayKey)) return { ok: true, body };
    // An unsigned rejection (40001/40002: bad arguments or our signature refused) moved no money;
    // anything else without a valid signature is untrusted.
    if (signed.sign === undefined && ALIPAY_REJECTED.includes(String(body.code))) return { ok: true, body };
    return {
      ok: false,
      answer: { status: 'unknown', reason: 'bad-signature', detail: `${node} signature did not verify` },
    };
  }

  #succeeded(b: Body, outTradeNo: string, expectedFen: number | undefined, timeField: string): ChannelAnswer {
    const amount = typeof b.total_amount === 'string' ? parseYuan(b.total_amount) : undefined;
    const paidAt = typeof b[timeField] === 'string' ? beijingToIso(b[timeField] as string) : undefined;
    if (typeof b.trade_no !== 'string' || amount === undefined || b.out_trade_no !== outTradeNo) {
      return {
        status: 'unknown',
        reason: 'malformed',
        detail: 'success answer lacks trade_no/total_amount or names another order',
      };
    }
    if (expectedFen !== undefined && amount !== expectedFen) {
      return {
        status: 'unknown',
        reason: 'malformed',
        detail: `channel reports ${amount} fen, requested ${expectedFen}`,
      };
    }
    // gmt_payment may be absent on some success answers; the channel's time is preferred when given
    return {
      status: 'succeeded',
      channelTxnId: b.trade_no,
      amountFen: amount,
      paidAt: paidAt ?? this.#now().toISOString(),
    };
  }

  #notSuccess(b: Body): Failed | Unknown | { status: 'pending'; detail: string } {
    const code = String(b.code ?? '');
    const sub = String(b.sub_code ?? '');
    const msg = safeMessage(b.sub_msg ?? b.msg);
    if (code === ALIPAY_USER_PAYING)
      return { status: 'pending', detail: 'waiting for the customer to confirm (10003)' };
    if (code === ALIPAY_UNKNOWN || sub === ALIPAY_SYSTEM_ERROR)
      return { status: 'unknown', reason: 'channel-error', detail: `${code} ${sub} ${msg}`.trim() };
    if (ALIPAY_REJECTED.includes(code)) return failed('PAYMENT_CHANNEL_REJECTED', sub || code, msg);
    if (code === ALIPAY_BUSINESS_FAILED) return failed(alipaySubCodes[sub] ?? 'PAYMENT_DECLINED', sub, msg);
    return { status: 'unknown', reason: 'malformed', detail: `unrecognised code ${code}` };
  }
}

function failed(code: PaymentErrorCode, channelCode: string, message: unknown): Failed {
  return { status: 'failed', code, channelCode, message: safeMessage(message) };
}

function orderNoRejected(): Failed {
  return failed('PAYMENT_ORDER_NO_INVALID', 'LOCAL', 'out_trade_no: up to 64 letters, digits and underscores');
}
