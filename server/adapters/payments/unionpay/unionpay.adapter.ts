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
import { beijingCompact, beijingToIso } from '../beijing-time.ts';
import { parseChannelConfig } from '../channel-config.ts';
import { postText } from '../http-post.ts';
import { validOrderNo } from '../order-no.ts';
import { safeMessage } from '../redact.ts';
import { privateKeyFrom, publicKeyFrom } from '../rsa-keys.ts';
import {
  UP_DUPLICATE,
  UP_NOT_FOUND,
  UP_PROCESSING,
  UP_SUCCESS,
  UP_UNKNOWN,
  upCancelCodes,
  upPayCodes,
  upRefundCodes,
} from './unionpay.codes.ts';
import { UnionpayConfigSchema, type UnionpayConfig } from '../../../contracts/payments/unionpay-config.schema.ts';
import { parseAcpAnswer, unionpaySign, unionpayVerify } from './unionpay.signature.ts';

export type UnionpayDeps = { readonly now?: () => Date; readonly post?: typeof postText };

type Fields = Record<string, string>;
type Reply = { readonly ok: true; readonly fields: Fields } | { readonly ok: false; readonly answer: Unknown };

/** ACP back-end paths (acp_sdk.properties: acpsdk.backTransUrl, acpsdk.singleQueryUrl). */
const BACK_TRANS = '/gateway/api/backTransReq.do';
const SINGLE_QUERY = '/gateway/api/queryTrans.do';

/**
 * UnionPay QR 被扫 (the merchant scans the customer's 云闪付 C2B code) over ACP 5.1.0:
 * consume txnType 01/06, query 00/00, 冲正 99/01, 退货 04/00, bizType 000000, channelType 08.
 */
export class UnionpayChannel implements PaymentChannel {
  readonly channel = 'unionpay' as const;
  readonly #config: UnionpayConfig;
  readonly #key: KeyObject;
  readonly #unionpayKey: KeyObject;
  readonly #now: () => Date;
  readonly #post: typeof postText;

  constructor(config: unknown, deps: UnionpayDeps = {}) {
    this.#config = parseChannelConfig('unionpay', UnionpayConfigSchema, config);
    this.#key = privateKeyFrom(this.#config.signPrivateKey);
    this.#unionpayKey = publicKeyFrom(this.#config.unionpayPublicKey);
    this.#now = deps.now ?? (() => new Date());
    this.#post = deps.post ?? postText;
  }

  async pay(req: PayRequest): Promise<ChannelAnswer> {
    if (!validOrderNo('unionpay', req.outTradeNo))
      return failed('PAYMENT_ORDER_NO_INVALID', 'LOCAL', 'orderId: 8-40 letters and digits');
    const r = await this.#call(BACK_TRANS, {
      txnType: '01',
      txnSubType: '06', // 二维码消费 (merchant scans the C2B code)
      channelType: '08',
      orderId: req.outTradeNo,
      txnTime: beijingCompact(req.requestedAt),
      txnAmt: String(req.amountFen),
      currencyCode: '156',
      qrNo: req.authCode,
      termId: req.terminalId,
      backUrl: this.#config.backUrl,
    });
    if (!r.ok) return r.answer;
    const code = r.fields.respCode ?? '';
    // 00 on a back-end transaction is "accepted"; the trade's own state comes from the query
    if (code === UP_SUCCESS || code === UP_DUPLICATE) return this.#confirm(req, req.amountFen);
    if (code === UP_PROCESSING) return { status: 'pending', detail: `05 ${safeMessage(r.fields.respMsg)}` };
    return outcomeOf(code, r.fields.respMsg, upPayCodes);
  }

  query(ref: TradeRef): Promise<ChannelAnswer> {
    return this.#confirm(ref, undefined);
  }

  async cancel(ref: TradeRef): Promise<CancelAnswer> {
    const before = await this.query(ref);
    const r = await this.#call(BACK_TRANS, {
      txnType: '99', // 冲正: identifies the original by its own orderId + txnTime, no queryId needed
      txnSubType: '01',
      channelType: '08',
      orderId: ref.outTradeNo,
      txnTime: beijingCompact(ref.requestedAt),
    });
    if (!r.ok) return r.answer;
    const code = r.fields.respCode ?? '';
    if (code === UP_SUCCESS) return { status: 'cancelled', refunded: before.status === 'succeeded' };
    if (code === UP_PROCESSING || UP_UNKNOWN.includes(code))
      return { status: 'retry', detail: `${code} ${safeMessage(r.fields.respMsg)}` };
    const answer = outcomeOf(code, r.fields.respMsg, upCancelCodes);
    return answer.status === 'failed' && answer.code === 'PAYMENT_DECLINED'
      ? { ...answer, code: 'PAYMENT_CANCEL_REJECTED' }
      : (answer as Failed | Unknown);
  }

  async refund(req: RefundRequest): Promise<RefundAnswer> {
    if (!validOrderNo('unionpay', req.outRequestNo))
      return failed('PAYMENT_ORDER_NO_INVALID', 'LOCAL', 'refund orderId: 8-40 letters and digits');
    let origQryId = req.channelTxnId;
    if (origQryId === undefined) {
      const trade = await this.query(req);
      if (trade.status !== 'succeeded')
        return trade.status === 'pending' ? failed('PAYMENT_REFUND_REJECTED', 'LOCAL', 'trade not paid') : trade;
      origQryId = trade.channelTxnId;
    }
    const refundRef = { outTradeNo: req.outRequestNo, requestedAt: req.refundRequestedAt };
    const r = await this.#call(BACK_TRANS, {
      txnType: '04', // 退货: partial amounts allowed, the sum may not exceed the original
      txnSubType: '00',
      channelType: '08',
      orderId: req.outRequestNo,
      txnTime: beijingCompact(req.refundRequestedAt),
      txnAmt: String(req.refundFen),
      currencyCode: '156',
      origQryId,
      backUrl: this.#config.backUrl,
    });
    if (!r.ok) return r.answer;
    const code = r.fields.respCode ?? '';
    if (code === UP_SUCCESS)
      return {
        status: 'succeeded',
        refundFen: req.refundFen,
        ...(r.fields.queryId && { channelRefundId: r.fields.queryId }),
      };
    // a retried refund (same orderId) is 重复交易: the refund's own query tells what became of it
    const answer =
      code === UP_DUPLICATE
        ? await this.#confirm(refundRef, req.refundFen)
        : outcomeOf(code, r.fields.respMsg, upRefundCodes);
    switch (answer.status) {
      case 'succeeded':
        return { status: 'succeeded', refundFen: req.refundFen, channelRefundId: answer.channelTxnId };
      case 'pending':
        return { status: 'unknown', reason: 'channel-error', detail: answer.detail };
      case 'failed':
        return answer.code === 'PAYMENT_DECLINED' ? { ...answer, code: 'PAYMENT_REFUND_REJECTED' } : answer;
      default:
        return answer;
    }
  }

  /** Single query of a transaction by orderId + txnTime: respCode is the query's, origRespCode the trade's. */
  async #confirm(ref: TradeRef, expectedFen: number | undefined): Promise<ChannelAnswer> {
    const r = await this.#call(SINGLE_QUERY, {
      txnType: '00',
      txnSubType: '00',
      orderId: ref.outTradeNo,
      txnTime: beijingCompact(ref.requestedAt),
    });
    if (!r.ok) return r.answer;
    const f = r.fields;
    if (f.respCode === UP_NOT_FOUND) return failed('PAYMENT_TRADE_NOT_FOUND', UP_NOT_FOUND, f.respMsg);
    if (f.respCode !== UP_SUCCESS) return outcomeOf(f.respCode ?? '', f.respMsg, upPayCodes);
    const orig = f.origRespCode ?? '';
    if (orig === UP_PROCESSING) return { status: 'pending', detail: `05 ${safeMessage(f.origRespMsg)}` };
    if (orig !== UP_SUCCESS) return outcomeOf(orig, f.origRespMsg, upPayCodes);
    const amount = /^\d+$/.test(f.txnAmt ?? '') ? Number(f.txnAmt) : undefined;
    if (!f.queryId || amount === undefined || f.orderId !== ref.outTradeNo) {
      return {
        status: 'unknown',
        reason: 'malformed',
        detail: 'query answer lacks queryId/txnAmt or names another order',
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
      channelTxnId: f.queryId,
      amountFen: amount,
      paidAt: beijingToIso(f.txnTime ?? '') ?? this.#now().toISOString(),
    };
  }

  async #call(path: string, business: Fields): Promise<Reply> {
    const c = this.#config;
    const fields: Fields = {
      version: '5.1.0',
      encoding: 'UTF-8',
      signMethod: '01',
      bizType: '000000',
      accessType: '0',
      merId: c.merId,
      certId: c.signCertId,
      ...business,
    };
    fields.signature = unionpaySign(fields, this.#key);
    const result = await this.#post(`${c.gatewayUrl}${path}`, new URLSearchParams(fields).toString(), {
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
      timeoutMs: c.timeoutMs,
    });
    if (!result.ok) return { ok: false, answer: { status: 'unknown', reason: result.reason, detail: result.detail } };
    if (result.status !== 200)
      return { ok: false, answer: { status: 'unknown', reason: 'malformed', detail: `HTTP ${result.status}` } };
    const answer = parseAcpAnswer(result.text.trim());
    if (!answer || !answer.respCode)
      return { ok: false, answer: { status: 'unknown', reason: 'malformed', detail: 'answer is not an ACP message' } };
    if (!unionpayVerify(answer, this.#unionpayKey)) {
      return {
        ok: false,
        answer: { status: 'unknown', reason: 'bad-signature', detail: `${path} answer signature did not verify` },
      };
    }
    if (answer.merId !== undefined && answer.merId !== c.merId) {
      return { ok: false, answer: { status: 'unknown', reason: 'malformed', detail: 'answer names another merchant' } };
    }
    return { ok: true, fields: answer };
  }
}

function outcomeOf(
  code: string,
  message: unknown,
  codes: Readonly<Record<string, PaymentErrorCode>>,
): Failed | Unknown {
  if (UP_UNKNOWN.includes(code))
    return { status: 'unknown', reason: 'channel-error', detail: `${code} ${safeMessage(message)}` };
  return failed(codes[code] ?? 'PAYMENT_DECLINED', code, message);
}

function failed(code: PaymentErrorCode, channelCode: string, message: unknown): Failed {
  return { status: 'failed', code, channelCode, message: safeMessage(message) };
}
