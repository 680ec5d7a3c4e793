// Who and where a demo member is: name, slug, description, official identifiers, address, contact people.
import { luhnCheckDigit } from '../cooperatives/cooperatives-identifiers.js';
import type { Commune } from '../reference/reference-geography.js';
import type {
  CompanyForm,
  CooperativeFamily,
  CooperativeOrigin,
  MembershipStatus,
} from '../reference/reference-legal-forms.js';
import type { DemoContact } from './db-demo-data.js';
import { digitsFrom, keyPicker, type Random, uuidFrom } from './db-demo-random.js';
import * as vocab from './db-demo-vocabulary.js';

export type NameParts = {
  nouns: readonly string[];
  trades: readonly string[];
  area: vocab.NameArea;
  places: readonly string[];
  town: string;
  family: CooperativeFamily;
};

/** Lower-case ASCII kebab-case of a name; the caller adds a numeric suffix on collision. */
export function slugify(name: string): string {
  const ascii = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae');
  return (
    ascii
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'cooperative'
  );
}

const emailParts = new Map<string, string>();
const emailPart = (text: string): string => {
  const known = emailParts.get(text);
  if (known !== undefined) return known;
  const part = slugify(text.replace(/['’]/g, ''));
  emailParts.set(text, part);
  return part;
};

/** A French number, grouped in pairs: "02 61 91 42 17". */
export const phoneNumber = (random: Random, prefix: string): string =>
  (prefix + digitsFrom(random, 10 - prefix.length)).replace(/(\d\d)(?=\d)/g, '$1 ');

/** "Paris 11e Arrondissement" reads "Paris" in a name. */
export const townOf = (communeName: string): string =>
  communeName.replace(/ \d+(?:er|e) Arrondissement$/, '');

function ofTown(town: string): string {
  if (town.startsWith('Les ')) return `des ${town.slice(4)}`;
  if (town.startsWith('Le ')) return `du ${town.slice(3)}`;
  return /^[AEIOUYÉÈÎÔ]/.test(town) ? `d'${town}` : `de ${town}`;
}

const pickPattern = keyPicker({
  surname: 30,
  place: 16,
  trades: 12,
  elided: 10,
  brand: 10,
  pair: 8,
  adjective: 8,
});

/** Local places half of the time, the metropolitan stock otherwise. */
function drawPlace(random: Random, parts: NameParts): string {
  return random.pick(random.chance(0.5) ? parts.places : vocab.PLACES.metro);
}

function drawName(random: Random, parts: NameParts): string {
  const noun = random.pick(parts.nouns);
  let name: string;
  switch (pickPattern(random)) {
    case 'surname':
      name = `${noun} ${random.pick(vocab.SURNAMES[parts.area])}`;
      break;
    case 'place':
      name = `${noun} ${drawPlace(random, parts)}`;
      break;
    case 'trades':
      name = `Les ${random.pick(parts.trades)} ${ofTown(parts.town)}`;
      break;
    case 'elided':
      name = `L'${random.pick(vocab.ELIDED_NOUNS)} ${drawPlace(random, parts)}`;
      break;
    case 'brand':
      name = random.pick(vocab.BRAND_PREFIXES) + random.pick(vocab.BRAND_SUFFIXES);
      break;
    case 'pair':
      name = `${random.pick(vocab.PAIRED_NOUNS)}-et-${random.pick(vocab.PAIRED_NOUNS)}`;
      break;
    case 'adjective':
      name = `${noun} ${random.pick(vocab.EPICENE_ADJECTIVES)}`;
      break;
  }
  if (!random.chance(0.1)) return name;
  return `${{ scop: 'Scop', scic: 'Scic', coop47: 'Coopérative' }[parts.family]} ${name}`;
}

/** A few draws, then a double-barrelled surname, then a number: 100,000 names stay distinct. */
export function uniqueName(random: Random, parts: NameParts, used: Set<string>): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const name = drawName(random, parts);
    const doubled = /^(\p{Lu}\p{Ll}+)-et-\1$/u.test(name); // "Bois-et-Bois"
    if (!used.has(name) && !doubled) return name;
  }
  const surnames = vocab.SURNAMES[parts.area];
  const base = `${random.pick(parts.nouns)} ${random.pick(surnames)}-${random.pick(surnames)}`;
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base} ${n}`;
  return name;
}

export function uniqueSlug(name: string, used: Set<string>): string {
  const base = slugify(name);
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}

export function acronymOf(name: string): string | null {
  const words = slugify(name)
    .split('-')
    .filter((word) => word.length >= 3);
  return words.length >= 2 ? words.map((word) => word.charAt(0).toUpperCase()).join('') : null;
}

export type Story = {
  name: string;
  family: CooperativeFamily;
  town: string;
  origin: CooperativeOrigin;
  foundedYear: number;
  becameYear: number;
  activity: string;
};

/** Two or three sentences: how it became a cooperative, what it does, sometimes what it stands for. */
export function describe(random: Random, story: Story): string {
  const values: Record<string, string> = {
    name: story.name,
    family: { scop: 'Scop', scic: 'Scic', coop47: 'coopérative' }[story.family],
    commune: story.town,
    year: String(story.becameYear),
    founded: String(story.foundedYear),
    activity: story.activity.charAt(0).toLowerCase() + story.activity.slice(1),
  };
  const sentences = [
    random.pick(vocab.INTRO_BY_ORIGIN[story.origin] ?? []),
    random.pick(vocab.ACTIVITY_SENTENCES),
  ];
  if (random.chance(0.6)) sentences.push(random.pick(vocab.VALUE_SENTENCES));
  return sentences
    .map((sentence) => sentence.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? ''))
    .join(' ');
}

/** Up to three named people; the first holds the lead role of the company form (gérant, président...). */
export function drawContacts(
  random: Random,
  domain: string,
  area: vocab.NameArea,
  form: CompanyForm,
): DemoContact[] {
  const count = random.pick([0, 1, 1, 1, 1, 1, 2, 2, 2, 3]);
  return Array.from({ length: count }, (_, position) => {
    const female = random.chance(0.5);
    const first = random.pick(female ? vocab.FIRST_NAMES_FEMALE : vocab.FIRST_NAMES_MALE);
    const last = random.pick(vocab.SURNAMES[area]);
    const roles = position === 0 ? (vocab.LEAD_ROLES[form] ?? []) : vocab.OTHER_ROLES;
    return {
      id: uuidFrom(random),
      name: `${first} ${last}`,
      role: random.chance(0.9) ? (random.pick(roles).split('/')[female ? 1 : 0] ?? null) : null,
      email: random.chance(0.85) ? `${emailPart(first)}.${emailPart(last)}@${domain}` : null,
      phone: random.chance(0.6) ? phoneNumber(random, vocab.MOBILE_PREFIX) : null,
      position,
    };
  });
}

/** An advisor's address at the union: first.last, numbered if two advisors share a name. */
export function advisorEmail(name: { first: string; last: string }, used: Set<string>): string {
  const local = `${emailPart(name.first)}.${emailPart(name.last)}`;
  let email = `${local}@${vocab.UNION_EMAIL_DOMAIN}`;
  for (let n = 2; used.has(email); n++) email = `${local}${n}@${vocab.UNION_EMAIL_DOMAIN}`;
  used.add(email);
  return email;
}

// Members' SIRENs are a bijection of the index (distinct up to 60 million); predecessors' start with 3.
export const SIREN_SPAN = 60_000_000;
const SIREN_STRIDE = 7_654_321; // coprime with SIREN_SPAN

const withLuhn = (payload: string) => payload + luhnCheckDigit(payload);
const sirenOf = (offset: number, index: number) =>
  withLuhn(String(40_000_000 + ((offset + index * SIREN_STRIDE) % SIREN_SPAN)));

export type IdentityPlan = {
  sirenOffset: number;
  index: number;
  complete: boolean;
  departmentCode: string;
  family: CooperativeFamily;
  companyForm: CompanyForm;
  isGrouping: boolean;
  origin: CooperativeOrigin;
  status: MembershipStatus;
};

const pickNic = keyPicker({ '0001': 80, '0002': 12, '0003': 8 });

/** SIREN and head-office SIRET (NIC 0001x mostly), the observed INSEE category, the predecessor's number. */
export function drawIdentifiers(random: Random, plan: IdentityPlan) {
  const hasSiren = plan.complete || random.chance(plan.status === 'pending' ? 0.5 : 0.93);
  const siren = hasSiren ? sirenOf(plan.sirenOffset, plan.index) : null;
  const nic = pickNic(random);
  // Register categories: 54xx SARL, 55xx/56xx SA; xx58 Scop, xx59 union of cooperatives, xx60 other; SAS 5710.
  const saPrefix = random.chance(0.75) ? '55' : '56';
  const category =
    plan.companyForm === 'sas'
      ? '5710'
      : (plan.companyForm === 'sarl' ? '54' : saPrefix) +
        (plan.isGrouping ? '59' : plan.family === 'scop' ? '58' : '60');
  const takenOver =
    plan.origin === 'transmission' || plan.origin === 'company_conversion' || plan.origin === 'takeover';
  return {
    siren,
    siret: siren && random.chance(0.95) ? withLuhn(siren + nic) : null,
    legalCategoryCode: siren && random.chance(0.97) ? category : null,
    predecessorSiren: takenOver && random.chance(0.8) ? withLuhn(`3${digitsFrom(random, 7)}`) : null,
    predecessorRna:
      plan.origin === 'association_conversion' && random.chance(0.85)
        ? `W${plan.departmentCode.slice(0, 2)}${digitsFrom(random, 7)}`
        : null,
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Address and coordinates up to 3 km from the town centre; a few members have no address or no point yet. */
export function drawLocation(
  random: Random,
  place: vocab.DemoCommune & { commune: Commune },
  complete: boolean,
) {
  const { commune } = place;
  const located = complete || random.chance(0.98);
  const hasPoint = located && (complete || random.chance(0.95));
  const km = 3 * Math.sqrt(random.next());
  const angle = 2 * Math.PI * random.next();
  const kmPerLongitudeDegree = 111.2 * Math.cos((place.latitude * Math.PI) / 180);
  const street = `${random.int(1, 180)}${random.chance(0.08) ? ' bis' : ''} ${random.pick(vocab.STREET_TYPES)} ${random.pick(vocab.STREET_NAMES)}`;
  return {
    streetAddress: located && random.chance(0.95) ? street : null,
    addressComplement: located && random.chance(0.12) ? random.pick(vocab.ADDRESS_COMPLEMENTS) : null,
    postalCode: located ? (commune.postalCodes[0] ?? null) : null,
    communeCode: located ? commune.code : null,
    communeName: located ? commune.name : null,
    departmentCode: located ? commune.departmentCode : null,
    regionCode: located ? commune.regionCode : null,
    latitude: hasPoint ? round6(place.latitude + (km * Math.cos(angle)) / 111.2) : null,
    longitude: hasPoint ? round6(place.longitude + (km * Math.sin(angle)) / kmPerLongitudeDegree) : null,
  };
}
