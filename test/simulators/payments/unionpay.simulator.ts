import { createHash, createSign, createVerify } from 'node:crypto';
import type { Fault, Operation } from './behaviours.ts';
import type { SimReply } from './sim-http.ts';
import { SimulatedChannel } from './sim-channel.ts';
import { SimLedger } from './sim-ledger.ts';
import { beijing } from './sim-money.ts';

export type UnionpaySimulatorOptions = {
  readonly merId: string;
  /** The merchant signing certificate: its public key and certId (decimal serial). */
  readonly merchantPublicKeyPem: string;
  readonly merchantCertId: string;
  /** UnionPay's answer-signing key (the adapter pins the matching public key). */
  readonly unionpayPrivateKeyPem: string;
  readonly now?: () => Date;
};

type Fields = Record<string, string>;
type RefundTxn = {
  readonly orderId: string;
  readonly txnTime: string;
  readonly queryId: string;
  readonly amountFen: number;
};

const OK_MSG = '成功[0000000]';

/**
 * UnionPay ACP 5.1.0 back-end gateway for 二维码被扫: backTransReq.do (consume 01/06, 冲正 99,
 * 退货 04) and queryTrans.do. Form-encoded requests, raw `k=v&…` answers, RSA-SHA256 over the
 * SHA-256 hex of the sorted pairs. The answer's signPubKeyCert is not sent (the adapter pins the key).
 */
export class UnionpaySimulator extends SimulatedChannel<Operation> {
  readonly #options: UnionpaySimulatorOptions;
  readonly #now: () => Date;
  readonly #refunds = new Map<string, RefundTxn>();
  #refundSeq = 0;

  constructor(options: UnionpaySimulatorOptions) {
    const now = options.now ?? (() => new Date());
    super(new SimLedger(now, (seq) => `${beijing(now(), 'compact')}${String(seq).padStart(7, '0')}`));
    this.#options = options;
    this.#now = now;
  }

  get gatewayUrl(): string {
    return this.http.url;
  }

  protected handle(path: string, body: string): SimReply {
    const req = Object.fromEntries(new URLSearchParams(body));
    const echo: Fields = pick(req, [
      'version',
      'encoding',
      'bizType',
      'txnType',
      'txnSubType',
      'accessType',
      'merId',
      'orderId',
      'txnTime',
      'signMethod',
    ]);
    if (req.certId !== this.#options.merchantCertId || !this.#verify(req))
      return this.#reply({ ...echo, respCode: '11', respMsg: '验证签名失败' });
    if (req.merId !== this.#options.merId) return this.#reply({ ...echo, respCode: '31', respMsg: '商户状态不正确' });
    const op: Operation | undefined =
      path === '/gateway/api/queryTrans.do'
        ? 'query'
        : path !== '/gateway/api/backTransReq.do'
          ? undefined
          : req.txnType === '01'
            ? 'pay'
            : req.txnType === '99'
              ? 'cancel'
              : req.txnType === '04'
                ? 'refund'
                : undefined;
    if (!op) return this.#reply({ ...echo, respCode: '10', respMsg: '报文格式错误' });
    const fault = this.received(op, req.orderId ?? '');
    if (fault?.kind === 'system-error') return this.#reply({ ...echo, respCode: '04', respMsg: '交易状态未明' });
    if (fault?.kind === 'merchant-balance' && op === 'refund')
      return this.#reply({ ...echo, respCode: '01', respMsg: '交易失败' });
    const { fields, delayMs } = this.#answer(op, req);
    return {
      ...this.#reply({ ...echo, ...fields }, fault),
      delayMs: (fault?.kind === 'delay' ? fault.ms : 0) + delayMs,
    };
  }

  #answer(op: Operation, req: Fields): { fields: Fields; delayMs: number } {
    const orderId = req.orderId ?? '';
    if (op === 'pay') return this.#pay(req);
    if (op === 'query') return { fields: this.#query(orderId, req.txnTime ?? ''), delayMs: 0 };
    if (op === 'cancel') {
      const t = this.ledger.get(orderId);
      if (!t || t.extra.txnTime !== req.txnTime) return { fields: notFound(), delayMs: 0 };
      this.ledger.cancel(orderId);
      return { fields: { respCode: '00', respMsg: OK_MSG }, delayMs: 0 };
    }
    if (this.#refunds.has(orderId) || this.ledger.get(orderId))
      return { fields: { respCode: '12', respMsg: '重复交易' }, delayMs: 0 };
    const trade = this.trades().find((t) => t.channelTxnId === req.origQryId);
    const amount = Number(req.txnAmt);
    if (!trade) return { fields: { respCode: '35', respMsg: '原交易不存在或状态不正确' }, delayMs: 0 };
    if (!/^\d+$/.test(req.txnAmt ?? '') || amount <= 0)
      return { fields: { respCode: '13', respMsg: '报文交易要素缺失[txnAmt]' }, delayMs: 0 };
    const r = this.ledger.refund(trade.outTradeNo, orderId, amount);
    if (r.kind === 'exceeds') return { fields: { respCode: '36', respMsg: '退货金额超限' }, delayMs: 0 };
    if (r.kind !== 'ok') return { fields: { respCode: '35', respMsg: '原交易不存在或状态不正确' }, delayMs: 0 };
    const queryId = `${beijing(this.#now(), 'compact')}9${String(++this.#refundSeq).padStart(6, '0')}`;
    this.#refunds.set(orderId, { orderId, txnTime: req.txnTime ?? '', queryId, amountFen: amount });
    return {
      fields: { respCode: '00', respMsg: OK_MSG, queryId, txnAmt: String(amount), origQryId: trade.channelTxnId },
      delayMs: 0,
    };
  }

  #pay(req: Fields): { fields: Fields; delayMs: number } {
    if (
      req.txnSubType !== '06' ||
      !req.qrNo ||
      !/^\d+$/.test(req.txnAmt ?? '') ||
      Number(req.txnAmt) <= 0 ||
      !req.txnTime
    ) {
      return { fields: { respCode: '13', respMsg: '报文交易要素缺失' }, delayMs: 0 };
    }
    const behaviour = this.ledger.behaviourFor(req.qrNo);
    const delayMs =
      behaviour.kind === 'slow' ? behaviour.delayMs : behaviour.kind === 'late-success' ? behaviour.hangMs : 0;
    const r = this.ledger.pay({
      outTradeNo: req.orderId ?? '',
      amountFen: Number(req.txnAmt),
      authCode: req.qrNo,
      subject: '',
      extra: { txnTime: req.txnTime },
    });
    switch (r.kind) {
      case 'success':
        return { fields: { respCode: '00', respMsg: OK_MSG }, delayMs };
      case 'paying':
        return { fields: { respCode: '05', respMsg: '交易已受理，请稍后查询交易结果' }, delayMs };
      case 'declined':
        return { fields: declined(r.reason), delayMs };
      case 'system-error':
        return { fields: { respCode: '04', respMsg: '交易状态未明' }, delayMs };
      default:
        return { fields: { respCode: '12', respMsg: '重复交易' }, delayMs: 0 };
    }
  }

  #query(orderId: string, txnTime: string): Fields {
    const refund = this.#refunds.get(orderId);
    if (refund) {
      if (refund.txnTime !== txnTime) return notFound();
      return {
        respCode: '00',
        respMsg: OK_MSG,
        origRespCode: '00',
        origRespMsg: OK_MSG,
        queryId: refund.queryId,
        txnAmt: String(refund.amountFen),
      };
    }
    const t = this.ledger.query(orderId);
    if (!t || t.extra.txnTime !== txnTime) return notFound();
    const base: Fields = {
      respCode: '00',
      respMsg: OK_MSG,
      queryId: t.channelTxnId,
      txnAmt: String(t.amountFen),
      traceTime: beijing(t.createdAt, 'compact').slice(4),
    };
    if (t.status === 'paying') return { ...base, origRespCode: '05', origRespMsg: '交易已受理' };
    if (t.status === 'declined') return { ...base, ...orig(declined(t.declineReason ?? 'balance')) };
    if (t.status === 'closed') return { ...base, origRespCode: '01', origRespMsg: '交易已冲正' };
    return {
      ...base,
      origRespCode: '00',
      origRespMsg: OK_MSG,
      settleAmt: String(t.amountFen),
      settleCurrencyCode: '156',
    };
  }

  #verify(req: Fields): boolean {
    try {
      return createVerify('RSA-SHA256')
        .update(digest(req))
        .verify(this.#options.merchantPublicKeyPem, req.signature ?? '', 'base64');
    } catch {
      return false;
    }
  }

  #reply(fields: Fields, fault?: Fault): SimReply {
    if (fault?.kind === 'garbage') return { contentType: 'text/html', body: '<html>502 Bad Gateway</html>' };
    const signed = fault?.kind === 'bad-signature' ? { ...fields, respMsg: `${fields.respMsg}!` } : fields;
    const signature = createSign('RSA-SHA256')
      .update(digest(signed))
      .sign(this.#options.unionpayPrivateKeyPem, 'base64');
    const body = Object.entries({ ...fields, signature })
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    return { contentType: 'text/plain;charset=UTF-8', body };
  }
}

function digest(fields: Fields): string {
  const text = Object.keys(fields)
    .filter((k) => k !== 'signature' && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  return createHash('sha256').update(text).digest('hex');
}

function pick(from: Fields, keys: string[]): Fields {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
}

function notFound(): Fields {
  return { respCode: '34', respMsg: '查无此交易' };
}

function declined(reason: 'balance' | 'auth-code'): Fields {
  return reason === 'balance'
    ? { respCode: '64', respMsg: '卡上的余额不足' }
    : { respCode: '44', respMsg: '输入号码错误' };
}

function orig(f: Fields): Fields {
  return { origRespCode: f.respCode ?? '', origRespMsg: f.respMsg ?? '' };
}
