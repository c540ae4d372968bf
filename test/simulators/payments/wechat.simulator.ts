import { createHash, createHmac } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import type { Fault, Operation } from './behaviours.ts';
import type { SimReply } from './sim-http.ts';
import { SimulatedChannel } from './sim-channel.ts';
import { refundedTotal, SimLedger, type SimTrade } from './sim-ledger.ts';
import { beijing } from './sim-money.ts';

export type WechatSimulatorOptions = {
  readonly appId: string;
  readonly mchId: string;
  /** The merchant's API v2 key, shared secret for MD5 / HMAC-SHA256 signs. */
  readonly apiKey: string;
  readonly now?: () => Date;
};

type Fields = Record<string, string>;

const PATHS: Record<string, Operation> = {
  '/pay/micropay': 'pay',
  '/pay/orderquery': 'query',
  '/secapi/pay/reverse': 'cancel',
  '/secapi/pay/refund': 'refund',
};

/**
 * WeChat Pay API v2 付款码支付 endpoints (XML over HTTP). Mutual TLS of /secapi/* is not played:
 * the simulator listens on plain HTTP and the adapter's TLS options are exercised separately.
 */
export class WechatSimulator extends SimulatedChannel<Operation> {
  readonly #options: WechatSimulatorOptions;
  readonly #parser = new XMLParser({ parseTagValue: false });

  constructor(options: WechatSimulatorOptions) {
    const now = options.now ?? (() => new Date());
    super(
      new SimLedger(now, (seq) => `4200001234${beijing(now(), 'compact').slice(0, 8)}${String(seq).padStart(10, '0')}`),
    );
    this.#options = options;
  }

  get baseUrl(): string {
    return this.http.url;
  }

  protected handle(path: string, body: string): SimReply {
    const op = PATHS[path];
    if (!op) return { status: 404, contentType: 'text/plain', body: 'not found' };
    const doc = this.#parser.parse(body) as { xml?: Fields };
    const req = doc.xml;
    if (!req || typeof req !== 'object') return this.#fail('XML格式错误');
    const signType = req.sign_type ?? 'MD5';
    if (signType !== 'MD5' && signType !== 'HMAC-SHA256') return this.#fail('签名类型错误');
    if (req.sign !== sign(req, this.#options.apiKey, signType)) return this.#fail('签名错误');
    if (req.appid !== this.#options.appId || req.mch_id !== this.#options.mchId) {
      return this.#result(req, signType, {
        result_code: 'FAIL',
        err_code: 'APPID_MCHID_NOT_MATCH',
        err_code_des: 'appid和mch_id不匹配',
      });
    }
    const fault = this.received(op, req.out_trade_no ?? '');
    if (fault?.kind === 'system-error') return this.#result(req, signType, systemError());
    if (fault?.kind === 'merchant-balance' && op === 'refund') {
      return this.#result(req, signType, {
        result_code: 'FAIL',
        err_code: 'NOTENOUGH',
        err_code_des: '基本账户余额不足，请充值后重新发起',
      });
    }
    const { fields, delayMs } = this.#answer(op, req);
    const reply = this.#result(req, signType, fields, fault);
    return { ...reply, delayMs: (fault?.kind === 'delay' ? fault.ms : 0) + delayMs };
  }

  #answer(op: Operation, req: Fields): { fields: Fields; delayMs: number } {
    const outTradeNo = req.out_trade_no ?? '';
    if (op === 'pay') return this.#pay(req);
    if (op === 'query') {
      const t = this.ledger.query(outTradeNo);
      if (!t) return { fields: notExist(), delayMs: 0 };
      return {
        fields: {
          result_code: 'SUCCESS',
          ...tradeFields(t),
          trade_state: tradeState(t),
          trade_state_desc: tradeState(t),
        },
        delayMs: 0,
      };
    }
    if (op === 'cancel') {
      const r = this.ledger.cancel(outTradeNo);
      return {
        fields: r.kind === 'not-found' ? { ...notExist(), recall: 'N' } : { result_code: 'SUCCESS', recall: 'N' },
        delayMs: 0,
      };
    }
    const total = Number(req.total_fee);
    const amount = Number(req.refund_fee);
    if (!/^\d+$/.test(req.refund_fee ?? '') || amount <= 0) return { fields: paramError('refund_fee'), delayMs: 0 };
    const existing = this.ledger.get(outTradeNo);
    if (existing && existing.amountFen !== total)
      return { fields: paramError('订单金额或退款金额与之前请求不一致，请核实后再试'), delayMs: 0 };
    const r = this.ledger.refund(outTradeNo, req.out_refund_no ?? '', amount);
    switch (r.kind) {
      case 'not-found':
        return { fields: notExist(), delayMs: 0 };
      case 'not-paid':
        return {
          fields: { result_code: 'FAIL', err_code: 'TRADE_STATE_ERROR', err_code_des: '订单状态错误' },
          delayMs: 0,
        };
      case 'exceeds':
        return {
          fields: { result_code: 'FAIL', err_code: 'REFUND_FEE_INVALID', err_code_des: '累计退款金额大于支付金额' },
          delayMs: 0,
        };
      default: {
        const index = [...r.trade.refunds.keys()].indexOf(req.out_refund_no ?? '');
        const refunded = r.trade.refunds.get(req.out_refund_no ?? '')?.amountFen ?? amount;
        return {
          fields: {
            result_code: 'SUCCESS',
            transaction_id: r.trade.channelTxnId,
            out_trade_no: outTradeNo,
            out_refund_no: req.out_refund_no ?? '',
            refund_id: `50${String(index).padStart(2, '0')}${r.trade.channelTxnId.slice(4)}`,
            refund_fee: String(refunded),
            total_fee: String(r.trade.amountFen),
            cash_fee: String(r.trade.amountFen),
          },
          delayMs: 0,
        };
      }
    }
  }

  #pay(req: Fields): { fields: Fields; delayMs: number } {
    if (
      !req.auth_code ||
      !/^\d+$/.test(req.total_fee ?? '') ||
      Number(req.total_fee) <= 0 ||
      !req.body ||
      !req.spbill_create_ip
    ) {
      return { fields: paramError('缺少参数'), delayMs: 0 };
    }
    const behaviour = this.ledger.behaviourFor(req.auth_code);
    const delayMs =
      behaviour.kind === 'slow' ? behaviour.delayMs : behaviour.kind === 'late-success' ? behaviour.hangMs : 0;
    const r = this.ledger.pay({
      outTradeNo: req.out_trade_no ?? '',
      amountFen: Number(req.total_fee),
      authCode: req.auth_code,
      subject: req.body,
    });
    switch (r.kind) {
      case 'success':
        return { fields: { result_code: 'SUCCESS', ...tradeFields(r.trade) }, delayMs };
      case 'paying':
        return { fields: userPaying(), delayMs };
      case 'declined':
        return { fields: declined(r.reason), delayMs };
      case 'system-error':
        return { fields: systemError(), delayMs };
      case 'inconsistent':
        return {
          fields: { result_code: 'FAIL', err_code: 'OUT_TRADE_NO_USED', err_code_des: '商户订单号重复' },
          delayMs: 0,
        };
      default: {
        const t = r.trade;
        if (t.status === 'success')
          return { fields: { result_code: 'FAIL', err_code: 'ORDERPAID', err_code_des: '订单已支付' }, delayMs: 0 };
        if (t.status === 'closed')
          return { fields: { result_code: 'FAIL', err_code: 'ORDERREVERSED', err_code_des: '订单已撤销' }, delayMs: 0 };
        if (t.status === 'declined') return { fields: declined(t.declineReason ?? 'balance'), delayMs: 0 };
        return { fields: userPaying(), delayMs: 0 };
      }
    }
  }

  /** Communication-level refusal: return_code FAIL, unsigned (as the real API answers a bad sign). */
  #fail(message: string): SimReply {
    return {
      contentType: 'text/xml',
      body: `<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[${message}]]></return_msg></xml>`,
    };
  }

  #result(req: Fields, signType: string, fields: Fields, fault?: Fault): SimReply {
    if (fault?.kind === 'garbage') return { contentType: 'text/html', body: '<html>502 Bad Gateway</html>' };
    const out: Fields = {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: this.#options.appId,
      mch_id: this.#options.mchId,
      nonce_str: createHash('md5').update(`${req.nonce_str}:${Date.now()}`).digest('hex').slice(0, 16),
      ...fields,
    };
    out.sign = sign(out, this.#options.apiKey, signType);
    if (fault?.kind === 'bad-signature')
      out.sign = sign({ ...out, nonce_str: 'tampered' }, this.#options.apiKey, signType);
    const body = Object.entries(out)
      .map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`)
      .join('');
    return { contentType: 'text/xml', body: `<xml>${body}</xml>` };
  }
}

function sign(fields: Fields, key: string, type: string): string {
  const temp = `${Object.keys(fields)
    .filter((k) => k !== 'sign' && fields[k] !== '' && fields[k] !== undefined)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&')}&key=${key}`;
  const hash = type === 'HMAC-SHA256' ? createHmac('sha256', key).update(temp) : createHash('md5').update(temp);
  return hash.digest('hex').toUpperCase();
}

function tradeFields(t: SimTrade): Fields {
  return {
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    is_subscribe: 'N',
    trade_type: 'MICROPAY',
    bank_type: 'CMC',
    fee_type: 'CNY',
    total_fee: String(t.amountFen),
    cash_fee: String(t.amountFen),
    transaction_id: t.channelTxnId,
    out_trade_no: t.outTradeNo,
    time_end: beijing(t.paidAt ?? t.createdAt, 'compact'),
  };
}

function tradeState(t: SimTrade): string {
  if (t.status === 'paying') return 'USERPAYING';
  if (t.status === 'closed') return 'REVOKED';
  if (t.status === 'declined') return 'PAYERROR';
  return refundedTotal(t) > 0 ? 'REFUND' : 'SUCCESS';
}

function notExist(): Fields {
  return { result_code: 'FAIL', err_code: 'ORDERNOTEXIST', err_code_des: '此交易订单号不存在' };
}

function paramError(des: string): Fields {
  return { result_code: 'FAIL', err_code: 'PARAM_ERROR', err_code_des: des };
}

function systemError(): Fields {
  return { result_code: 'FAIL', err_code: 'SYSTEMERROR', err_code_des: '系统超时' };
}

function userPaying(): Fields {
  return { result_code: 'FAIL', err_code: 'USERPAYING', err_code_des: '需要用户输入支付密码' };
}

function declined(reason: 'balance' | 'auth-code'): Fields {
  return reason === 'balance'
    ? { result_code: 'FAIL', err_code: 'NOTENOUGH', err_code_des: '余额不足' }
    : { result_code: 'FAIL', err_code: 'AUTHCODEEXPIRE', err_code_des: '二维码已过期，请用户在微信上刷新后再试' };
}
