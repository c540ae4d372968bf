import type { PaymentRecord } from '../ports/payment-store.port.ts';

/** A payment as the lane and the console see it (never the payment code). */
export type PaymentView = {
  paymentId: string;
  channel: PaymentRecord['channel'];
  amountFen: number;
  status: PaymentRecord['status'];
  channelTxnId: string | null;
  errorCode: string | null;
  detail: string | null;
  saleId: string | null;
  orphan: { at: string; reason: string } | null;
};

export function paymentView(p: PaymentRecord): PaymentView {
  return {
    paymentId: p.id,
    channel: p.channel,
    amountFen: p.amountFen,
    status: p.status,
    channelTxnId: p.channelTxnId,
    errorCode: p.errorCode,
    detail: p.detail,
    saleId: p.saleId,
    orphan: p.orphanedAt ? { at: p.orphanedAt, reason: p.orphanReason ?? '' } : null,
  };
}
