// The demo directory: realistic members with figures, traits, contacts and advisors, the same for a given seed.
import type {
  Advisor,
  AnnualFigures,
  ContactPerson,
  Cooperative,
  CooperativeTrait,
} from '../generated/prisma/client.js';
import { type Commune, findCommune } from '../reference/reference-geography.js';
import { headcountBandOf } from '../reference/reference-headcount.js';
import type {
  CompanyForm,
  CooperativeFamily,
  CooperativeOrigin,
  MembershipStatus,
} from '../reference/reference-legal-forms.js';
import { findNafSubclass, type NafSubclass } from '../reference/reference-naf.js';
import { defaultSectorForNaf, SECTOR_KEYS } from '../reference/reference-sectors.js';
import { drawDates, drawFigures, drawMembership, drawTraits } from './db-demo-history.js';
import * as identity from './db-demo-identity.js';
import {
  createRandom,
  hashString,
  instantBetween,
  keyPicker,
  type Random,
  uuidFrom,
  weightedPicker,
} from './db-demo-random.js';
import * as vocab from './db-demo-vocabulary.js';

export type DemoAdvisor = Advisor;
export type DemoAnnualFigures = Omit<AnnualFigures, 'cooperativeId' | 'headcountBand'>;
export type DemoTrait = Omit<CooperativeTrait, 'cooperativeId'>;
export type DemoContact = Omit<ContactPerson, 'cooperativeId'>;
/** Prisma's row without name_normalized; figuresYear, employees... hold what the figures trigger mirrors. */
export type DemoCooperative = Omit<Cooperative, 'nameNormalized'> & {
  annualFigures: DemoAnnualFigures[];
  traits: DemoTrait[];
  contacts: DemoContact[];
};
/** `cooperatives` is drawn lazily, afresh on each iteration: 100,000 members need little memory. */
export type DemoDirectory = { advisors: DemoAdvisor[]; cooperatives: Iterable<DemoCooperative> };

type Fixed = {
  name: string;
  family: CooperativeFamily;
  companyForm: CompanyForm;
  nafCode: string;
  communeCode: string;
  origin: CooperativeOrigin;
  activity?: string;
};
/** Members search tests and the demo rely on: the first rows of every directory, whatever the seed. */
export const DEMO_FIXED_COOPERATIVES: readonly Fixed[] = (
  [
    ['Menuiserie Dupré', 'scop', 'sarl', '43.32A', '37261', 'creation'],
    ["L'Atelier du Lin", 'scop', 'sarl', '13.20Z', '45234', 'transmission', 'Tissage et confection en lin'],
    ['Arts-et-Vie', 'scic', 'sas', '90.01Z', '75120', 'association_conversion'],
    ['Écopôle', 'scic', 'sas', '38.32Z', '2B033', 'creation'],
    ['DataCoop', 'scop', 'sas', '62.01Z', '93048', 'creation'],
    ['École des Possibles', 'scic', 'sarl', '85.59A', '97411', 'association_conversion'],
  ] as const
).map(([name, family, companyForm, nafCode, communeCode, origin, activity]) => {
  return { name, family, companyForm, nafCode, communeCode, origin, ...(activity ? { activity } : {}) };
});

/** "Today" for the demo: nothing is dated after it, so that every load gives the same rows. */
export const DEMO_REFERENCE_DATE = new Date('2026-01-01T00:00:00.000Z');
export const MAX_DEMO_COUNT = 1_000_000;
const STREAMS = { advisors: 0xad1, sirens: 0x5172, cooperatives: 0xc00b } as const;

const pickFamily = keyPicker<CooperativeFamily>({ scop: 75, scic: 20, coop47: 5 });
const pickForm: Record<CooperativeFamily, (random: Random) => CompanyForm> = {
  scop: keyPicker({ sarl: 68, sas: 27, sa: 5 }),
  scic: keyPicker({ sas: 55, sarl: 38, sa: 7 }),
  coop47: keyPicker({ sarl: 50, sas: 30, sa: 20 }),
};
const pickOrigin = keyPicker<CooperativeOrigin>({
  creation: 78,
  transmission: 7,
  association_conversion: 5,
  company_conversion: 5,
  takeover: 5,
});
const pickStatus = keyPicker<MembershipStatus>({ active: 93, pending: 4, left: 3 });
const pickNaf = weightedPicker(vocab.DEMO_NAF, (entry) => entry.weight);

// Surnames and place names follow the région: Corsican, Réunionese, Antillean, Mahoran or metropolitan.
const NAME_AREAS: Readonly<Record<string, vocab.NameArea>> = {
  '01': 'antilles',
  '02': 'antilles',
  '03': 'antilles',
  '04': 'reunion',
  '06': 'mayotte',
  '94': 'corse',
};
const PLACE_AREAS: Readonly<Record<string, vocab.PlaceArea>> = {
  '01': 'overseas',
  '02': 'overseas',
  '03': 'overseas',
  '04': 'overseas',
  '06': 'overseas',
  '11': 'idf',
  '24': 'centre',
  '94': 'corse',
};

type PlacedCommune = vocab.DemoCommune & { commune: Commune };
type PlacedNaf = vocab.DemoNaf & { subclass: NafSubclass };
type DemoReferences = {
  communes: PlacedCommune[];
  naf: Map<string, PlacedNaf>;
  pickCommune: (random: Random) => PlacedCommune;
};
let references: DemoReferences | undefined;

/** The demo communes and NAF codes resolved through the reference data; throws on an unknown code. */
export function demoReferences(): DemoReferences {
  if (references) return references;
  const communes = vocab.DEMO_COMMUNES.map((entry) => {
    const commune = findCommune(entry.code);
    if (!commune) throw new Error(`demo commune ${entry.code} is not a current INSEE commune`);
    return { ...entry, commune };
  });
  const naf = new Map(
    vocab.DEMO_NAF.map((entry) => {
      const subclass = findNafSubclass(entry.code);
      if (!subclass) throw new Error(`demo NAF code ${entry.code} is not a NAF rév. 2 sub-class`);
      return [entry.code, { ...entry, subclass }];
    }),
  );
  references = { communes, naf, pickCommune: weightedPicker(communes, (entry) => entry.weight) };
  return references;
}

export function generateDemoDirectory(options: { count?: number; seed?: number } = {}): DemoDirectory {
  const { count = 300, seed = 1 } = options;
  if (!Number.isInteger(count) || count < 0 || count > MAX_DEMO_COUNT) {
    throw new RangeError(`count must be an integer from 0 to ${MAX_DEMO_COUNT}, got ${count}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  const advisors = drawAdvisors(seed);
  return { advisors, cooperatives: { [Symbol.iterator]: () => drawCooperatives(seed, count, advisors) } };
}

function drawAdvisors(seed: number): DemoAdvisor[] {
  const random = createRandom(seed, STREAMS.advisors);
  const count = random.int(5, 8);
  const emails = new Set<string>();
  return Array.from({ length: count }, (_, k) => {
    const first = random.pick(random.chance(0.5) ? vocab.FIRST_NAMES_FEMALE : vocab.FIRST_NAMES_MALE);
    const last = random.pick(vocab.SURNAMES.metro);
    return {
      id: uuidFrom(random),
      name: `${first} ${last}`,
      email: identity.advisorEmail({ first, last }, emails),
      // Larger teams keep a former advisor on record.
      active: count < 7 || k < count - 1,
      createdAt: instantBetween(random, Date.UTC(2023, 0, 2), Date.UTC(2023, 11, 20)),
    };
  });
}

type MemberContext = {
  seed: number;
  sirenOffset: number;
  advisors: DemoAdvisor[];
  names: Set<string>;
  slugs: Set<string>;
};

function* drawCooperatives(seed: number, count: number, advisors: DemoAdvisor[]): Generator<DemoCooperative> {
  const context: MemberContext = {
    seed,
    sirenOffset: createRandom(seed, STREAMS.sirens).int(0, identity.SIREN_SPAN - 1),
    advisors: advisors.filter((advisor) => advisor.active),
    names: new Set(DEMO_FIXED_COOPERATIVES.map((fixed) => fixed.name)),
    slugs: new Set(),
  };
  for (let index = 0; index < count; index++) yield drawCooperative(context, index);
}

function drawCooperative(context: MemberContext, index: number): DemoCooperative {
  const random = createRandom(context.seed, STREAMS.cooperatives, index);
  const fixed = DEMO_FIXED_COOPERATIVES[index];
  const id = uuidFrom(random);
  const family = fixed?.family ?? pickFamily(random);
  const isCae = !fixed && family !== 'coop47' && random.chance(0.05);
  const isGrouping = !fixed && !isCae && random.chance(0.01);
  const { communes, naf: nafByCode, pickCommune } = demoReferences();
  const nafCode =
    fixed?.nafCode ??
    (isCae ? random.pick(vocab.CAE_NAF_CODES) : isGrouping ? vocab.GROUPING_NAF_CODE : undefined) ??
    pickNaf(random).code;
  const naf = nafByCode.get(nafCode)!;
  const place = fixed ? communes.find((entry) => entry.code === fixed.communeCode)! : pickCommune(random);
  const { commune } = place;
  const companyForm = fixed?.companyForm ?? pickForm[family](random);
  const origin = fixed?.origin ?? pickOrigin(random);
  const { founded, became } = drawDates(random, origin, family === 'scic' ? 2002 : isCae ? 1995 : 1950);
  const converted = origin === 'company_conversion' || origin === 'transmission';
  const isAmorcage = !fixed && family === 'scop' && converted && became.year >= 2015 && random.chance(0.4);
  const status: MembershipStatus = fixed ? 'active' : pickStatus(random);

  const area = NAME_AREAS[commune.regionCode ?? ''] ?? 'metro';
  const town = identity.townOf(commune.name);
  const places = vocab.PLACES[PLACE_AREAS[commune.regionCode ?? ''] ?? 'metro'];
  const parts = { nouns: naf.nouns, trades: naf.trades, area, places, town, family };
  const name = fixed?.name ?? identity.uniqueName(random, parts, context.names);
  context.names.add(name);
  const slug = identity.uniqueSlug(name, context.slugs);
  const domain = `${slug}.example.fr`;
  const sector = defaultSectorForNaf(nafCode) ?? 'services_consulting';
  const activity = fixed?.activity ?? naf.activity;
  const identifiers = identity.drawIdentifiers(random, {
    index,
    sirenOffset: context.sirenOffset,
    family,
    companyForm,
    isGrouping,
    origin,
    status,
    departmentCode: commune.departmentCode,
    complete: fixed !== undefined,
  });
  const hasNaf = identifiers.siren !== null || random.chance(0.5);
  const story = { name, family, town, origin, activity, foundedYear: founded.year, becameYear: became.year };
  const noFigures = !fixed && random.chance(status === 'pending' ? 0.6 : 0.05);
  const plan = { family, isCae, isGrouping, isAmorcage, origin, sector, becameYear: became.year, noFigures };
  const { figures, allAssociates } = drawFigures(random, plan);
  const latest = figures.at(-1);
  const socialLinks: Record<string, string> = {};
  if (random.chance(0.3)) socialLinks.linkedin = `https://www.linkedin.com/company/${slug}`;
  if (random.chance(0.06)) socialLinks.mastodon = `https://mastodon.social/@${slug.replaceAll('-', '')}`;
  const federation = vocab.FEDERATION_BY_SECTOR[sector];
  const federations = federation && random.chance(0.55) ? [federation] : [];
  if (isCae && random.chance(0.7)) federations.push(vocab.CAE_NETWORK);
  // Advisors mostly follow départements, as the union splits its territory.
  const advisor = random.chance(0.9)
    ? context.advisors[hashString(commune.departmentCode) % context.advisors.length]
    : random.pick(context.advisors);

  return {
    id,
    slug,
    name,
    tradeNames: random.chance(0.08)
      ? [random.pick(vocab.BRAND_PREFIXES) + random.pick(vocab.BRAND_SUFFIXES)]
      : [],
    acronym: random.chance(0.05) ? identity.acronymOf(name) : null,
    ...identifiers,
    family,
    companyForm,
    isCae,
    isAmorcage,
    // The employees must hold half the capital by the end of the 7th year after the conversion.
    amorcageDeadlineYear: isAmorcage ? became.year + 7 : null,
    isGrouping,
    foundedYear: founded.year,
    foundedMonth: founded.month,
    foundedDay: founded.day,
    becameCooperativeYear: became.year,
    becameCooperativeMonth: became.month,
    becameCooperativeDay: became.day,
    origin,
    nafCode: hasNaf ? nafCode : null,
    nafVersion: hasNaf ? 'rev2' : null,
    nafSection: hasNaf ? naf.subclass.section : null,
    nafDivision: hasNaf ? naf.subclass.division : null,
    sectors: random.chance(0.12)
      ? [sector, random.pick(SECTOR_KEYS.filter((key) => key !== sector))]
      : [sector],
    activity,
    description: identity.describe(random, story),
    ...identity.drawLocation(random, place, fixed !== undefined),
    figuresYear: latest?.year ?? null,
    employees: latest?.employees ?? null,
    memberEmployees: latest?.memberEmployees ?? null,
    headcountBand: latest?.employees == null ? null : headcountBandOf(latest.employees),
    website: random.chance(status === 'pending' ? 0.5 : 0.85) ? `https://${domain}` : null,
    email: random.chance(0.8) ? `contact@${domain}` : null,
    phone: random.chance(0.75)
      ? identity.phoneNumber(random, vocab.LANDLINE_PREFIX_BY_REGION[commune.regionCode ?? ''] ?? '019900')
      : null,
    socialLinks,
    ...drawMembership(random, status, became),
    federations,
    advisorId: advisor && random.chance(status === 'pending' ? 0.6 : 0.95) ? advisor.id : null,
    notes: random.chance(0.35) ? random.pick(vocab.ADVISOR_NOTES) : null,
    published: fixed !== undefined || (status === 'active' && random.chance(0.99)),
    version: 1,
    annualFigures: figures,
    traits: drawTraits(random, allAssociates),
    contacts: identity.drawContacts(random, domain, area, companyForm),
  };
}
