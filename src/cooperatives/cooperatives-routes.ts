// /v1/cooperatives: create, read (by id or slug), merge-patch, archive and restore, and history.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, requirePermission } from '../auth/auth-plugin.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { notModified, optionalVersion, requiredVersion } from '../http/http-caching.js';
import { problemResponses } from '../plugins/problem-schema.js';
import { CreateCooperativeBodySchema, PatchCooperativeBodySchema } from './cooperatives-input.js';
import { toPublicCooperative } from './cooperatives-mapping.js';
import { type CooperativesRepository, etagOf } from './cooperatives-repository.js';
import { type Cooperative, CooperativeSchema, CooperativeViewSchema } from './cooperatives-schemas.js';

const IdParamsSchema = z.object({ id: z.uuid('must be a cooperative id (UUID)') });
const IdOrSlugParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(120)
    .describe('The cooperative id (UUID) or its slug')
    .meta({ example: 'menuiserie-dupre' }),
});

export const HistoryEntrySchema = z
  .object({
    id: z.string().describe('Event id'),
    at: z.iso.datetime(),
    action: z.enum(['create', 'update', 'archive', 'restore']),
    actor: z.string(),
    requestId: z.string().nullable(),
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  })
  .meta({ id: 'HistoryEntry' });

const HistoryQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('The nextCursor of the previous page'),
});

const encodeCursor = (id: bigint) =>
  Buffer.from(JSON.stringify({ before: id.toString() })).toString('base64url');
function decodeCursor(cursor: string): bigint {
  try {
    const { before } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { before?: unknown };
    if (typeof before === 'string' && /^\d{1,18}$/.test(before)) return BigInt(before);
  } catch {}
  throw new BadRequestError('cursor is not one this service gave out', [
    { field: 'querystring.cursor', message: 'invalid cursor' },
  ]);
}

export const cooperativeRoutes: FastifyPluginAsyncZod<{ repo: CooperativesRepository }> = async (
  app,
  { repo },
) => {
  const location = (cooperative: Cooperative) => `/v1/cooperatives/${cooperative.id}`;
  const audit = (request: { caller: import('../auth/auth-keys.js').Caller; id: string }) => ({
    caller: request.caller,
    requestId: request.id,
  });

  app.post(
    '',
    {
      schema: {
        tags: ['cooperatives'],
        operationId: 'createCooperative',
        summary: 'Create a member profile (advisors, admins)',
        security: [{ apiKey: [] }],
        body: CreateCooperativeBodySchema,
        response: { 201: CooperativeSchema, ...problemResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      requirePermission(request, 'writeProfiles');
      const created = await repo.create(request.body, audit(request));
      reply.code(201).header('location', location(created)).header('etag', etagOf(created.version, 'full'));
      return created;
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['cooperatives'],
        operationId: 'getCooperative',
        summary: 'One profile, by id or slug: the public view without a key, the full view with one',
        security: [{}, { apiKey: [] }],
        params: IdOrSlugParamsSchema,
        response: {
          200: CooperativeViewSchema,
          304: z.null().describe('Not modified'),
          ...problemResponses(401, 404),
        },
      },
    },
    async (request, reply) => {
      const cooperative = await repo.find(request.params.id);
      const full = can(request.caller, 'readPrivate');
      if (!cooperative || (!full && (!cooperative.published || cooperative.archivedAt))) {
        throw new NotFoundError('No published cooperative has this id or slug.');
      }
      reply.header('vary', 'Authorization');
      reply.header('cache-control', full ? 'private, no-cache' : 'public, max-age=60');
      if (notModified(request, reply, etagOf(cooperative.version, full ? 'full' : 'public'))) return reply;
      return full ? cooperative : toPublicCooperative(cooperative);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['cooperatives'],
        operationId: 'updateCooperative',
        summary: 'Change a profile with a JSON merge patch; If-Match with the current ETag is required',
        description:
          'Fields left out stay as they are, null clears a field. `traits` and `annualFigures` merge key by key ' +
          '(null removes a trait or a year); `contacts` and lists are replaced whole. A stale If-Match gives 412 ' +
          'with the current version; a missing one gives 428.',
        security: [{ apiKey: [] }],
        params: IdParamsSchema,
        headers: z.object({
          'if-match': z.string().optional().describe('The ETag you read, like "v3-full"'),
        }),
        body: PatchCooperativeBodySchema,
        response: {
          200: CooperativeSchema,
          ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 428),
        },
      },
    },
    async (request, reply) => {
      requirePermission(request, 'writeProfiles');
      const updated = await repo.update(
        request.params.id,
        request.body,
        requiredVersion(request),
        audit(request),
      );
      reply.header('etag', etagOf(updated.version, 'full'));
      return updated;
    },
  );

  // Archiving (the member left) and restoring: the same write, one flag apart.
  for (const [method, url, operationId, summary, archived] of [
    [
      'DELETE',
      '/:id',
      'archiveCooperative',
      'Archive a profile (the member left): hidden from the public, kept for advisors, restorable',
      true,
    ],
    ['POST', '/:id/restore', 'restoreCooperative', 'Bring an archived profile back', false],
  ] as const) {
    app.route({
      method,
      url,
      schema: {
        tags: ['cooperatives'],
        operationId,
        summary,
        security: [{ apiKey: [] }],
        params: IdParamsSchema,
        response: { 200: CooperativeSchema, ...problemResponses(400, 401, 403, 404, 412, 428) },
      },
      handler: async (request, reply) => {
        requirePermission(request, 'writeProfiles');
        const result = await repo.setArchived(
          request.params.id,
          archived,
          optionalVersion(request),
          audit(request),
        );
        reply.header('etag', etagOf(result.version, 'full'));
        return result;
      },
    });
  }

  app.get(
    '/:id/history',
    {
      schema: {
        tags: ['cooperatives'],
        operationId: 'getCooperativeHistory',
        summary: 'The audit trail of a profile, newest first (advisors, analysts, admins)',
        security: [{ apiKey: [] }],
        params: IdParamsSchema,
        querystring: HistoryQuerySchema,
        response: {
          200: z.object({ items: z.array(HistoryEntrySchema), nextCursor: z.string().nullable() }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      requirePermission(request, 'readPrivate');
      const { limit, cursor } = request.query;
      if (!(await repo.find(request.params.id))) throw new NotFoundError('No cooperative has this id.');
      const events = await repo.history(request.params.id, {
        limit,
        ...(cursor ? { before: decodeCursor(cursor) } : {}),
      });
      const page = events.slice(0, limit);
      reply.header('cache-control', 'private, no-cache');
      return {
        items: page.map((event) => ({
          id: event.id.toString(),
          at: event.at.toISOString(),
          action: event.action,
          actor: event.actor,
          requestId: event.requestId,
          changes: event.changes as { field: string; before: unknown; after: unknown }[],
        })),
        nextCursor: events.length > limit ? encodeCursor(page.at(-1)!.id) : null,
      };
    },
  );
};
