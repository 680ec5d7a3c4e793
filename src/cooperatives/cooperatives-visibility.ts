// Which API fields each caller sees, derived from the stored-field classification in
// cooperatives-fields.ts: an API field is public only when every stored field it shows is public.
import {
  ANNUAL_FIGURES_FIELDS,
  CONTACT_PERSON_FIELDS,
  COOPERATIVE_FIELDS,
  COOPERATIVE_TRAIT_FIELDS,
  type Visibility,
} from './cooperatives-fields.js';
import type { AnnualFiguresSchema, CooperativeField } from './cooperatives-schemas.js';

type StoredField = keyof typeof COOPERATIVE_FIELDS;

/** The stored fields (of the cooperative table) each API field is made of. */
export const COOPERATIVE_API_SOURCES = {
  id: ['id'],
  slug: ['slug'],
  name: ['name'],
  tradeNames: ['tradeNames'],
  acronym: ['acronym'],
  siren: ['siren'],
  siret: ['siret'],
  legalCategoryCode: ['legalCategoryCode'],
  family: ['family'],
  companyForm: ['companyForm'],
  isCae: ['isCae'],
  isAmorcage: ['isAmorcage'],
  amorcageDeadlineYear: ['amorcageDeadlineYear'],
  isGrouping: ['isGrouping'],
  founded: ['foundedYear', 'foundedMonth', 'foundedDay'],
  becameCooperative: ['becameCooperativeYear', 'becameCooperativeMonth', 'becameCooperativeDay'],
  origin: ['origin'],
  predecessorSiren: ['predecessorSiren'],
  predecessorRna: ['predecessorRna'],
  nafCode: ['nafCode'],
  nafVersion: ['nafVersion'],
  nafSection: ['nafSection'],
  nafDivision: ['nafDivision'],
  sectors: ['sectors'],
  activity: ['activity'],
  description: ['description'],
  streetAddress: ['streetAddress'],
  addressComplement: ['addressComplement'],
  postalCode: ['postalCode'],
  communeCode: ['communeCode'],
  communeName: ['communeName'],
  departmentCode: ['departmentCode'],
  regionCode: ['regionCode'],
  latitude: ['latitude'],
  longitude: ['longitude'],
  figuresYear: ['figuresYear'],
  employees: ['employees'],
  memberEmployees: ['memberEmployees'],
  headcountBand: ['headcountBand'],
  website: ['website'],
  email: ['email'],
  phone: ['phone'],
  socialLinks: ['socialLinks'],
  membershipStatus: ['membershipStatus'],
  memberSince: ['memberSince'],
  leftOn: ['leftOn'],
  federations: ['federations'],
  advisorId: ['advisorId'],
  notes: ['notes'],
  published: ['published'],
  version: ['version'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  archivedAt: ['archivedAt'],
  // Fields from other tables, classified there.
  traits: [],
  annualFigures: [],
  contacts: [],
} as const satisfies Record<CooperativeField, readonly StoredField[]>;

const RANK: Record<Visibility, number> = { public: 0, private: 1, internal: 2 };
const strictest = (levels: Visibility[]): Visibility =>
  levels.reduce<Visibility>((worst, level) => (RANK[level] > RANK[worst] ? level : worst), 'public');

const OTHER_TABLES: Partial<Record<CooperativeField, Visibility>> = {
  traits: strictest(Object.values(COOPERATIVE_TRAIT_FIELDS)),
  contacts: strictest(Object.values(CONTACT_PERSON_FIELDS)),
  // A container keyed by year: each figure inside has its own visibility (below).
  annualFigures: 'public',
};

export const COOPERATIVE_API_VISIBILITY = Object.fromEntries(
  Object.entries(COOPERATIVE_API_SOURCES).map(([field, sources]) => [
    field,
    OTHER_TABLES[field as CooperativeField] ??
      strictest((sources as readonly StoredField[]).map((source) => COOPERATIVE_FIELDS[source])),
  ]),
) as Record<CooperativeField, Visibility>;

type FigureField = keyof (typeof AnnualFiguresSchema)['shape'];
export const ANNUAL_FIGURES_API_VISIBILITY = {
  employees: ANNUAL_FIGURES_FIELDS.employees,
  memberEmployees: ANNUAL_FIGURES_FIELDS.memberEmployees,
  associates: ANNUAL_FIGURES_FIELDS.associates,
  headcountBand: ANNUAL_FIGURES_FIELDS.headcountBand,
  employeeCapitalShare: ANNUAL_FIGURES_FIELDS.employeeCapitalShare,
  associateEmployeeShare: ANNUAL_FIGURES_FIELDS.associateEmployeeShare,
  scicColleges: ANNUAL_FIGURES_FIELDS.scicColleges,
  revenue: ANNUAL_FIGURES_FIELDS.revenue,
} as const satisfies Record<FigureField, Visibility>;
