// /v1/api-keys: admins create (the secret is shown once), list and revoke API keys.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BadRequestError, NotFoundError } from '../errors.js';
import { problemResponses } from '../plugins/problem-schema.js';
import { API_ROLES, type ApiKeyInfo, type ApiKeysRepository } from './auth-keys.js';
import { requirePermission } from './auth-plugin.js';

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(API_ROLES),
    prefix: z.string().describe('The non-secret start of the key, to recognise it'),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

const CreateApiKeyBodySchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    role: z.enum(API_ROLES),
    expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }).nullable().optional(),
  })
  .meta({ id: 'CreateApiKey' });

export function apiKeyView(key: ApiKeyInfo) {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    ...key,
    createdAt: key.createdAt.toISOString(),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    lastUsedAt: iso(key.lastUsedAt),
  };
}

export const apiKeyRoutes: FastifyPluginAsyncZod<{ keys: ApiKeysRepository }> = async (app, { keys }) => {
  app.get(
    '',
    {
      schema: {
        tags: ['api-keys'],
        operationId: 'listApiKeys',
        summary: 'All API keys, without their secrets (admins)',
        security: [{ apiKey: [] }],
        response: { 200: z.object({ items: z.array(ApiKeySchema) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      requirePermission(request, 'administer');
      return { items: (await keys.list()).map(apiKeyView) };
    },
  );

  app.post(
    '',
    {
      schema: {
        tags: ['api-keys'],
        operationId: 'createApiKey',
        summary: 'Create an API key; the secret is in this response only (admins)',
        security: [{ apiKey: [] }],
        body: CreateApiKeyBodySchema,
        response: {
          201: ApiKeySchema.extend({ token: z.string().describe('The secret: store it now') }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      requirePermission(request, 'administer');
      const { name, role, expiresAt } = request.body;
      if (expiresAt && new Date(expiresAt) <= new Date()) {
        throw new BadRequestError('expiresAt is in the past', [
          { field: 'body.expiresAt', message: 'must be in the future' },
        ]);
      }
      const { key, token } = await keys.create({
        name,
        role,
        expiresAt: expiresAt ? new Date(expiresAt) : null,
        createdBy: request.caller.name,
      });
      reply.code(201).header('location', `/v1/api-keys/${key.id}`).header('cache-control', 'no-store');
      return { ...apiKeyView(key), token };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['api-keys'],
        operationId: 'getApiKey',
        summary: 'One API key, without its secret (admins)',
        security: [{ apiKey: [] }],
        params: z.object({ id: z.uuid('must be an API key id (UUID)') }),
        response: { 200: ApiKeySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      requirePermission(request, 'administer');
      const key = await keys.find(request.params.id);
      if (!key) throw new NotFoundError('No API key has this id.');
      return apiKeyView(key);
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['api-keys'],
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key for good (admins)',
        security: [{ apiKey: [] }],
        params: z.object({ id: z.uuid('must be an API key id (UUID)') }),
        response: { 200: ApiKeySchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      requirePermission(request, 'administer');
      const key = await keys.revoke(request.params.id);
      if (!key) throw new NotFoundError('No API key has this id.');
      return apiKeyView(key);
    },
  );
};
