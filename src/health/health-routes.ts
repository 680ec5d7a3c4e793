// Liveness (the process answers) and readiness (the database answers) probes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/db-client.js';
import { ServiceUnavailableError } from '../errors.js';
import { problemResponses } from '../plugins/problem-schema.js';

const READY_TIMEOUT_MS = 2_000;

export const LiveSchema = z.object({ status: z.literal('ok') });
export const ReadySchema = z.object({
  status: z.literal('ready'),
  database: z.object({ latencyMs: z.number() }),
});

export const healthRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/health/live',
    {
      schema: {
        tags: ['health'],
        operationId: 'getLiveness',
        summary: 'The process is up',
        response: { 200: LiveSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        operationId: 'getReadiness',
        summary: 'The service can reach its database',
        response: { 200: ReadySchema, ...problemResponses(503) },
      },
    },
    async (request, reply) => {
      const started = performance.now();
      try {
        await withTimeout(db.pool.query('SELECT 1'), READY_TIMEOUT_MS);
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        throw new ServiceUnavailableError('The database does not answer.');
      }
      reply.header('cache-control', 'no-store');
      return {
        status: 'ready' as const,
        database: { latencyMs: Math.round((performance.now() - started) * 10) / 10 },
      };
    },
  );
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
