// Stored rows <-> API shapes: the full view, the public view (derived from the classification),
// the writable state of a stored profile, and the columns a state is stored in.
import type { Prisma } from '../generated/prisma/client.js';
import { formatPartialDate, type PartialDate } from './cooperatives-partial-dates.js';
import {
  type Cooperative,
  type CooperativeField,
  PUBLIC_COOPERATIVE_FIELDS,
  type PublicCooperative,
} from './cooperatives-schemas.js';
import { type CooperativeState, derivedColumns, type FiguresState } from './cooperatives-state.js';
import { ANNUAL_FIGURES_API_VISIBILITY } from './cooperatives-visibility.js';

export const PROFILE_INCLUDE = {
  traits: { orderBy: { traitKey: 'asc' } },
  annualFigures: { orderBy: { year: 'asc' } },
  contacts: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
} as const satisfies Prisma.CooperativeInclude;

export type CooperativeRow = Prisma.CooperativeGetPayload<{ include: typeof PROFILE_INCLUDE }>;

function partialDate(year: number | null, month: number | null, day: number | null): PartialDate | null {
  if (year === null) return null;
  return { year, ...(month === null ? {} : { month }), ...(day === null ? {} : { day }) };
}

const dateText = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const dateOf = (text: string | null) => (text ? new Date(`${text}T00:00:00.000Z`) : null);
const textOf = (value: Prisma.JsonValue): Record<string, string> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      )
    : {};

function figuresOf(row: CooperativeRow['annualFigures'][number]) {
  return {
    employees: row.employees,
    memberEmployees: row.memberEmployees,
    associates: row.associates,
    headcountBand: row.headcountBand,
    employeeCapitalShare: row.employeeCapitalShare,
    associateEmployeeShare: row.associateEmployeeShare,
    scicColleges: row.scicColleges,
    revenue: row.revenue === null ? null : Number(row.revenue),
  };
}

export function toCooperative(row: CooperativeRow): Cooperative {
  const founded = partialDate(row.foundedYear, row.foundedMonth, row.foundedDay);
  const became = partialDate(row.becameCooperativeYear, row.becameCooperativeMonth, row.becameCooperativeDay);
  return {
    view: 'full',
    id: row.id,
    slug: row.slug,
    name: row.name,
    tradeNames: row.tradeNames ?? [],
    acronym: row.acronym,
    siren: row.siren,
    siret: row.siret,
    legalCategoryCode: row.legalCategoryCode,
    family: row.family,
    companyForm: row.companyForm,
    isCae: row.isCae,
    isAmorcage: row.isAmorcage,
    amorcageDeadlineYear: row.amorcageDeadlineYear,
    isGrouping: row.isGrouping,
    founded: founded && formatPartialDate(founded),
    becameCooperative: became && formatPartialDate(became),
    origin: row.origin,
    predecessorSiren: row.predecessorSiren,
    predecessorRna: row.predecessorRna,
    nafCode: row.nafCode,
    nafVersion: row.nafVersion,
    nafSection: row.nafSection,
    nafDivision: row.nafDivision,
    sectors: (row.sectors ?? []) as Cooperative['sectors'],
    activity: row.activity,
    description: row.description,
    streetAddress: row.streetAddress,
    addressComplement: row.addressComplement,
    postalCode: row.postalCode,
    communeCode: row.communeCode,
    communeName: row.communeName,
    departmentCode: row.departmentCode,
    regionCode: row.regionCode,
    latitude: row.latitude,
    longitude: row.longitude,
    figuresYear: row.figuresYear,
    employees: row.employees,
    memberEmployees: row.memberEmployees,
    headcountBand: row.headcountBand,
    website: row.website,
    email: row.email,
    phone: row.phone,
    socialLinks: textOf(row.socialLinks),
    membershipStatus: row.membershipStatus,
    memberSince: dateText(row.memberSince),
    leftOn: dateText(row.leftOn),
    federations: row.federations ?? [],
    advisorId: row.advisorId,
    notes: row.notes,
    published: row.published,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    traits: Object.fromEntries(row.traits.map((trait) => [trait.traitKey, trait.present])),
    annualFigures: Object.fromEntries(row.annualFigures.map((f) => [String(f.year), figuresOf(f)])),
    contacts: row.contacts.map(({ id, name, role, email, phone }) => ({ id, name, role, email, phone })),
  };
}

const PUBLIC_FIGURES = Object.entries(ANNUAL_FIGURES_API_VISIBILITY)
  .filter(([, visibility]) => visibility === 'public')
  .map(([field]) => field);

/** The public view: only the fields the classification makes public. */
export function toPublicCooperative(cooperative: Cooperative): PublicCooperative {
  const view: Record<string, unknown> = { view: 'public' };
  for (const field of PUBLIC_COOPERATIVE_FIELDS) view[field] = cooperative[field];
  view.annualFigures = Object.fromEntries(
    Object.entries(cooperative.annualFigures).map(([year, figures]) => [
      year,
      Object.fromEntries(PUBLIC_FIGURES.map((field) => [field, figures[field as keyof typeof figures]])),
    ]),
  );
  return view as PublicCooperative;
}

/** The writable state of a stored profile: its full view without what the service derives. */
export function stateFromRow(row: CooperativeRow): CooperativeState {
  const {
    view: _view,
    id: _id,
    communeName: _communeName,
    departmentCode: _departmentCode,
    regionCode: _regionCode,
    nafSection: _nafSection,
    nafDivision: _nafDivision,
    figuresYear: _figuresYear,
    employees: _employees,
    memberEmployees: _memberEmployees,
    headcountBand: _headcountBand,
    version: _version,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    archivedAt: _archivedAt,
    annualFigures,
    contacts,
    ...writable
  } = toCooperative(row);
  return {
    ...writable,
    founded: partialDate(row.foundedYear, row.foundedMonth, row.foundedDay),
    becameCooperative: partialDate(
      row.becameCooperativeYear,
      row.becameCooperativeMonth,
      row.becameCooperativeDay,
    ),
    nafVersion: row.nafVersion ?? 'rev2',
    annualFigures: Object.fromEntries(
      Object.entries(annualFigures).map(([year, { headcountBand: _band, ...figures }]) => [
        year,
        figures satisfies FiguresState,
      ]),
    ),
    contacts: contacts.map(({ id: _contactId, ...person }) => person),
  };
}

/** The cooperative table's columns for a state (its slug resolved by the caller). */
export function columnsOf(state: CooperativeState & { slug: string }) {
  return {
    slug: state.slug,
    name: state.name,
    tradeNames: state.tradeNames,
    acronym: state.acronym,
    siren: state.siren,
    siret: state.siret,
    legalCategoryCode: state.legalCategoryCode,
    family: state.family,
    companyForm: state.companyForm,
    isCae: state.isCae,
    isAmorcage: state.isAmorcage,
    amorcageDeadlineYear: state.amorcageDeadlineYear,
    isGrouping: state.isGrouping,
    foundedYear: state.founded?.year ?? null,
    foundedMonth: state.founded?.month ?? null,
    foundedDay: state.founded?.day ?? null,
    becameCooperativeYear: state.becameCooperative?.year ?? null,
    becameCooperativeMonth: state.becameCooperative?.month ?? null,
    becameCooperativeDay: state.becameCooperative?.day ?? null,
    origin: state.origin,
    predecessorSiren: state.predecessorSiren,
    predecessorRna: state.predecessorRna,
    nafCode: state.nafCode,
    sectors: state.sectors,
    activity: state.activity,
    description: state.description,
    streetAddress: state.streetAddress,
    addressComplement: state.addressComplement,
    postalCode: state.postalCode,
    communeCode: state.communeCode,
    latitude: state.latitude,
    longitude: state.longitude,
    website: state.website,
    email: state.email,
    phone: state.phone,
    socialLinks: state.socialLinks,
    membershipStatus: state.membershipStatus,
    memberSince: dateOf(state.memberSince),
    leftOn: dateOf(state.leftOn),
    federations: state.federations,
    advisorId: state.advisorId,
    notes: state.notes,
    published: state.published,
    ...derivedColumns(state),
  } satisfies Prisma.CooperativeUncheckedCreateInput;
}

export function figuresColumns(figures: FiguresState) {
  return { ...figures, revenue: figures.revenue === null ? null : BigInt(figures.revenue) };
}

/** JSON equality that ignores the order of object keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Per-field before/after of two full views, with traits and yearly figures compared key by key. */
export function diffCooperatives(before: Cooperative | null, after: Cooperative) {
  const changes: { field: string; before: unknown; after: unknown }[] = [];
  const ignored = new Set<CooperativeField | 'view'>(['view', 'version', 'updatedAt', 'createdAt']);
  const same = sameValue;
  for (const field of Object.keys(after) as (CooperativeField | 'view')[]) {
    if (ignored.has(field)) continue;
    let was: unknown = before?.[field as CooperativeField] ?? null;
    let now: unknown = after[field as CooperativeField] ?? null;
    if (field === 'contacts') {
      // Replaced contacts get new ids; what changed is the people.
      const people = (list: unknown) =>
        (list as Cooperative['contacts'] | null)?.map(({ id: _id, ...person }) => person) ?? null;
      was = people(was);
      now = people(now);
    }
    if (field === 'traits' || field === 'annualFigures') {
      const keys = new Set([...Object.keys((was as object) ?? {}), ...Object.keys(now as object)]);
      for (const key of [...keys].sort()) {
        const a = (was as Record<string, unknown> | null)?.[key] ?? null;
        const b = (now as Record<string, unknown>)[key] ?? null;
        if (!same(a, b)) changes.push({ field: `${field}.${key}`, before: a, after: b });
      }
    } else if (!same(was, now) && !(before === null && isEmpty(now))) {
      changes.push({ field, before: was, after: now });
    }
  }
  return changes;
}

const isEmpty = (value: unknown) =>
  value === null ||
  value === false ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
