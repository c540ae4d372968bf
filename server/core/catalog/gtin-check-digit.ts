/**
 * GTIN check digit (EAN-13, EAN-8, UPC-A): GS1 General Specifications §7.9.1.
 * Weights 3,1,3,1… from the rightmost data digit; check = (10 − Σ mod 10) mod 10.
 */
export function gtinCheckDigit(dataDigits: string): number {
  let sum = 0;
  for (let i = dataDigits.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (dataDigits.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of an all-digit code is its GTIN check digit. */
export function hasValidGtinCheckDigit(code: string): boolean {
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** Replace the last digit by the correct check digit (used to rebuild a base number). */
export function withGtinCheckDigit(dataDigits: string): string {
  return dataDigits + String(gtinCheckDigit(dataDigits));
}
