// What callers may write: the create body and the JSON merge-patch body. Inputs accept what people
// type (spaces in a SIREN, 6201Z) and come out normalised; unknown fields are refused.
import { z } from 'zod';
import { COMPANY_FORMS, FAMILIES, MEMBERSHIP_STATUSES, ORIGINS } from '../reference/reference-legal-forms.js';
import { NAF_VERSIONS } from '../reference/reference-naf.js';
import { SECTOR_KEYS } from '../reference/reference-sectors.js';
import {
  CommuneCodeSchema,
  NafCodeSchema,
  RnaSchema,
  SirenSchema,
  SiretSchema,
} from './cooperatives-identifiers.js';
import { PartialDateSchema } from './cooperatives-partial-dates.js';
import { SOCIAL_NETWORKS } from './cooperatives-schemas.js';

const line = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const optionalLine = (max: number) => line(max).nullable().optional();
const year = z.number().int().min(1800, 'must be 1800 or later').max(2200, 'must be 2200 or earlier');
const percent = z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');
const phoneNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 .()-]{5,24}$/, 'must be a phone number');
const headcount = z.number().int().min(0, 'must not be negative').max(1_000_000);

export const SlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug must be lower-case letters, digits and single hyphens')
  .max(120);

export const TraitKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'trait keys are lower-case letters, digits and underscores');

export const YearKeySchema = z.string().regex(/^\d{4}$/, 'years are written with 4 digits');

export const AnnualFiguresInputSchema = z.strictObject({
  employees: headcount.nullable().optional(),
  memberEmployees: headcount.nullable().optional(),
  associates: headcount.nullable().optional(),
  employeeCapitalShare: percent.nullable().optional(),
  associateEmployeeShare: percent.nullable().optional(),
  scicColleges: z.number().int().min(0).max(50).nullable().optional(),
  revenue: z.number().int().min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER).nullable().optional(),
});
export type AnnualFiguresInput = z.infer<typeof AnnualFiguresInputSchema>;

export const ContactPersonInputSchema = z.strictObject({
  name: line(200),
  role: optionalLine(200),
  email: z.email('must be an e-mail address').max(320).nullable().optional(),
  phone: phoneNumber.nullable().optional(),
});
export type ContactPersonInput = z.infer<typeof ContactPersonInputSchema>;

const calendarDate = z.iso
  .date('must be a date (YYYY-MM-DD)')
  .refine((date) => date >= '1800-01-01', 'must be 1800 or later');

const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500);

/** Every writable field, all optional; the create and patch bodies are built from it. */
const writableShape = {
  slug: SlugSchema.optional(),
  name: line(200).optional(),
  tradeNames: z.array(line(200)).max(20).optional(),
  acronym: optionalLine(50),
  siren: SirenSchema.nullable().optional(),
  siret: SiretSchema.nullable().optional(),
  legalCategoryCode: z
    .string()
    .regex(/^[1-9]\d{3}$/, 'must be a 4-digit INSEE legal category')
    .nullable()
    .optional(),
  family: z.enum(FAMILIES).optional(),
  companyForm: z.enum(COMPANY_FORMS).nullable().optional(),
  isCae: z.boolean().optional(),
  isAmorcage: z.boolean().optional(),
  amorcageDeadlineYear: year.nullable().optional(),
  isGrouping: z.boolean().optional(),
  founded: PartialDateSchema.nullable().optional(),
  becameCooperative: PartialDateSchema.nullable().optional(),
  origin: z.enum(ORIGINS).nullable().optional(),
  predecessorSiren: SirenSchema.nullable().optional(),
  predecessorRna: RnaSchema.nullable().optional(),
  nafCode: NafCodeSchema.nullable().optional(),
  nafVersion: z.enum(NAF_VERSIONS).optional(),
  sectors: z.array(z.enum(SECTOR_KEYS)).max(5).optional(),
  activity: optionalLine(300),
  description: z.string().trim().max(5000).nullable().optional(),
  streetAddress: optionalLine(300),
  addressComplement: optionalLine(300),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'postal code must be 5 digits')
    .nullable()
    .optional(),
  communeCode: CommuneCodeSchema.nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  website: webUrl.nullable().optional(),
  email: z.email('must be an e-mail address').max(320).nullable().optional(),
  phone: phoneNumber.nullable().optional(),
  socialLinks: z.partialRecord(z.enum(SOCIAL_NETWORKS), webUrl.nullable()).optional(),
  membershipStatus: z.enum(MEMBERSHIP_STATUSES).optional(),
  memberSince: calendarDate.nullable().optional(),
  leftOn: calendarDate.nullable().optional(),
  federations: z.array(line(200)).max(20).optional(),
  advisorId: z.uuid('must be an advisor id (UUID)').nullable().optional(),
  notes: z.string().max(20_000).nullable().optional(),
  published: z.boolean().optional(),
  contacts: z.array(ContactPersonInputSchema).max(50).optional(),
};

export const CreateCooperativeBodySchema = z
  .strictObject({
    ...writableShape,
    name: line(200),
    family: z.enum(FAMILIES),
    traits: z.record(TraitKeySchema, z.boolean()).optional(),
    annualFigures: z.record(YearKeySchema, AnnualFiguresInputSchema).optional(),
  })
  .meta({ id: 'CreateCooperative', description: 'A new member profile; unknown fields are refused' });
export type CreateCooperativeBody = z.infer<typeof CreateCooperativeBodySchema>;

export const PatchCooperativeBodySchema = z
  .strictObject({
    ...writableShape,
    traits: z
      .record(TraitKeySchema, z.boolean().nullable())
      .optional()
      .describe('Merged by key: true present, false absent, null back to not documented'),
    annualFigures: z
      .record(YearKeySchema, AnnualFiguresInputSchema.nullable())
      .optional()
      .describe('Merged by year: an object updates that year, null deletes it'),
  })
  .meta({ id: 'PatchCooperative', description: 'A JSON merge patch (RFC 7396): null clears a field' });
export type PatchCooperativeBody = z.infer<typeof PatchCooperativeBodySchema>;

export type WritableField = keyof typeof writableShape | 'traits' | 'annualFigures';
