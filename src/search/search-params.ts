// The filter grammar of GET /v1/cooperatives, shared by search and (next) exports: one zod schema
// for the query string, parsed into a SearchQuery. Unknown parameters and bad values are 400s.
import { z } from 'zod';
import { findCommune, findDepartment, findRegion } from '../reference/reference-geography.js';
import {
  COMPANY_FORMS,
  FAMILIES,
  MEMBERSHIP_STATUSES,
  ORIGINS,
  STATUS_FLAGS,
} from '../reference/reference-legal-forms.js';
import { parseNafPrefix } from '../reference/reference-naf.js';
import { SECTOR_KEYS } from '../reference/reference-sectors.js';

/** `?region=11&region=24` and `?region=11,24` both mean "any of 11 and 24". */
const anyOf = <T extends z.ZodType>(item: T) =>
  z
    .preprocess(
      (value) =>
        (Array.isArray(value) ? value : [value])
          .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
          .map((v) => (typeof v === 'string' ? v.trim() : v))
          .filter((v) => v !== ''),
      z.array(item).min(1).max(50),
    )
    .optional();

// Codes are checked here and upper-cased where they are used (2a = 2A): no transform, so the
// OpenAPI document can show each parameter with its example.
const code = (check: (value: string) => boolean, message: string) =>
  z.string().refine((value) => check(value.toUpperCase()), message);

export const SORTS = ['relevance', 'name', 'founded', 'headcount', 'distance', 'updatedAt'] as const;
export const FACETS = [
  'legalForm',
  'companyType',
  'status',
  'origin',
  'region',
  'department',
  'sector',
  'naf',
  'trait',
  'headcountBand',
  'memberStatus',
  'advisor',
  'published',
] as const;
export type FacetName = (typeof FACETS)[number];
export const PRIVATE_FACETS: readonly FacetName[] = ['memberStatus', 'advisor', 'published'];
export const PRIVATE_PARAMETERS = ['memberStatus', 'advisor', 'published', 'archived'] as const;

const yearParam = z.coerce
  .number()
  .int()
  .min(1800, 'must be a year from 1800')
  .max(2200, 'must be a year up to 2200')
  .optional();
const traitKey = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'is not a trait key');
const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');

const parameters = {
  q: z
    .string()
    .max(200, 'must be at most 200 characters')
    .optional()
    .describe(
      'Words to find in names, trade names, acronym, SIREN/SIRET, activity, description and commune; the last word may be unfinished',
    ),
  legalForm: anyOf(z.enum(FAMILIES)).describe('Cooperative family, any of'),
  companyType: anyOf(z.enum(COMPANY_FORMS)).describe('Company form, any of'),
  status: anyOf(z.enum(STATUS_FLAGS)).describe('CAE, Scop d’amorçage or grouping: any of'),
  origin: anyOf(z.enum(ORIGINS)).describe('How it became a cooperative, any of'),
  region: anyOf(code((c) => Boolean(findRegion(c)), 'is not a région code')).describe(
    'INSEE région code, any of',
  ),
  department: anyOf(code((c) => Boolean(findDepartment(c)), 'is not a département code')).describe(
    'Département code (01–95, 2A, 2B, 971–976), any of',
  ),
  commune: anyOf(code((c) => Boolean(findCommune(c)), 'is not a commune code')).describe(
    'INSEE commune code, any of',
  ),
  postalCode: anyOf(z.string().regex(/^\d{5}$/, 'must be 5 digits')).describe('Postal code, any of'),
  naf: anyOf(
    z
      .string()
      .refine(
        (value) => parseNafPrefix(value) !== undefined,
        'is not a NAF section, division, group, class or sub-class',
      ),
  ).describe(
    'NAF code or any prefix of it: section letter (F), division (43), group (43.3), class, sub-class; any of',
  ),
  sector: anyOf(z.enum(SECTOR_KEYS)).describe("The union's sector family, any of"),
  trait: anyOf(traitKey).describe('Governance traits it has: all of them'),
  traitAbsent: anyOf(traitKey).describe('Traits documented as absent: all of them'),
  traitUnknown: anyOf(traitKey).describe('Traits not documented: all of them'),
  headcountMin: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .optional()
    .describe('Fewest employees (latest year); the public filters on headcount bands'),
  headcountMax: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .optional()
    .describe('Most employees (latest year)'),
  foundedFrom: yearParam.describe('Founded in or after this year'),
  foundedTo: yearParam.describe('Founded in or before this year'),
  cooperativeFrom: yearParam.describe('Became a cooperative in or after this year'),
  cooperativeTo: yearParam.describe('Became a cooperative in or before this year'),
  near: z
    .string()
    .transform((value, ctx) => {
      const match = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(value);
      const lat = Number(match?.[1]);
      const lon = Number(match?.[2]);
      if (!match || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        ctx.addIssue({ code: 'custom', message: 'must be "latitude,longitude" in degrees' });
        return z.NEVER;
      }
      return { lat, lon };
    })
    .optional()
    .describe('A point "lat,lon": only cooperatives within radiusKm, with their distance'),
  radiusKm: z.coerce
    .number()
    .positive()
    .max(1000)
    .optional()
    .describe('Radius around near, in km (default 20)'),
  updatedSince: z.iso
    .datetime({ offset: true, error: 'must be an ISO date-time' })
    .optional()
    .describe('Changed at or after this instant'),
  memberStatus: anyOf(z.enum(MEMBERSHIP_STATUSES)).describe(
    'Advisors and analysts: membership status, any of',
  ),
  advisor: anyOf(z.uuid('must be an advisor id')).describe('Advisors and analysts: assigned advisor, any of'),
  published: booleanParam.optional().describe('Advisors and analysts: published or not'),
  archived: z
    .enum(['true', 'false', 'any'])
    .optional()
    .describe('Advisors and analysts: archived profiles (default false)'),
  sort: z
    .string()
    .regex(
      new RegExp(`^-?(${SORTS.join('|')})$`),
      `must be one of ${SORTS.join(', ')}, with - for descending`,
    )
    .optional()
    .describe(
      'relevance (default with q), name (default without), founded, headcount, distance (with near), updatedAt; prefix - for descending',
    ),
  limit: z.coerce.number().int().min(1, 'must be 1 to 100').max(100, 'must be 1 to 100').default(20),
  cursor: z.string().max(2000).optional().describe('The nextCursor of the previous page'),
  facets: anyOf(z.enum(FACETS)).describe('Facets to count (disjunctive)'),
};

/** One example per parameter, for the OpenAPI document. */
const EXAMPLES: Record<keyof typeof parameters, string | number> = {
  q: 'menuiserie tours',
  legalForm: 'scop',
  companyType: 'sarl',
  status: 'cae',
  origin: 'transmission',
  region: '24',
  department: '2A',
  commune: '37261',
  postalCode: '37000',
  naf: '43',
  sector: 'construction',
  trait: 'horizontal_governance',
  traitAbsent: 'open_vacation',
  traitUnknown: 'sociocracy',
  headcountMin: 10,
  headcountMax: 49,
  foundedFrom: 1990,
  foundedTo: 2010,
  cooperativeFrom: 2015,
  cooperativeTo: 2025,
  near: '47.39,0.69',
  radiusKm: 20,
  updatedSince: '2026-01-01T00:00:00Z',
  memberStatus: 'active',
  advisor: '0b8e9a52-7c5d-4f7e-9a0b-1c2d3e4f5a6b',
  published: 'false',
  archived: 'any',
  sort: '-founded',
  limit: 20,
  cursor: 'eyJ2YWx1ZSI6Im1lbnVpc2VyaWUi…',
  facets: 'region,legalForm',
};

function withExamples<T extends Record<string, z.ZodType>>(shape: T): T {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => {
      const examples = [EXAMPLES[key as keyof typeof EXAMPLES]];
      // The document shows a parameter that is parsed in two steps (a pipe) by one of its steps,
      // which does not inherit the outer schema's metadata: give the example to both steps.
      let inner = schema._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType };
      while ((inner.type === 'optional' || inner.type === 'default') && inner.innerType) {
        inner = inner.innerType._zod.def as typeof inner;
      }
      if (inner.type === 'pipe') {
        for (const step of [inner.in, inner.out])
          if (step) z.globalRegistry.add(step, { ...step.meta(), examples });
      }
      return [key, schema.meta({ ...schema.meta(), examples })];
    }),
  ) as T;
}

export const SearchQuerystringSchema = z.strictObject(withExamples(parameters)).superRefine((query, ctx) => {
  if (query.radiusKm !== undefined && !query.near) {
    ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: 'needs near' });
  }
  if (query.sort?.replace('-', '') === 'distance' && !query.near) {
    ctx.addIssue({ code: 'custom', path: ['sort'], message: 'distance sorting needs near' });
  }
  for (const [from, to] of [
    ['foundedFrom', 'foundedTo'],
    ['cooperativeFrom', 'cooperativeTo'],
    ['headcountMin', 'headcountMax'],
  ] as const) {
    if (query[from] !== undefined && query[to] !== undefined && query[from]! > query[to]!) {
      ctx.addIssue({ code: 'custom', path: [to], message: `must not be less than ${from}` });
    }
  }
});

export type SearchQuerystring = z.infer<typeof SearchQuerystringSchema>;
