import type { Fen } from '../money/index.ts';
import type { StatementChannel } from './statement-row.ts';

/** Our side of a refund of a tender: `refundId` is the out_request_no / out_refund_no sent to the channel. */
export type ReconRefund = {
  readonly refundId: string;
  readonly amountFen: Fen;
  readonly businessDate: string;
};

export type TenderStatus = 'succeeded' | 'unknown' | 'failed' | 'cancelled';

/** Our side of a channel payment, as the sale recorded it. `tenderId` is the merchant order number sent to the channel. */
export type ReconTender = {
  readonly tenderId: string;
  readonly channel: StatementChannel;
  readonly saleId: string;
  readonly amountFen: Fen;
  readonly status: TenderStatus;
  readonly businessDate: string;
  readonly channelTxnId?: string;
  readonly refunds: readonly ReconRefund[];
};
