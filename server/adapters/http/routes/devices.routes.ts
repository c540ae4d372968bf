import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AgentSightings } from '../../../app/devices/agent-sightings.ts';
import type { DeviceHub } from '../../../app/devices/device-hub.ts';
import type { LaneDevices } from '../../../app/devices/lane-devices.ts';
import { publicDevice, type DevicePairing } from '../../../app/devices/pairing.ts';
import type { PrintQueue } from '../../../app/devices/print-queue.ts';
import {
  AddPrinterBody,
  AnnounceBody,
  ApproveBody,
  CredentialsBody,
  DeviceIdParams,
  JobIdParams,
  LaneIdParams,
  OpenDrawerBody,
  TareBody,
  UpdateDeviceBody,
  type AddPrinterRequest,
  type AnnounceRequest,
  type OpenDrawerRequest,
  type TareRequest,
  type UpdateDeviceRequest,
} from '../../../contracts/devices/device-api.schema.ts';
import { ok } from '../../../core/result.ts';
import type { DeviceRepository } from '../../sqlite/device.repository.ts';
import type { PrintJobRepository } from '../../sqlite/print-job.repository.ts';
import { sendError, sendResult } from '../reply.ts';

export type DeviceRouteDeps = {
  devices: DeviceRepository;
  jobs: PrintJobRepository;
  pairing: DevicePairing;
  hub: DeviceHub;
  printQueue: PrintQueue;
  laneDevices: LaneDevices;
  sightings: AgentSightings;
};

/**
 * /api/v1/devices: agents announce themselves (public, rate-limited per address) and fetch their
 * credentials with a claim token; managers list, approve (with the pairing code), rename, assign,
 * ignore and revoke devices, add network printers, and see and retry print jobs; a supervisor
 * opens a lane's drawer by hand and the lane tares its scale.
 */
export function deviceRoutes(deps: DeviceRouteDeps) {
  const { devices, jobs, pairing, hub, printQueue, laneDevices, sightings } = deps;
  const tags = ['devices'];
  return async (app: FastifyInstance) => {
    app.post<{ Body: AnnounceRequest }>(
      '/api/v1/devices/announce',
      { config: { public: true }, schema: { tags, body: AnnounceBody } },
      async (request, reply) => sendResult(request, reply, pairing.announce(request.body, request.ip)),
    );
    app.post<{ Params: { id: string }; Body: { claimToken: string } }>(
      '/api/v1/devices/:id/credentials',
      { config: { public: true }, schema: { tags, params: DeviceIdParams, body: CredentialsBody } },
      async (request, reply) =>
        sendResult(request, reply, pairing.claimCredentials(request.params.id, request.body.claimToken)),
    );
    app.get('/api/v1/devices', { config: { role: 'manager' }, schema: { tags } }, async () => ({
      ok: true,
      data: devices.list().map((d) => publicDevice(d, hub.isOnline(d.id))),
    }));
    // agents seen over mDNS, also those that have not announced themselves (status `unannounced`)
    app.get('/api/v1/devices/sightings', { config: { role: 'manager' }, schema: { tags } }, async () => ({
      ok: true,
      data: sightings.list(),
    }));
    app.post<{ Params: { id: string }; Body: { code: string; laneId?: string; name?: string } }>(
      '/api/v1/devices/:id/approve',
      { config: { role: 'manager' }, schema: { tags, params: DeviceIdParams, body: ApproveBody } },
      async (request, reply) => {
        const r = pairing.approve(request.session!.username, request.params.id, request.body);
        return sendResult(request, reply, r.ok ? ok(publicDevice(r.value, hub.isOnline(r.value.id))) : r);
      },
    );
    app.patch<{ Params: { id: string }; Body: UpdateDeviceRequest }>(
      '/api/v1/devices/:id',
      { config: { role: 'manager' }, schema: { tags, params: DeviceIdParams, body: UpdateDeviceBody } },
      async (request, reply) => {
        const r = pairing.update(request.session!.username, request.params.id, request.body);
        return sendResult(request, reply, r.ok ? ok(publicDevice(r.value, hub.isOnline(r.value.id))) : r);
      },
    );
    app.post<{ Params: { id: string } }>(
      '/api/v1/devices/:id/revoke',
      { config: { role: 'manager' }, schema: { tags, params: DeviceIdParams } },
      async (request, reply) => {
        const r = pairing.revoke(request.session!.username, request.params.id);
        return sendResult(request, reply, r.ok ? ok(publicDevice(r.value, false)) : r);
      },
    );
    app.post<{ Body: AddPrinterRequest }>(
      '/api/v1/devices/printers',
      { config: { role: 'manager' }, schema: { tags, body: AddPrinterBody } },
      async (request, reply) => {
        const r = pairing.addNetworkPrinter(request.session!.username, request.body);
        return sendResult(request, reply, r.ok ? ok(publicDevice(r.value, undefined)) : r, 201);
      },
    );
    app.get('/api/v1/devices/print-jobs', { config: { role: 'supervisor' }, schema: { tags } }, async () => ({
      ok: true,
      data: jobs.recent(100),
    }));
    app.post<{ Params: { id: string } }>(
      '/api/v1/devices/print-jobs/:id/retry',
      { config: { role: 'supervisor' }, schema: { tags, params: JobIdParams } },
      async (request, reply) => sendResult(request, reply, printQueue.retry(request.params.id)),
    );
    app.post<{ Params: { id: string } }>(
      '/api/v1/devices/print-jobs/:id/discard',
      { config: { role: 'manager' }, schema: { tags, params: JobIdParams } },
      async (request, reply) =>
        sendResult(request, reply, printQueue.discard(request.session!.username, request.params.id)),
    );
    app.post<{ Params: { id: string } }>(
      '/api/v1/devices/receipts/:id/print',
      {
        config: { role: 'cashier' },
        schema: {
          tags,
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'sale id' }) }),
        },
      },
      async (request, reply) => sendResult(request, reply, laneDevices.printReceipt(request.params.id), 202),
    );
    // a drawer opened without a sale is a supervisor's act, audited (docs/devices.md)
    app.post<{ Params: { laneId: string }; Body: OpenDrawerRequest }>(
      '/api/v1/devices/lanes/:laneId/drawer',
      { config: { role: 'supervisor' }, schema: { tags, params: LaneIdParams, body: OpenDrawerBody } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          await laneDevices.openDrawer(request.session!.username, request.params.laneId, request.body?.reason),
        ),
    );
    app.post<{ Params: { laneId: string }; Body: TareRequest }>(
      '/api/v1/devices/lanes/:laneId/tare',
      { config: { role: 'cashier' }, schema: { tags, params: LaneIdParams, body: TareBody } },
      async (request, reply) => {
        // a cashier logged in at a lane tares that lane's scale only
        const session = request.session!;
        if (session.role === 'cashier' && session.laneId !== null && session.laneId !== request.params.laneId)
          return sendError(request, reply, 'AUTH_FORBIDDEN', 'laneId');
        return sendResult(request, reply, await laneDevices.tare(request.params.laneId, request.body.action));
      },
    );
  };
}
