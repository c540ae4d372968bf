import type { ErrorCatalogPart, ErrorEntry } from './error-entry.ts';
import { commonErrors } from './common.errors.ts';
import { staffErrors } from './staff.errors.ts';
import { checkoutErrors } from './checkout.errors.ts';
import { catalogErrors } from './catalog.errors.ts';
import { pricingErrors } from './pricing.errors.ts';
import { paymentsErrors } from './payments.errors.ts';
import { devicesErrors } from './devices.errors.ts';
import { loyaltyErrors } from './loyalty.errors.ts';
import { membersErrors } from './members.errors.ts';
import { paymentsAppErrors } from './payments-app.errors.ts';
import { returnsErrors } from './returns.errors.ts';
import { shiftsErrors } from './shifts.errors.ts';
import { catalogAdminErrors } from './catalog-admin.errors.ts';
import { statementsErrors } from './statements.errors.ts';
import { reconciliationErrors } from './reconciliation.errors.ts';
import { orphanRefundErrors } from './orphan-refund.errors.ts';
import { devicesAppErrors } from './devices-app.errors.ts';
import { uplinkErrors } from './uplink.errors.ts';
import { fissionErrors } from './fission.errors.ts';
import { inventoryErrors } from './inventory.errors.ts';
import { replenishmentErrors } from './replenishment.errors.ts';
import { reportsErrors } from './reports.errors.ts';

/**
 * The one error catalog: each domain contributes its own part; this explicit list joins them
 * (STYLE.md habit 8: registries are explicit arrays). docs/errors.md is kept in sync by a test.
 */
const parts: readonly ErrorCatalogPart[] = [
  commonErrors,
  staffErrors,
  checkoutErrors,
  catalogErrors,
  pricingErrors,
  paymentsErrors,
  devicesErrors,
  loyaltyErrors,
  catalogAdminErrors,
  paymentsAppErrors,
  returnsErrors,
  shiftsErrors,
  statementsErrors,
  reconciliationErrors,
  orphanRefundErrors,
  membersErrors,
  devicesAppErrors,
  uplinkErrors,
  fissionErrors,
  inventoryErrors,
  replenishmentErrors,
  reportsErrors,
];

export const errorCatalog: Readonly<Record<string, ErrorEntry>> = Object.freeze(Object.assign({}, ...parts));

export type Locale = 'zh-CN' | 'en';

export function errorMessage(
  code: string,
  locale: Locale = 'zh-CN',
  params: Readonly<Record<string, string | number>> = {},
): string {
  const entry = errorCatalog[code] ?? errorCatalog.INTERNAL;
  const template = locale === 'en' ? entry.en : entry.zh;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? '' : String(params[name])));
}

export function errorStatus(code: string): number {
  return (errorCatalog[code] ?? errorCatalog.INTERNAL).status;
}
