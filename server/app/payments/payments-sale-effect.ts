import type { PaymentStore } from '../ports/payment-store.port.ts';
import type { SaleEffect } from '../checkout/complete-sale.ts';

/**
 * Inside the sale's transaction: each QR payment is tied to the sale (only a succeeded payment no
 * other sale holds and not declared an orphan can be: otherwise the sale rolls back), and a card
 * tender keeps the terminal's auth code.
 */
export function paymentsSaleEffect(payments: PaymentStore): SaleEffect {
  return {
    name: 'payments',
    apply({ sale, cart }) {
      cart.tenders.forEach((t, i) => {
        const row = sale.tenders[i];
        if (t.kind === 'alipay' || t.kind === 'wechat' || t.kind === 'unionpay') {
          if (!payments.attachToSale(t.paymentId, sale.id, sale.completedAt))
            throw new Error(`payment ${t.paymentId} cannot be attached to sale ${sale.id}`);
        } else if (t.kind === 'card') payments.setCardAuthCode(row.id, t.authCode);
      });
    },
  };
}
