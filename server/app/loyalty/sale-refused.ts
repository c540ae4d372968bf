/**
 * Thrown by a SaleEffect inside the sale transaction when the sale may not commit as priced (the
 * points were spent by another lane a moment ago, the coupon was just used, the stored value is
 * short): the transaction rolls back and the lane answers this code, not an internal error.
 */
export class SaleRefused extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly params: Readonly<Record<string, string | number>> | undefined;
  constructor(code: string, field?: string, params?: Readonly<Record<string, string | number>>) {
    super(code);
    this.code = code;
    this.field = field;
    this.params = params;
  }
}
