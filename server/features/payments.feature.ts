import { paymentsRoutes } from '../adapters/http/routes/payments.routes.ts';
import { createPaymentChannels } from '../adapters/payments/payment-channels.ts';
import { PaymentRepository } from '../adapters/sqlite/payment.repository.ts';
import { paymentsSaleEffect } from '../app/payments/payments-sale-effect.ts';
import { QrPayments } from '../app/payments/qr-payments.ts';
import type { PaymentChannel } from '../app/ports/payment-channel.port.ts';
import type { BoxContext } from './store-context.ts';
import type { Feature } from './feature.ts';

export type PaymentsFeature = Feature & {
  readonly payments: QrPayments;
  readonly paymentRepo: PaymentRepository;
  readonly channels: readonly PaymentChannel[];
};

/** QR payments (docs/payments.md): the channels, settling pending payments, and the tender rows of a sale. */
export function paymentsFeature(ctx: BoxContext): PaymentsFeature {
  const { config } = ctx;
  const paymentRepo = new PaymentRepository(ctx.db);
  const channels = createPaymentChannels(config.payments);
  const payments = new QrPayments(ctx, paymentRepo, channels, {
    settle: {
      deadlineMs: config.payments.deadlineMs,
      firstDelayMs: config.payments.firstQueryDelayMs,
      maxDelayMs: config.payments.maxQueryDelayMs,
      backoffPercent: 150,
      maxCancelAttempts: config.payments.maxCancelAttempts,
    },
    recoveryIntervalMs: config.payments.recoveryIntervalSeconds * 1000,
  });
  return {
    name: 'payments',
    payments,
    paymentRepo,
    channels,
    services: [payments],
    routes: [paymentsRoutes(payments, paymentRepo)],
    saleEffects: [paymentsSaleEffect(paymentRepo)],
  };
}
