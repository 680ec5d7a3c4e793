// GET /v1/cooperatives: the one search-and-filter endpoint behind the website's directory, the
// advisors' lookups and (next) the analysts' exports.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { can } from '../auth/auth-plugin.js';
import { listCooperatives } from '../cooperatives/cooperatives-list.js';
import { toPublicCooperative } from '../cooperatives/cooperatives-mapping.js';
import { CooperativeViewSchema } from '../cooperatives/cooperatives-schemas.js';
import { BadRequestError } from '../errors.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { notModified } from '../http/http-caching.js';
import { problemResponses } from '../plugins/problem-schema.js';
import { createFacetLabels, labelFacets } from './search-facets.js';
import { highlightFields } from './search-highlight.js';
import { FACETS, PRIVATE_FACETS, PRIVATE_PARAMETERS, SearchQuerystringSchema } from './search-params.js';
import { type CursorPosition, runSearch, type Viewer } from './search-query.js';
import type { DirectorySearch } from './search-sync.js';

const FacetCountSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int() });

export const SearchResponseSchema = z
  .object({
    total: z.number().int().describe('Exact number of matching profiles'),
    limit: z.number().int(),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
    hits: z.array(
      z.object({
        cooperative: CooperativeViewSchema,
        highlights: z
          .record(z.string(), z.string())
          .describe('Matched words of text fields in <mark>, the rest HTML-escaped: safe to insert as HTML'),
        distanceKm: z.number().nullable().describe('Distance from near, in km'),
      }),
    ),
    facets: z
      .partialRecord(z.enum(FACETS), z.array(FacetCountSchema))
      .describe('Counts per value; each facet ignores its own filter'),
    didYouMean: z.string().nullable().describe('A corrected query when the words themselves found nothing'),
  })
  .meta({ id: 'SearchResults' });

/** A digest of the query without paging: a cursor only continues the search it came from. */
function queryKey(query: Record<string, unknown>): string {
  const { cursor: _cursor, limit: _limit, ...rest } = query;
  const canonical = Object.keys(rest)
    .sort()
    .map((key) => [key, rest[key]]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 16);
}

function encodeCursor(position: CursorPosition, key: string): string {
  return Buffer.from(JSON.stringify({ ...position, k: key })).toString('base64url');
}

function decodeCursor(cursor: string, key: string): CursorPosition {
  const fail = (message: string) =>
    new BadRequestError(`cursor: ${message}`, [{ field: 'querystring.cursor', message }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fail('is not a cursor this service gave out');
  }
  const shape = z
    .object({
      value: z.union([z.number(), z.string(), z.null()]),
      name: z.string(),
      id: z.string(),
      k: z.string(),
    })
    .strict()
    .safeParse(parsed);
  if (!shape.success) throw fail('is not a cursor this service gave out');
  if (shape.data.k !== key) throw fail('belongs to another search: keep the same parameters when paging');
  return { value: shape.data.value, name: shape.data.name, id: shape.data.id };
}

export const searchRoutes: FastifyPluginAsyncZod<{
  directory: DirectorySearch;
  pool: pg.Pool;
  prisma: PrismaClient;
  cacheEntries: number;
}> = async (app, { directory, pool, prisma, cacheEntries }) => {
  const facetLabels = createFacetLabels(prisma);
  // Whole responses per (index state, viewer, URL): the widget's first screen and the prefixes people
  // type come back again and again, and the data changes a few times a day. 0 entries: no cache.
  const responses = new Map<string, string>();
  const remember = (key: string, body: string) => {
    if (cacheEntries === 0 || body.length > 128 * 1024) return;
    responses.set(key, body);
    if (responses.size > cacheEntries) responses.delete(responses.keys().next().value!);
  };

  app.get(
    '',
    {
      // The response schema documents the result; hits are built from the field classification
      // (toPublicCooperative) already, so a page of full profiles is not validated field by field again.
      serializerCompiler: () => (data) => (typeof data === 'string' ? data : JSON.stringify(data)),
      schema: {
        tags: ['cooperatives'],
        operationId: 'searchCooperatives',
        summary: 'Search and filter the directory, with facet counts',
        security: [{}, { apiKey: [] }],
        description:
          'Without a key: published profiles and public fields only, facet counts over those only. Repeatable ' +
          'parameters mean "any of" (repeat them or separate values with commas), except traits, which must all hold. ' +
          'Unknown parameters are refused.',
        querystring: SearchQuerystringSchema,
        response: {
          200: SearchResponseSchema,
          304: z.null().describe('Not modified'),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const viewer: Viewer = can(request.caller, 'readPrivate') ? 'private' : 'public';
      if (viewer === 'public') {
        const used = PRIVATE_PARAMETERS.filter((name) => query[name] !== undefined);
        const facets = (query.facets ?? []).filter((facet) => PRIVATE_FACETS.includes(facet));
        const problems = [
          ...used.map((name) => ({
            field: `querystring.${name}`,
            message: 'is only for advisors and analysts (send an API key)',
          })),
          ...facets.map((facet) => ({
            field: 'querystring.facets',
            message: `${facet} is only for advisors and analysts`,
          })),
        ];
        if (problems.length)
          throw new BadRequestError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
      }
      const index = directory.index;
      const key = queryKey(request.query as Record<string, unknown>);
      const cursor = query.cursor ? decodeCursor(query.cursor, key) : undefined;

      reply.header('vary', 'Authorization');
      reply.header('cache-control', viewer === 'public' ? 'public, max-age=30' : 'private, no-cache');
      const etag = `"d${index.id}.${index.version}-${viewer}-${createHash('sha256').update(request.url).digest('base64url').slice(0, 16)}"`;
      if (notModified(request, reply, etag)) return reply;

      const cacheKey = `${index.id}:${index.version}:${viewer}:${request.url}`;
      const cached = responses.get(cacheKey);
      if (cached !== undefined) return reply.type('application/json; charset=utf-8').send(cached as never); // already serialised

      const result = runSearch(index, query, viewer, cursor);
      const page = result.rows.slice(0, query.limit);
      // Read before awaiting: the index may change while the page is fetched.
      const last = page.at(-1);
      const nextCursor =
        result.rows.length > query.limit && last !== undefined
          ? encodeCursor(
              {
                value: result.values[page.length - 1] ?? null,
                name: index.nameNorm[last]!,
                id: index.ids[last]!,
              },
              key,
            )
          : null;
      const pageIds = page.map((row) => index.ids[row]!);
      const distances = page.map((row) =>
        query.near ? Math.round(result.distances[row]! * 100) / 100 : null,
      );
      const [profiles, labels] = await Promise.all([
        listCooperatives(pool, pageIds),
        result.facets && Object.keys(result.facets).length
          ? facetLabels()
          : Promise.resolve({ traits: new Map(), advisors: new Map() }),
      ]);
      const byId = new Map(profiles.map((profile) => [profile.id, profile]));
      const hits = pageIds.flatMap((id, i) => {
        const profile = byId.get(id);
        if (!profile) return []; // deleted since the index saw it
        // The index may lag a write by another instance: never show the public what it just lost.
        if (viewer === 'public' && (!profile.published || profile.archivedAt)) return [];
        return [
          {
            cooperative: viewer === 'public' ? toPublicCooperative(profile) : profile,
            highlights: result.text ? highlightFields(profile, result.text) : {},
            distanceKm: distances[i]!,
          },
        ];
      });
      const body = JSON.stringify({
        total: result.total,
        limit: query.limit,
        nextCursor,
        hits,
        facets: labelFacets(index, result.facets, labels),
        didYouMean:
          result.total === 0 || result.text?.fuzzy.size === result.total
            ? (result.text?.suggestion ?? null)
            : null,
      });
      remember(cacheKey, body);
      return reply.type('application/json; charset=utf-8').send(body as never); // already serialised
    },
  );
};
