import { Type, type Static } from '@sinclair/typebox';
import { PricingSettingsSchema } from '../pricing/pricing-request.schema.ts';
import { VariableMeasureLayoutsSchema } from '../catalog/variable-measure-layout.schema.ts';

/**
 * The store's business settings a manager may change at run time (the box's own config file is
 * for the installer). Every key optional in an update; each change is audited with its old and new value.
 */
export const StoreSettingsSchema = Type.Object(
  {
    /** 抹零 of the amount due (pricing step 6); points as cash (step 5) is the loyalty programme's rule */
    rounding: Type.Optional(PricingSettingsSchema.properties.rounding),
    /** how this store's label scales lay out weight/price barcodes (docs/formats.md §8.3) */
    variableMeasureLayouts: Type.Optional(VariableMeasureLayoutsSchema),
    /** days after a sale within which a return is accepted */
    returnWindowDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    /** store header on receipts */
    receipt: Type.Optional(
      Type.Object(
        {
          address: Type.Optional(Type.String({ maxLength: 100 })),
          phone: Type.Optional(Type.String({ maxLength: 30 })),
          footer: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 5 })),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * who may replace a member's stored-value PIN without the old one (docs/loyalty.md): a supervisor
     * (default) or only a manager; with the old PIN the member changes it at any lane
     */
    storedValuePinReset: Type.Optional(
      // no schema `default`: the validator would write it into every settings change; absent means the default
      Type.Union([Type.Literal('oldPinOrSupervisor'), Type.Literal('oldPinOrManager')], {
        description: 'default oldPinOrSupervisor',
      }),
    ),
    /**
     * a refund above this many fen needs a supervisor, whatever lane or tender (docs/returns.md); absent
     * means 0: every refund above ¥0. A refund to cash or stored value instead of the original tender always does.
     */
    refundSupervisorAboveFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    /**
     * the box's TLS server certificate (HTTPS/WSS, MQTT TLS; docs/devices.md): how long each one lives
     * and how many days before it expires the box reissues it; absent = 90 and 30
     */
    tlsCertificate: Type.Optional(
      Type.Object(
        {
          lifeDays: Type.Integer({ minimum: 7, maximum: 397 }),
          renewBeforeDays: Type.Integer({ minimum: 1, maximum: 180, description: 'less than lifeDays' }),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * a stocktake whose variance on any line is above this (units for counted goods, grams for weighed goods)
     * is posted only by a supervisor or above (docs/inventory.md); absent = 0 and 0: every variance needs one
     */
    stocktakeApproval: Type.Optional(
      Type.Object(
        {
          aboveUnits: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
          aboveGrams: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** a product with stock and no sale for this many days is listed as a slow mover (docs/inventory.md); absent = 30 */
    slowMoverDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    /**
     * replenishment suggestions (docs/replenishment.md); each key absent = its default: service level
     * 9500 bp (95 % no stock-out over the lead time), review period 7 days, history 364 days, slow stock
     * above 90 days of cover, dead stock after 60 days without a sale, lead time 7 days for a product
     * without supply terms
     */
    replenishment: Type.Optional(
      Type.Object(
        {
          serviceLevelBp: Type.Optional(Type.Integer({ minimum: 5000, maximum: 9990 })),
          reviewDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 90 })),
          historyDays: Type.Optional(Type.Integer({ minimum: 7, maximum: 730 })),
          slowCoverDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
          deadAfterDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
          defaultLeadTimeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type StoreSettings = Static<typeof StoreSettingsSchema>;
