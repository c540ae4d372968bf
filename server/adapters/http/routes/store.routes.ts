import type { FastifyInstance } from 'fastify';
import type { StoreContext } from '../../../app/store-context.ts';
import { updateStoreSettings } from '../../../app/store/update-store-settings.ts';
import { StoreSettingsSchema, type StoreSettings } from '../../../contracts/store/store-settings.schema.ts';
import { sendResult } from '../reply.ts';

/** GET /api/v1/store (any staff), PUT /api/v1/store/settings (manager; audited). */
export function storeRoutes(ctx: StoreContext, onSettingsChanged: (keys: string[]) => void) {
  return async (app: FastifyInstance) => {
    app.get('/api/v1/store', { schema: { tags: ['store'] } }, async () => {
      const store = ctx.repos.store.get()!;
      return {
        ok: true,
        data: {
          id: store.id,
          boxId: store.boxId,
          nameZh: store.nameZh,
          nameEn: store.nameEn,
          timezone: store.timezone,
          version: ctx.version,
          settings: store.settings,
        },
      };
    });
    app.put<{ Body: StoreSettings }>(
      '/api/v1/store/settings',
      { config: { role: 'manager' }, schema: { tags: ['store'], body: StoreSettingsSchema } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          updateStoreSettings(ctx, request.session!.username, request.body, onSettingsChanged),
        ),
    );
  };
}
