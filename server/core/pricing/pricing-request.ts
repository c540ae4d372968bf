import { TypeCompiler } from '@sinclair/typebox/compiler';
import { PricingRequestSchema, type PricingRequest } from '../../contracts/pricing/pricing-request.schema.ts';
import { err, ok, type Result } from '../result.ts';

const checkRequest = TypeCompiler.Compile(PricingRequestSchema);

/** Validate a basket at the edge (lane WebSocket, HTTP): shape, then unique line ids and counted lines of at least one unit. */
export function validatePricingRequest(
  input: unknown,
): Result<PricingRequest, 'PRICING_INVALID_REQUEST' | 'PRICING_DUPLICATE_LINE_ID'> {
  const first = checkRequest.Errors(input).First();
  if (first)
    return err('PRICING_INVALID_REQUEST', first.path || '/', { path: first.path || '/', reason: first.message });
  const request = input as PricingRequest;
  const ids = new Set<string>();
  for (let i = 0; i < request.lines.length; i++) {
    const line = request.lines[i];
    if (ids.has(line.lineId)) return err('PRICING_DUPLICATE_LINE_ID', `/lines/${i}/lineId`, { lineId: line.lineId });
    ids.add(line.lineId);
    if (line.unit === 'each' && line.quantity < 1) {
      return err('PRICING_INVALID_REQUEST', `/lines/${i}/quantity`, {
        path: `/lines/${i}/quantity`,
        reason: 'a counted line needs at least one unit',
      });
    }
  }
  return ok(request);
}
