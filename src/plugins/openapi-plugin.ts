// The OpenAPI document generated from the route schemas (/openapi.json) and its reference page (/docs).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const OPENAPI_INFO = {
  title: 'Coopdir',
  version: '1.0.0',
  description:
    'Member directory and profile database of a regional union of Scop and Scic. ' +
    'Errors are RFC 9457 problem+json documents.',
};

/**
 * The zod transform registers every schema with an id (and an "…Input" twin of each) whether an
 * operation refers to it or not; keep only the components something refers to.
 */
function pruneUnusedSchemas<T>(document: T): T {
  const doc = document as { components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas;
  if (!schemas) return document;
  for (;;) {
    const { schemas: _all, ...rest } = doc.components ?? {};
    const text = JSON.stringify({
      ...doc,
      components: { ...rest, schemas: Object.fromEntries(Object.entries(schemas)) },
    });
    const unused = Object.keys(schemas).filter((name) => {
      const ref = `"#/components/schemas/${name}"`;
      const own = JSON.stringify(schemas[name]);
      return text.split(ref).length - 1 === own.split(ref).length - 1;
    });
    if (!unused.length) return document;
    for (const name of unused) delete schemas[name];
  }
}

async function registerOpenapi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      tags: [
        { name: 'cooperatives', description: 'Member profiles' },
        { name: 'reference', description: 'Reference lists for forms and the website' },
        { name: 'api-keys', description: 'API keys (admins)' },
        { name: 'health', description: 'Liveness and readiness probes' },
      ],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API key: advisors and admins write, analysts read everything; no key is the public',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => pruneUnusedSchemas(jsonSchemaTransformObject(document)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export const openapiPlugin = fp(registerOpenapi, { name: 'openapi', fastify: '5.x' });
