import { Type, type Static } from '@sinclair/typebox';
import { PricingSettingsSchema } from '../pricing/pricing-request.schema.ts';
import { VariableMeasureLayoutsSchema } from '../../core/catalog/variable-measure-layout.schema.ts';

/**
 * The store's business settings a manager may change at run time (the box's own config file is
 * for the installer). Every key optional in an update; each change is audited with its old and new value.
 */
export const StoreSettingsSchema = Type.Object(
  {
    /** 抹零 of the amount due (pricing step 6); points as cash (step 5) is the loyalty programme's rule */
    rounding: Type.Optional(PricingSettingsSchema.properties.rounding),
    /** how this store's label scales lay out weight/price barcodes (FORMATS.md §8.3) */
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
  },
  { additionalProperties: false },
);
export type StoreSettings = Static<typeof StoreSettingsSchema>;
