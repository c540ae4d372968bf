-- Reconciling a day reads the QR attempts no sale carries that did not succeed (unknown, failed,
-- cancelled: reported as paid_without_order when the channel took the money), by channel and request
-- time (reconciliation-tender.repository.ts saleLessPayments). Without an index that read scans every
-- payment the store ever took, a million a day in the issue 5 benchmark; these attempts are a handful.
CREATE INDEX payment_unsettled ON payment(channel, requested_at) WHERE sale_id IS NULL AND status <> 'succeeded';
