// buildApp(): the whole HTTP application, without listening. Tests and server.ts both use it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { createApiKeysRepository } from './auth/auth-keys.js';
import { authPlugin } from './auth/auth-plugin.js';
import { apiKeyRoutes } from './auth/auth-routes.js';
import type { Config } from './config.js';
import { createCooperativesRepository } from './cooperatives/cooperatives-repository.js';
import { cooperativeRoutes } from './cooperatives/cooperatives-routes.js';
import type { Database } from './db/db-client.js';
import { healthRoutes } from './health/health-routes.js';
import { textSafetyPlugin } from './http/http-text.js';
import { errorsPlugin } from './plugins/errors-plugin.js';
import { openapiPlugin } from './plugins/openapi-plugin.js';
import { referenceRoutes } from './reference/reference-routes.js';
import { createTraitsRepository } from './reference/reference-traits.js';
import { searchRoutes } from './search/search-routes.js';
import { type DirectorySearch, startDirectorySearch } from './search/search-sync.js';

export type AppOptions = {
  config: Pick<Config, 'BODY_LIMIT_BYTES' | 'TRUST_PROXY' | 'SEARCH_CACHE_ENTRIES'>;
  db: Database;
  logger: Logger;
  /** The in-memory directory; started (and stopped with the app) when not given. */
  directory?: DirectorySearch;
};

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Reuses a caller's X-Request-Id when it is sane, so one id follows a request across services. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export async function buildApp({ config, db, logger, ...options }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: requestId,
    return503OnClosing: true,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  await app.register(openapiPlugin);

  // zod compilers live in this encapsulated context only: plugins that bring JSON-Schema routes
  // (swagger-ui, later under-pressure and metrics) keep Fastify's own.
  await app.register(async (api) => {
    api.setValidatorCompiler(validatorCompiler);
    api.setSerializerCompiler(serializerCompiler);
    await api.register(textSafetyPlugin);
    await api.register(healthRoutes, { db });

    const keys = createApiKeysRepository(db.prisma);
    const directory =
      options.directory ?? (await startDirectorySearch({ pool: db.pool, url: db.url, logger }));
    if (!options.directory) app.addHook('onClose', () => directory.close());
    const repo = createCooperativesRepository(db.prisma, { onChange: (id) => directory.refresh([id]) });
    await api.register(
      async (v1) => {
        // JSON merge patch (RFC 7396) bodies are JSON.
        v1.addContentTypeParser(
          'application/merge-patch+json',
          { parseAs: 'string' },
          v1.getDefaultJsonParser('error', 'error'),
        );
        await v1.register(authPlugin, { keys });
        await v1.register(cooperativeRoutes, { prefix: '/cooperatives', repo });
        await v1.register(searchRoutes, {
          prefix: '/cooperatives',
          directory,
          pool: db.pool,
          prisma: db.prisma,
          cacheEntries: config.SEARCH_CACHE_ENTRIES,
        });
        await v1.register(referenceRoutes, {
          prefix: '/reference',
          traits: createTraitsRepository(db.prisma),
        });
        await v1.register(apiKeyRoutes, { prefix: '/api-keys', keys });
      },
      { prefix: '/v1' },
    );
  });

  return app;
}
