// The cooperative as the API shows it (full for advisors and analysts, public for everyone else)
// and as callers write it. Output schemas are plain; input schemas normalise what people type.
import { z } from 'zod';
import { HEADCOUNT_BAND_CODES } from '../reference/reference-headcount.js';
import { COMPANY_FORMS, FAMILIES, MEMBERSHIP_STATUSES, ORIGINS } from '../reference/reference-legal-forms.js';
import { NAF_VERSIONS } from '../reference/reference-naf.js';
import { SECTOR_KEYS } from '../reference/reference-sectors.js';
import { ANNUAL_FIGURES_API_VISIBILITY, COOPERATIVE_API_VISIBILITY } from './cooperatives-visibility.js';

export const SOCIAL_NETWORKS = [
  'linkedin',
  'mastodon',
  'bluesky',
  'facebook',
  'instagram',
  'x',
  'youtube',
  'peertube',
] as const;

const PartialDateText = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
  .describe('A year, a year and month, or a full date')
  .meta({ examples: ['2015', '2015-04', '2015-04-12'] });
const text = z.string().nullable();
const count = z.number().int().nullable();

export const AnnualFiguresSchema = z
  .object({
    employees: count.describe('Employees at year end'),
    memberEmployees: count.describe('Employees who are associates (salariés associés)'),
    associates: count.describe('All associates'),
    headcountBand: z
      .enum(HEADCOUNT_BAND_CODES as [string, ...string[]])
      .nullable()
      .describe('INSEE band of employees'),
    employeeCapitalShare: z
      .number()
      .nullable()
      .describe('Percent of the capital held by employee-associates'),
    associateEmployeeShare: z.number().nullable().describe('Percent of employees who are associates'),
    scicColleges: count.describe('Number of voting colleges (SCIC)'),
    revenue: count.describe('Revenue in euros'),
  })
  .meta({ id: 'AnnualFigures' });

export const ContactPersonSchema = z
  .object({ id: z.uuid(), name: z.string(), role: text, email: text, phone: text })
  .meta({ id: 'ContactPerson' });

const cooperativeShape = {
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  tradeNames: z.array(z.string()),
  acronym: text,
  siren: text.describe('SIREN, 9 digits'),
  siret: text.describe('Head-office SIRET, 14 digits'),
  legalCategoryCode: text.describe('INSEE legal category observed in the official register'),
  family: z.enum(FAMILIES),
  companyForm: z.enum(COMPANY_FORMS).nullable(),
  isCae: z.boolean().describe("Coopérative d'activité et d'emploi"),
  isAmorcage: z.boolean().describe("Scop d'amorçage"),
  amorcageDeadlineYear: count.describe('Year by which employee-associates must hold half the capital'),
  isGrouping: z.boolean().describe('Groupement or union of cooperatives'),
  founded: PartialDateText.nullable().describe('When the company was created'),
  becameCooperative: PartialDateText.nullable().describe('When it became a cooperative'),
  origin: z.enum(ORIGINS).nullable(),
  predecessorSiren: text,
  predecessorRna: text,
  nafCode: text.meta({ examples: ['62.01Z'] }),
  nafVersion: z.enum(NAF_VERSIONS).nullable(),
  nafSection: text,
  nafDivision: text,
  sectors: z.array(z.enum(SECTOR_KEYS)),
  activity: text,
  description: text,
  streetAddress: text,
  addressComplement: text,
  postalCode: text,
  communeCode: text.describe('INSEE commune code'),
  communeName: text,
  departmentCode: text,
  regionCode: text,
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  figuresYear: count.describe('Latest year with a headcount'),
  employees: count.describe('Employees in figuresYear'),
  memberEmployees: count.describe('Member-employees in figuresYear'),
  headcountBand: z.string().nullable().describe('INSEE headcount band in figuresYear'),
  website: text,
  email: text,
  phone: text,
  socialLinks: z.partialRecord(z.enum(SOCIAL_NETWORKS), z.string()),
  membershipStatus: z.enum(MEMBERSHIP_STATUSES),
  memberSince: z.iso.date().nullable(),
  leftOn: z.iso.date().nullable(),
  federations: z.array(z.string()),
  advisorId: z.uuid().nullable(),
  notes: text,
  published: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  archivedAt: z.iso.datetime().nullable(),
  traits: z
    .record(z.string(), z.boolean())
    .describe('Governance traits: true present, false absent; a trait left out is not documented'),
  annualFigures: z
    .record(z.string().regex(/^\d{4}$/), AnnualFiguresSchema)
    .describe('Yearly figures by year'),
  contacts: z.array(ContactPersonSchema).describe('Named people (personal data)'),
};

export type CooperativeField = keyof typeof cooperativeShape;

export const CooperativeSchema = z
  .object({ view: z.literal('full'), ...cooperativeShape })
  .meta({ id: 'Cooperative', description: 'A member cooperative as advisors and analysts see it' });
export type Cooperative = z.infer<typeof CooperativeSchema>;

const publicFigureKeys = Object.keys(ANNUAL_FIGURES_API_VISIBILITY).filter(
  (key) => ANNUAL_FIGURES_API_VISIBILITY[key as keyof typeof ANNUAL_FIGURES_API_VISIBILITY] === 'public',
) as (keyof typeof ANNUAL_FIGURES_API_VISIBILITY)[];
export const PublicAnnualFiguresSchema = AnnualFiguresSchema.pick(
  Object.fromEntries(publicFigureKeys.map((key) => [key, true])) as Record<
    (typeof publicFigureKeys)[number],
    true
  >,
).meta({ id: 'PublicAnnualFigures' });

export const PUBLIC_COOPERATIVE_FIELDS = (Object.keys(cooperativeShape) as CooperativeField[]).filter(
  (field) => COOPERATIVE_API_VISIBILITY[field] === 'public',
);

export const PublicCooperativeSchema = z
  .object({
    view: z.literal('public'),
    ...Object.fromEntries(PUBLIC_COOPERATIVE_FIELDS.map((field) => [field, cooperativeShape[field]])),
    annualFigures: z.record(z.string().regex(/^\d{4}$/), PublicAnnualFiguresSchema),
  })
  .meta({ id: 'PublicCooperative', description: 'A published member cooperative as the public sees it' });
export type PublicCooperative = z.infer<typeof PublicCooperativeSchema>;

/** One response schema for both views: `view` says which one, and each view lists only its own fields. */
export const CooperativeViewSchema = z.discriminatedUnion('view', [
  CooperativeSchema,
  PublicCooperativeSchema,
]);
