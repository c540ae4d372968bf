/** Request bodies several route-level tests (test/routes/) share. */

/** A coupon template 满30减5, one per member and sale. */
export const wakeUpTemplate = (id: string) => ({
  id,
  name: '唤醒券 满30减5',
  effect: { kind: 'amount-off', amountFen: 500, thresholdFen: 3000 },
  scope: { categoryPaths: [], skus: [] },
  validity: { kind: 'relative', days: 14, startsAfterDays: 0 },
  perSaleLimit: 1,
  perMemberLimit: 1,
  restorePolicy: 'full-refund',
});
