// /v1/reference: the lists forms and the website widget draw from, cacheable; admins edit the traits.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../auth/auth-plugin.js';
import { contentEtag, notModified } from '../http/http-caching.js';
import { problemResponses } from '../plugins/problem-schema.js';
import { listRegions } from './reference-geography.js';
import { HEADCOUNT_BANDS } from './reference-headcount.js';
import {
  COMPANY_FORM_LABELS,
  FAMILY_LABELS,
  LEGAL_CATEGORY_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  ORIGIN_LABELS,
  STATUS_FLAG_LABELS,
} from './reference-legal-forms.js';
import { listNafSections } from './reference-naf.js';
import { SECTORS } from './reference-sectors.js';
import {
  CreateTraitBodySchema,
  PatchTraitBodySchema,
  TraitSchema,
  type TraitsRepository,
} from './reference-traits.js';

const Labelled = z.object({ key: z.string(), labelFr: z.string(), labelEn: z.string() });
const labelled = (table: Record<string, { labelFr: string; labelEn: string }>) =>
  Object.entries(table).map(([key, { labelFr, labelEn }]) => ({ key, labelFr, labelEn }));

const LegalFormsSchema = z
  .object({
    families: z.array(Labelled.extend({ descriptionFr: z.string(), descriptionEn: z.string() })),
    companyForms: z.array(Labelled),
    statusFlags: z.array(Labelled),
    origins: z.array(Labelled),
    membershipStatuses: z.array(Labelled),
    legalCategories: z.array(z.object({ code: z.string(), labelFr: z.string() })),
    headcountBands: z.array(
      z.object({
        code: z.string(),
        labelFr: z.string(),
        min: z.number().nullable(),
        max: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'LegalForms' });

const SectorsSchema = z
  .object({
    families: z.array(Labelled),
    nafSections: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        divisions: z.array(z.object({ code: z.string(), label: z.string() })),
      }),
    ),
  })
  .meta({ id: 'Sectors' });

const RegionsSchema = z
  .object({
    regions: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        departments: z.array(z.object({ code: z.string(), name: z.string() })),
      }),
    ),
  })
  .meta({ id: 'Regions' });

// Fixed lists, computed once.
const LEGAL_FORMS = {
  families: Object.entries(FAMILY_LABELS).map(([key, labels]) => ({ key, ...labels })),
  companyForms: labelled(COMPANY_FORM_LABELS),
  statusFlags: labelled(STATUS_FLAG_LABELS),
  origins: labelled(ORIGIN_LABELS),
  membershipStatuses: labelled(MEMBERSHIP_STATUS_LABELS),
  legalCategories: Object.entries(LEGAL_CATEGORY_LABELS).map(([code, labelFr]) => ({ code, labelFr })),
  headcountBands: HEADCOUNT_BANDS.map(({ code, labelFr, min, max }) => ({ code, labelFr, min, max })),
};
let sectors: z.infer<typeof SectorsSchema> | undefined;
let regions: z.infer<typeof RegionsSchema> | undefined;

const ONE_DAY = 'public, max-age=86400';
const FIVE_MINUTES = 'public, max-age=300';

/** Sends a cacheable list, or 304 when the caller has it already. */
function cached<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  body: T,
  cacheControl: string,
): T | FastifyReply {
  reply.header('cache-control', cacheControl);
  return notModified(request, reply, contentEtag(body)) ? reply : body;
}

export const referenceRoutes: FastifyPluginAsyncZod<{ traits: TraitsRepository }> = async (
  app,
  { traits },
) => {
  const schema = (operationId: string, summary: string, ok: z.ZodType) => ({
    tags: ['reference'],
    operationId,
    summary,
    response: { 200: ok, 304: z.null().describe('Not modified'), ...problemResponses(401) },
  });

  app.get(
    '/legal-forms',
    {
      schema: schema(
        'listLegalForms',
        'Families, company forms, flags, origins, categories, bands',
        LegalFormsSchema,
      ),
    },
    async (request, reply) => cached(request, reply, LEGAL_FORMS, ONE_DAY),
  );

  app.get(
    '/sectors',
    {
      schema: schema(
        'listSectors',
        "The union's sector families and NAF sections with divisions",
        SectorsSchema,
      ),
    },
    async (request, reply) => {
      sectors ??= {
        families: SECTORS.map(({ key, labelFr, labelEn }) => ({ key, labelFr, labelEn })),
        nafSections: listNafSections(),
      };
      return cached(request, reply, sectors, ONE_DAY);
    },
  );

  app.get(
    '/regions',
    { schema: schema('listRegions', 'Régions with their départements (INSEE codes)', RegionsSchema) },
    async (request, reply) => {
      regions ??= { regions: listRegions() };
      return cached(request, reply, regions, ONE_DAY);
    },
  );

  app.get(
    '/traits',
    {
      schema: schema(
        'listTraits',
        'The governance-trait vocabulary',
        z.object({ traits: z.array(TraitSchema) }),
      ),
    },
    async (request, reply) => cached(request, reply, { traits: await traits.list() }, FIVE_MINUTES),
  );

  const TraitParams = z.object({ key: z.string().max(64) });
  app.post(
    '/traits',
    {
      schema: {
        tags: ['reference'],
        operationId: 'createTrait',
        summary: 'Add a trait to the vocabulary (admins)',
        security: [{ apiKey: [] }],
        body: CreateTraitBodySchema,
        response: { 201: TraitSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      requirePermission(request, 'administer');
      const trait = await traits.create(request.body);
      reply.code(201).header('location', `/v1/reference/traits/${trait.key}`);
      return trait;
    },
  );
  app.get(
    '/traits/:key',
    {
      schema: {
        tags: ['reference'],
        operationId: 'getTrait',
        summary: 'One trait of the vocabulary',
        params: TraitParams,
        response: { 200: TraitSchema, 304: z.null().describe('Not modified'), ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => cached(request, reply, await traits.find(request.params.key), FIVE_MINUTES),
  );
  app.patch(
    '/traits/:key',
    {
      schema: {
        tags: ['reference'],
        operationId: 'updateTrait',
        summary: "Change a trait's labels, description or position (admins)",
        security: [{ apiKey: [] }],
        params: TraitParams,
        body: PatchTraitBodySchema,
        response: { 200: TraitSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      requirePermission(request, 'administer');
      return traits.update(request.params.key, request.body);
    },
  );
  app.delete(
    '/traits/:key',
    {
      schema: {
        tags: ['reference'],
        operationId: 'deleteTrait',
        summary: 'Remove a trait no profile documents (admins)',
        security: [{ apiKey: [] }],
        params: TraitParams,
        response: { 204: z.null().describe('Removed'), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      requirePermission(request, 'administer');
      await traits.remove(request.params.key);
      return reply.code(204).send(null);
    },
  );
};
