// Who may see each stored field: the one classification every endpoint, search, facet, export and
// error uses. TypeScript refuses a model field that is missing here; a test walks the datamodel too.
import type {
  Advisor,
  AnnualFigures,
  ApiKey,
  AuditEvent,
  ContactPerson,
  Cooperative,
  CooperativeTrait,
  Trait,
} from '../generated/prisma/client.js';

/**
 * public: anyone, for published, non-archived members (the website);
 * private: advisors, analysts and admins only;
 * internal: never leaves the service (derived search columns).
 */
export type Visibility = 'public' | 'private' | 'internal';

type Classification<Row> = { readonly [Field in keyof Row]-?: Visibility };

export const COOPERATIVE_FIELDS = {
  id: 'public',
  slug: 'public',
  name: 'public',
  tradeNames: 'public',
  acronym: 'public',
  siren: 'public',
  siret: 'public',
  legalCategoryCode: 'public',
  family: 'public',
  companyForm: 'public',
  isCae: 'public',
  isAmorcage: 'public',
  amorcageDeadlineYear: 'public',
  isGrouping: 'public',
  foundedYear: 'public',
  foundedMonth: 'public',
  foundedDay: 'public',
  becameCooperativeYear: 'public',
  becameCooperativeMonth: 'public',
  becameCooperativeDay: 'public',
  origin: 'public',
  predecessorSiren: 'public',
  predecessorRna: 'public',
  nafCode: 'public',
  nafVersion: 'public',
  nafSection: 'public',
  nafDivision: 'public',
  sectors: 'public',
  activity: 'public',
  description: 'public',
  streetAddress: 'public',
  addressComplement: 'public',
  postalCode: 'public',
  communeCode: 'public',
  communeName: 'public',
  departmentCode: 'public',
  regionCode: 'public',
  latitude: 'public',
  longitude: 'public',
  figuresYear: 'public',
  // The public sees the size band; the survey's exact figures stay with the union.
  employees: 'private',
  memberEmployees: 'private',
  headcountBand: 'public',
  website: 'public',
  email: 'public',
  phone: 'public',
  socialLinks: 'public',
  membershipStatus: 'private',
  memberSince: 'private',
  leftOn: 'private',
  federations: 'public',
  advisorId: 'private',
  notes: 'private',
  published: 'private',
  version: 'public',
  createdAt: 'public',
  updatedAt: 'public',
  archivedAt: 'private',
  nameNormalized: 'internal',
} as const satisfies Classification<Cooperative>;

export const ANNUAL_FIGURES_FIELDS = {
  cooperativeId: 'public',
  year: 'public',
  employees: 'private',
  memberEmployees: 'private',
  associates: 'private',
  headcountBand: 'public',
  employeeCapitalShare: 'public',
  associateEmployeeShare: 'public',
  scicColleges: 'public',
  revenue: 'private',
  updatedAt: 'public',
} as const satisfies Classification<AnnualFigures>;

export const COOPERATIVE_TRAIT_FIELDS = {
  cooperativeId: 'public',
  traitKey: 'public',
  present: 'public',
} as const satisfies Classification<CooperativeTrait>;

export const TRAIT_FIELDS = {
  key: 'public',
  labelFr: 'public',
  labelEn: 'public',
  descriptionFr: 'public',
  descriptionEn: 'public',
  position: 'public',
  createdAt: 'public',
  updatedAt: 'public',
} as const satisfies Classification<Trait>;

/** Named people are personal data. */
export const CONTACT_PERSON_FIELDS = {
  id: 'private',
  cooperativeId: 'private',
  name: 'private',
  role: 'private',
  email: 'private',
  phone: 'private',
  position: 'private',
} as const satisfies Classification<ContactPerson>;

export const ADVISOR_FIELDS = {
  id: 'private',
  name: 'private',
  email: 'private',
  active: 'private',
  createdAt: 'private',
} as const satisfies Classification<Advisor>;

export const AUDIT_EVENT_FIELDS = {
  id: 'private',
  cooperativeId: 'private',
  action: 'private',
  actor: 'private',
  requestId: 'private',
  at: 'private',
  changes: 'private',
} as const satisfies Classification<AuditEvent>;

export const API_KEY_FIELDS = {
  id: 'private',
  name: 'private',
  role: 'private',
  prefix: 'private',
  secretHash: 'internal',
  createdBy: 'private',
  createdAt: 'private',
  expiresAt: 'private',
  revokedAt: 'private',
  lastUsedAt: 'private',
} as const satisfies Classification<ApiKey>;

/** Unsupported("tsvector") columns Prisma Client does not see. */
export const INTERNAL_COLUMNS = { cooperative: ['search_document'] } as const;

export const FIELD_CLASSIFICATION = {
  Cooperative: COOPERATIVE_FIELDS,
  AnnualFigures: ANNUAL_FIGURES_FIELDS,
  CooperativeTrait: COOPERATIVE_TRAIT_FIELDS,
  Trait: TRAIT_FIELDS,
  ContactPerson: CONTACT_PERSON_FIELDS,
  Advisor: ADVISOR_FIELDS,
  AuditEvent: AUDIT_EVENT_FIELDS,
  ApiKey: API_KEY_FIELDS,
} as const;

export type FieldsOf<Classification> = {
  [Level in Visibility]: {
    [F in keyof Classification]: Classification[F] extends Level ? F : never;
  }[keyof Classification];
};

/** The names of the fields at one visibility level (e.g. the public ones). */
export function fieldsWith<C extends Record<string, Visibility>, L extends Visibility>(
  classification: C,
  level: L,
) {
  return Object.keys(classification).filter((field) => classification[field] === level) as FieldsOf<C>[L][];
}
