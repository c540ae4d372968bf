import { createSign, createVerify } from 'node:crypto';
import type { Fault, Operation } from './behaviours.ts';
import type { SimReply } from './sim-http.ts';
import { SimulatedChannel } from './sim-channel.ts';
import { refundedTotal, SimLedger, type SimTrade } from './sim-ledger.ts';
import { beijing, fenToYuanText, yuanTextToFen } from './sim-money.ts';

export type AlipaySimulatorOptions = {
  readonly appId: string;
  /** The merchant's 应用公钥, to verify requests. */
  readonly merchantPublicKeyPem: string;
  /** The simulated 支付宝私钥, to sign answers (the adapter holds the matching 支付宝公钥). */
  readonly alipayPrivateKeyPem: string;
  readonly now?: () => Date;
};

type Answer = Record<string, string>;

/**
 * Alipay OpenAPI gateway (POST /gateway.do, form-encoded, RSA2) for alipay.trade.pay / query /
 * cancel / refund, with an in-memory order book and scriptable behaviours.
 */
export class AlipaySimulator extends SimulatedChannel<Operation> {
  readonly #options: AlipaySimulatorOptions;

  constructor(options: AlipaySimulatorOptions) {
    const now = options.now ?? (() => new Date());
    super(new SimLedger(now, (seq) => `${beijing(now(), 'compact').slice(0, 8)}22001${String(seq).padStart(15, '0')}`));
    this.#options = options;
  }

  get gatewayUrl(): string {
    return `${this.http.url}/gateway.do`;
  }

  protected handle(path: string, body: string): SimReply {
    const params = Object.fromEntries(new URLSearchParams(body));
    const method = params.method ?? '';
    const node = `${method.replaceAll('.', '_')}_response`;
    if (path !== '/gateway.do') return { status: 404, contentType: 'text/plain', body: 'not found' };
    if (params.app_id !== this.#options.appId)
      return this.#reply(node, rejected('isv.invalid-app-id', '无效的AppID参数'));
    if (params.sign_type !== 'RSA2' || !this.#verify(params)) {
      return this.#reply(
        node,
        rejected('isv.invalid-signature', '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配'),
      );
    }
    let biz: Record<string, string>;
    try {
      biz = JSON.parse(params.biz_content ?? '') as Record<string, string>;
    } catch {
      return this.#reply(node, {
        code: '40002',
        msg: 'Invalid Arguments',
        sub_code: 'isv.invalid-parameter',
        sub_msg: 'biz_content',
      });
    }
    const op = OPS[method];
    if (!op)
      return this.#reply('error_response', {
        code: '40002',
        msg: 'Invalid Arguments',
        sub_code: 'isv.invalid-method',
        sub_msg: '不存在的方法名',
      });
    const fault = this.received(op, biz.out_trade_no ?? '');
    if (fault?.kind === 'system-error') return this.#reply(node, unavailable());
    if (fault?.kind === 'merchant-balance' && op === 'refund')
      return this.#reply(node, business('ACQ.SELLER_BALANCE_NOT_ENOUGH', '卖家余额不足'));
    const { answer, delayMs } = this.#answer(op, biz);
    return { ...this.#reply(node, answer, fault), delayMs: (fault?.kind === 'delay' ? fault.ms : 0) + delayMs };
  }

  #answer(op: Operation, biz: Record<string, string>): { answer: Answer; delayMs: number } {
    const outTradeNo = biz.out_trade_no ?? '';
    if (op === 'pay') return this.#pay(biz);
    if (op === 'query') {
      const t = this.ledger.query(outTradeNo);
      return { answer: t ? queryAnswer(t) : business('ACQ.TRADE_NOT_EXIST', '交易不存在'), delayMs: 0 };
    }
    if (op === 'cancel') {
      const r = this.ledger.cancel(outTradeNo);
      if (r.kind === 'not-found')
        return { answer: { ...business('ACQ.TRADE_NOT_EXIST', '交易不存在'), retry_flag: 'N' }, delayMs: 0 };
      const t = r.trade;
      return {
        answer: {
          ...SUCCESS,
          trade_no: t.channelTxnId,
          out_trade_no: t.outTradeNo,
          retry_flag: 'N',
          action: r.refunded ? 'refund' : 'close',
        },
        delayMs: 0,
      };
    }
    const amount = yuanTextToFen(biz.refund_amount ?? '');
    if (amount === undefined || amount <= 0)
      return {
        answer: {
          code: '40002',
          msg: 'Invalid Arguments',
          sub_code: 'isv.invalid-parameter',
          sub_msg: 'refund_amount',
        },
        delayMs: 0,
      };
    const r = this.ledger.refund(outTradeNo, biz.out_request_no ?? outTradeNo, amount);
    switch (r.kind) {
      case 'not-found':
        return { answer: business('ACQ.TRADE_NOT_EXIST', '交易不存在'), delayMs: 0 };
      case 'not-paid':
        return { answer: business('ACQ.TRADE_STATUS_ERROR', '交易状态不合法'), delayMs: 0 };
      case 'exceeds':
        return { answer: business('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限'), delayMs: 0 };
      default:
        return {
          answer: {
            ...SUCCESS,
            trade_no: r.trade.channelTxnId,
            out_trade_no: r.trade.outTradeNo,
            buyer_logon_id: 'ali***@example.com',
            fund_change: r.repeat ? 'N' : 'Y',
            refund_fee: fenToYuanText(r.refundedTotal),
            gmt_refund_pay: beijing(r.trade.refunds.get(biz.out_request_no ?? outTradeNo)?.at ?? new Date(0), 'dashed'),
          },
          delayMs: 0,
        };
    }
  }

  #pay(biz: Record<string, string>): { answer: Answer; delayMs: number } {
    const amount = yuanTextToFen(biz.total_amount ?? '');
    if (biz.scene !== 'bar_code' || !biz.auth_code || amount === undefined || amount <= 0 || !biz.subject) {
      return {
        answer: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter', sub_msg: '参数无效' },
        delayMs: 0,
      };
    }
    const behaviour = this.ledger.behaviourFor(biz.auth_code);
    const delayMs =
      behaviour.kind === 'slow' ? behaviour.delayMs : behaviour.kind === 'late-success' ? behaviour.hangMs : 0;
    const r = this.ledger.pay({
      outTradeNo: biz.out_trade_no ?? '',
      amountFen: amount,
      authCode: biz.auth_code,
      subject: biz.subject,
    });
    switch (r.kind) {
      case 'success':
        return { answer: paidAnswer(r.trade), delayMs };
      case 'paying':
        return {
          answer: {
            code: '10003',
            msg: ' order success pay inprocess',
            trade_no: r.trade.channelTxnId,
            out_trade_no: r.trade.outTradeNo,
          },
          delayMs,
        };
      case 'declined':
        return { answer: declined(r.reason), delayMs };
      case 'system-error':
        return { answer: unavailable(), delayMs };
      case 'inconsistent':
        return { answer: business('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改'), delayMs: 0 };
      default: {
        // a repeated pay for the same order number answers with the trade's state
        const t = r.trade;
        if (t.status === 'success') return { answer: business('ACQ.TRADE_HAS_SUCCESS', '交易已被支付'), delayMs: 0 };
        if (t.status === 'closed') return { answer: business('ACQ.TRADE_HAS_CLOSE', '交易已经关闭'), delayMs: 0 };
        if (t.status === 'declined') return { answer: declined(t.declineReason ?? 'balance'), delayMs: 0 };
        return {
          answer: {
            code: '10003',
            msg: ' order success pay inprocess',
            trade_no: t.channelTxnId,
            out_trade_no: t.outTradeNo,
          },
          delayMs: 0,
        };
      }
    }
  }

  #verify(params: Record<string, string>): boolean {
    const content = Object.keys(params)
      .filter((k) => k !== 'sign' && params[k] !== '')
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&');
    try {
      return createVerify('SHA256')
        .update(content)
        .verify(this.#options.merchantPublicKeyPem, params.sign ?? '', 'base64');
    } catch {
      return false;
    }
  }

  #reply(node: string, answer: Answer, fault?: Fault): SimReply {
    if (fault?.kind === 'garbage') return { contentType: 'text/html', body: '<html>502 Bad Gateway</html>' };
    const content = JSON.stringify(answer);
    const signed = fault?.kind === 'bad-signature' ? `${content} ` : content;
    const sign = createSign('SHA256').update(signed).sign(this.#options.alipayPrivateKeyPem, 'base64');
    return { contentType: 'text/html;charset=utf-8', body: `{"${node}":${content},"sign":"${sign}"}` };
  }
}

const OPS: Record<string, Operation> = {
  'alipay.trade.pay': 'pay',
  'alipay.trade.query': 'query',
  'alipay.trade.cancel': 'cancel',
  'alipay.trade.refund': 'refund',
};

const SUCCESS = { code: '10000', msg: 'Success' };

function rejected(subCode: string, subMsg: string): Answer {
  return { code: '40002', msg: 'Invalid Arguments', sub_code: subCode, sub_msg: subMsg };
}

function business(subCode: string, subMsg: string): Answer {
  return { code: '40004', msg: 'Business Failed', sub_code: subCode, sub_msg: subMsg };
}

function unavailable(): Answer {
  return { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' };
}

function declined(reason: 'balance' | 'auth-code'): Answer {
  return reason === 'balance'
    ? business('ACQ.BUYER_BALANCE_NOT_ENOUGH', '买家余额不足')
    : business('ACQ.PAYMENT_AUTH_CODE_INVALID', '支付失败，获取顾客账户信息失败，请顾客刷新付款码后重新收款');
}

function paidAnswer(t: SimTrade): Answer {
  return {
    ...SUCCESS,
    trade_no: t.channelTxnId,
    out_trade_no: t.outTradeNo,
    buyer_logon_id: 'ali***@example.com',
    total_amount: fenToYuanText(t.amountFen),
    receipt_amount: fenToYuanText(t.amountFen),
    gmt_payment: beijing(t.paidAt ?? t.createdAt, 'dashed'),
    buyer_user_id: '2088102177846880',
  };
}

function queryAnswer(t: SimTrade): Answer {
  // a fully refunded trade reads TRADE_CLOSED (alipay.trade.query trade_status)
  const status =
    t.status === 'paying'
      ? 'WAIT_BUYER_PAY'
      : t.status === 'success' && refundedTotal(t) < t.amountFen
        ? 'TRADE_SUCCESS'
        : 'TRADE_CLOSED';
  return {
    ...SUCCESS,
    trade_no: t.channelTxnId,
    out_trade_no: t.outTradeNo,
    buyer_logon_id: 'ali***@example.com',
    trade_status: status,
    total_amount: fenToYuanText(t.amountFen),
    ...(t.status === 'success' && { send_pay_date: beijing(t.paidAt ?? t.createdAt, 'dashed') }),
  };
}
