import { shiftsRoutes } from '../adapters/http/routes/shifts.routes.ts';
import { ShiftRepository } from '../adapters/sqlite/shift.repository.ts';
import { ShiftService } from '../app/shifts/shift-service.ts';
import type { BoxContext } from './store-context.ts';
import type { Feature } from './feature.ts';

/** Shifts (docs/shifts.md): opening a lane's shift, the cash count and the close. */
export function shiftsFeature(ctx: BoxContext): Feature {
  const shifts = new ShiftService(ctx, new ShiftRepository(ctx.db));
  return { name: 'shifts', routes: [shiftsRoutes(shifts)] };
}
