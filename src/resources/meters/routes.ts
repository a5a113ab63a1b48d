import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { noContent } from '../../http/replies.ts';
import { IdParams, ListOf } from '../../http/schemas.ts';
import { CreateMeterRequest, ListMetersQuery, Meter } from './schema.ts';
import * as service from './service.ts';

const tags = ['Meters'];

export const meterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meters',
    { schema: { tags, operationId: 'listMeters', querystring: ListMetersQuery, response: { 200: ListOf(Meter) } } },
    async (request) => ({ items: await service.listMeters(request.ctx, request.query) }),
  );

  app.post(
    '/meters',
    { schema: { tags, operationId: 'createMeter', body: CreateMeterRequest, response: { 201: Meter } } },
    async (request, reply) => reply.code(201).send(await service.createMeter(request.ctx, request.body)),
  );

  app.get(
    '/meters/:id',
    { schema: { tags, operationId: 'getMeter', params: IdParams, response: { 200: Meter } } },
    async (request) => service.getMeter(request.ctx, request.params.id),
  );

  app.delete(
    '/meters/:id',
    { schema: { tags, operationId: 'archiveMeter', params: IdParams } },
    async (request, reply) => {
      await service.setMeterArchived(request.ctx, request.params.id, true);
      return noContent(reply, 204);
    },
  );

  app.post(
    '/meters/:id/unarchive',
    { schema: { tags, operationId: 'unarchiveMeter', params: IdParams } },
    async (request, reply) => {
      await service.setMeterArchived(request.ctx, request.params.id, false);
      return noContent(reply);
    },
  );
};
