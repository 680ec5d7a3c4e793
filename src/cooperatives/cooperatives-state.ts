// A profile's writable state: built from a create body or a stored row, changed by a merge patch,
// checked against the rules that span several fields, and turned into stored columns.
import type { FieldProblem } from '../errors.js';
import { findCommune, isPostalCodeOfCommune } from '../reference/reference-geography.js';
import { nafDivisionOf, nafSectionOf } from '../reference/reference-naf.js';
import { siretBelongsToSiren } from './cooperatives-identifiers.js';
import type {
  AnnualFiguresInput,
  ContactPersonInput,
  CreateCooperativeBody,
  PatchCooperativeBody,
} from './cooperatives-input.js';
import {
  comparePartialDates,
  isPartialDateInFuture,
  type PartialDate,
} from './cooperatives-partial-dates.js';

type Nullable<T> = { [K in keyof T]-?: Exclude<T[K], undefined> | null };

export type FiguresState = Nullable<AnnualFiguresInput>;
export type ContactState = Nullable<ContactPersonInput> & { name: string };

/** Everything a caller can write about a cooperative, with defaults filled in. */
export type CooperativeState = {
  [K in Exclude<keyof CreateCooperativeBody, 'traits' | 'annualFigures' | 'contacts' | 'slug'>]-?: Exclude<
    CreateCooperativeBody[K],
    undefined
  > extends infer V
    ? V extends unknown[] | boolean | string
      ? V
      : V | null
    : never;
} & {
  slug: string | null;
  tradeNames: string[];
  sectors: string[];
  federations: string[];
  socialLinks: Record<string, string>;
  traits: Record<string, boolean>;
  annualFigures: Record<string, FiguresState>;
  contacts: ContactState[];
};

const FIGURE_FIELDS = [
  'employees',
  'memberEmployees',
  'associates',
  'employeeCapitalShare',
  'associateEmployeeShare',
  'scicColleges',
  'revenue',
] as const;

function figures(input: AnnualFiguresInput, base?: FiguresState): FiguresState {
  return Object.fromEntries(
    FIGURE_FIELDS.map((field) => [
      field,
      input[field] === undefined ? (base?.[field] ?? null) : input[field],
    ]),
  ) as FiguresState;
}

function contact(input: ContactPersonInput): ContactState {
  return {
    name: input.name,
    role: input.role ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
  };
}

function dropNulls(record: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

export function stateFromCreate(body: CreateCooperativeBody): CooperativeState {
  return {
    slug: body.slug ?? null,
    name: body.name,
    tradeNames: body.tradeNames ?? [],
    acronym: body.acronym ?? null,
    siren: body.siren ?? null,
    siret: body.siret ?? null,
    legalCategoryCode: body.legalCategoryCode ?? null,
    family: body.family,
    companyForm: body.companyForm ?? null,
    isCae: body.isCae ?? false,
    isAmorcage: body.isAmorcage ?? false,
    amorcageDeadlineYear: body.amorcageDeadlineYear ?? null,
    isGrouping: body.isGrouping ?? false,
    founded: body.founded ?? null,
    becameCooperative: body.becameCooperative ?? null,
    origin: body.origin ?? null,
    predecessorSiren: body.predecessorSiren ?? null,
    predecessorRna: body.predecessorRna ?? null,
    nafCode: body.nafCode ?? null,
    nafVersion: body.nafVersion ?? 'rev2',
    sectors: body.sectors ?? [],
    activity: body.activity ?? null,
    description: body.description ?? null,
    streetAddress: body.streetAddress ?? null,
    addressComplement: body.addressComplement ?? null,
    postalCode: body.postalCode ?? null,
    communeCode: body.communeCode ?? null,
    latitude: body.latitude ?? null,
    longitude: body.longitude ?? null,
    website: body.website ?? null,
    email: body.email ?? null,
    phone: body.phone ?? null,
    socialLinks: dropNulls(body.socialLinks ?? {}),
    membershipStatus: body.membershipStatus ?? 'active',
    memberSince: body.memberSince ?? null,
    leftOn: body.leftOn ?? null,
    federations: body.federations ?? [],
    advisorId: body.advisorId ?? null,
    notes: body.notes ?? null,
    published: body.published ?? false,
    traits: body.traits ?? {},
    annualFigures: Object.fromEntries(
      Object.entries(body.annualFigures ?? {}).map(([year, f]) => [year, figures(f)]),
    ),
    contacts: (body.contacts ?? []).map(contact),
  };
}

/** RFC 7396 merge: absent keeps, null clears; traits, yearly figures and social links merge by key. */
export function applyPatch(state: CooperativeState, patch: PatchCooperativeBody): CooperativeState {
  const next: CooperativeState = { ...state };
  const target = next as Record<string, unknown>;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    switch (field) {
      case 'traits':
        next.traits = { ...state.traits };
        for (const [key, present] of Object.entries(value as Record<string, boolean | null>)) {
          if (present === null) delete next.traits[key];
          else next.traits[key] = present;
        }
        break;
      case 'annualFigures':
        next.annualFigures = { ...state.annualFigures };
        for (const [year, change] of Object.entries(value as Record<string, AnnualFiguresInput | null>)) {
          if (change === null) delete next.annualFigures[year];
          else next.annualFigures[year] = figures(change, state.annualFigures[year]);
        }
        break;
      case 'socialLinks':
        next.socialLinks = dropNulls({ ...state.socialLinks, ...(value as Record<string, string | null>) });
        break;
      case 'contacts':
        next.contacts = (value as ContactPersonInput[]).map(contact);
        break;
      default:
        target[field] = value;
    }
  }
  return next;
}

/** The latest day a partial date may mean is before the earliest day the other may mean. */
function surelyBefore(a: PartialDate, b: PartialDate): boolean {
  const lastOfA = { year: a.year, month: a.month ?? 12, day: a.day ?? 31 };
  return comparePartialDates(lastOfA, { year: b.year, month: b.month ?? 1, day: b.day ?? 1 }) < 0;
}

/** Rules that span fields; each problem names the field to fix. */
export function checkRules(state: CooperativeState, today = new Date()): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field: `body.${field}`, message });
  const todayText = today.toISOString().slice(0, 10);

  if (state.siren && state.siret && !siretBelongsToSiren(state.siret, state.siren)) {
    problem('siret', `the SIRET must start with the SIREN ${state.siren}`);
  }
  if (state.amorcageDeadlineYear !== null && !state.isAmorcage) {
    problem('amorcageDeadlineYear', "only a Scop d'amorçage has a deadline year");
  }
  if (state.isAmorcage && state.family !== 'scop')
    problem('isAmorcage', "only a SCOP can be a Scop d'amorçage");
  for (const field of ['founded', 'becameCooperative'] as const) {
    const date = state[field];
    if (date && isPartialDateInFuture(date, today)) problem(field, 'must not be in the future');
  }
  if (state.founded && state.becameCooperative && surelyBefore(state.becameCooperative, state.founded)) {
    problem('becameCooperative', 'must not be before the founding date');
  }
  if (state.origin === 'creation' && (state.predecessorSiren || state.predecessorRna)) {
    problem('origin', 'a cooperative created as such has no predecessor');
  }
  if (state.predecessorRna && state.origin !== 'association_conversion') {
    problem('predecessorRna', 'an RNA number only fits an association conversion');
  }
  if (state.siren && state.predecessorSiren === state.siren && state.origin === 'takeover') {
    problem('predecessorSiren', 'a takeover creates a new legal unit: the predecessor SIREN differs');
  }
  if ((state.latitude === null) !== (state.longitude === null)) {
    problem(state.latitude === null ? 'latitude' : 'longitude', 'latitude and longitude go together');
  }
  if (state.postalCode && state.communeCode && findCommune(state.communeCode)) {
    if (!isPostalCodeOfCommune(state.postalCode, state.communeCode)) {
      problem('postalCode', `${state.postalCode} is not a postal code of commune ${state.communeCode}`);
    }
  }
  if (state.leftOn && state.membershipStatus !== 'left')
    problem('leftOn', 'only a member who left has a leaving date');
  for (const field of ['memberSince', 'leftOn'] as const) {
    if (state[field] && state[field]! > todayText) problem(field, 'must not be in the future');
  }
  if (state.memberSince && state.leftOn && state.leftOn < state.memberSince) {
    problem('leftOn', 'must not be before memberSince');
  }
  for (const [year, f] of Object.entries(state.annualFigures)) {
    if (Number(year) > today.getUTCFullYear()) problem(`annualFigures.${year}`, 'must not be a future year');
    if (Number(year) < 1800) problem(`annualFigures.${year}`, 'must be 1800 or later');
    if (f.employees !== null && f.memberEmployees !== null && f.memberEmployees > f.employees) {
      problem(`annualFigures.${year}.memberEmployees`, 'must not be more than employees');
    }
  }
  return problems;
}

/** Columns derived from reference data, never typed by hand. */
export function derivedColumns(state: CooperativeState) {
  const commune = state.communeCode ? findCommune(state.communeCode) : undefined;
  return {
    communeName: commune?.name ?? null,
    departmentCode: commune?.departmentCode ?? null,
    regionCode: commune?.regionCode ?? null,
    nafSection: state.nafCode ? (nafSectionOf(state.nafCode) ?? null) : null,
    nafDivision: state.nafCode ? (nafDivisionOf(state.nafCode) ?? null) : null,
    nafVersion: state.nafCode ? state.nafVersion : null,
  };
}
