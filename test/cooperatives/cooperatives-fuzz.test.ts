import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../src/cooperatives/cooperatives-identifiers.js';
import {
  CreateCooperativeBodySchema,
  PatchCooperativeBodySchema,
} from '../../src/cooperatives/cooperatives-input.js';
import { SOCIAL_NETWORKS } from '../../src/cooperatives/cooperatives-schemas.js';
import {
  COMPANY_FORMS,
  FAMILIES,
  MEMBERSHIP_STATUSES,
  ORIGINS,
} from '../../src/reference/reference-legal-forms.js';
import { SECTOR_KEYS } from '../../src/reference/reference-sectors.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { makeApiKey, makeCooperativeBody, siretOf } from '../helpers/test-factories.js';

// Fixed seed: a failure replays identically; fast-check prints the counterexample and its path.
const RUNS = { seed: 42 } as const;

let t: TestApp;
let advisor: Record<string, string>;

beforeAll(async () => {
  t = await buildTestApp();
  advisor = { authorization: `Bearer ${await makeApiKey(t.db, 'advisor')}` };
});
afterAll(() => t.close());

// ---- values: plausible ones per field, mixed with garbage of every JSON type ----

const awkwardText = fc.constantFrom(
  '',
  '   ',
  '  Scop des Tisserands  ',
  'Œuvre commune — Société coopérative à l’égard d’Île-de-France',
  'Nul\u0000byte',
  '\u202eevil\u200b',
  '🧑‍🤝‍🧑 coopérative 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  "'; DROP TABLE cooperative; --",
  '<script>alert(1)</script>',
  '\ud800 lone surrogate',
);
const text = fc.oneof(
  { weight: 3, arbitrary: awkwardText },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(201, 5_001, 100_000).map((n) => 'é'.repeat(n)) },
);
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    -1,
    0,
    0.5,
    1799,
    2201,
    2 ** 31,
    -(2 ** 31) - 1,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1e308,
    5e-324,
  ),
);
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  number,
  text,
  fc.array(text, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const siren = fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => `${n}${luhnCheckDigit(String(n))}`);
const partialDate = fc.constantFrom(
  '2010',
  '2011-05',
  '2011-05-17',
  '2099',
  '1799',
  '2010-13',
  '2010-02-30',
  '10-05-2011',
);
const day = fc.constantFrom(
  '2015-03-01',
  '2024-02-29',
  '2023-02-29',
  '2999-01-01',
  '15/03/2015',
  '0000-01-01',
);
const web = fc.constantFrom(
  'https://coop.example.fr',
  'http://coop.example.fr/a?b=c',
  'ftp://coop.example.fr',
  'javascript:alert(1)',
);
const email = fc.constantFrom('contact@coop.example.fr', 'not-an-email', 'élise@coopé.fr');
const phone = fc.constantFrom('02 47 00 00 00', '+33 2 47 00 00 00', '12', 'call me');
const count = fc.oneof(fc.integer({ min: -2, max: 60 }), fc.constantFrom(1_000_001, 2 ** 40));
const figures = fc.record(
  {
    employees: fc.option(count),
    memberEmployees: fc.option(count),
    associates: fc.option(count),
    employeeCapitalShare: fc.option(fc.double({ min: -1, max: 101, noNaN: true })),
    associateEmployeeShare: fc.option(fc.double({ min: -1, max: 101, noNaN: true })),
    scicColleges: fc.option(fc.integer({ min: -1, max: 60 })),
    revenue: fc.option(fc.oneof(fc.nat(), fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 63))),
  },
  { requiredKeys: [] },
);

const plausible: Record<string, fc.Arbitrary<unknown>> = {
  slug: fc.constantFrom('scop-des-tisserands', 'Scop-Des-Tisserands', '-bad-', 'a'.repeat(121)),
  name: fc.constantFrom('Scop des Tisserands', '  Les Menuisiers  ', 'Œuvres & Cie'),
  tradeNames: fc.array(text, { maxLength: 3 }),
  acronym: fc.constantFrom('SDT', 'A'.repeat(51)),
  siren,
  siret: siren.map((s) => siretOf(s)),
  legalCategoryCode: fc.constantFrom('5458', '5560', '0123', '54'),
  family: fc.constantFrom(...FAMILIES, 'sarl'),
  companyForm: fc.constantFrom(...COMPANY_FORMS),
  isCae: fc.boolean(),
  isAmorcage: fc.boolean(),
  amorcageDeadlineYear: fc.integer({ min: 1790, max: 2210 }),
  isGrouping: fc.boolean(),
  founded: partialDate,
  becameCooperative: partialDate,
  origin: fc.constantFrom(...ORIGINS),
  predecessorSiren: siren,
  predecessorRna: fc.constantFrom('W372000001', 'w37 2000001', '0372001234', 'W37'),
  nafCode: fc.constantFrom('62.01Z', '6201z', '16.23Z', '99.99Z', '62.01'),
  nafVersion: fc.constantFrom('rev2', 'naf2025', 'rev1'),
  sectors: fc.subarray([...SECTOR_KEYS, 'astrology'], { maxLength: 6 }),
  postalCode: fc.constantFrom('37000', '37100', '75001', ' 37000 ', '3700'),
  communeCode: fc.constantFrom('37261', '2A004', '75108', '99999', '37 261', '2a004'),
  latitude: fc.double({ min: -91, max: 91, noNaN: true }),
  longitude: fc.double({ min: -181, max: 181, noNaN: true }),
  website: web,
  email,
  phone,
  socialLinks: fc.dictionary(fc.constantFrom(...SOCIAL_NETWORKS, 'myspace'), fc.option(web), { maxKeys: 3 }),
  membershipStatus: fc.constantFrom(...MEMBERSHIP_STATUSES),
  memberSince: day,
  leftOn: day,
  federations: fc.array(fc.constantFrom('CG Scop', 'URScop', ''), { maxLength: 3 }),
  advisorId: fc.uuid(),
  contacts: fc.array(
    fc.record(
      {
        name: fc.oneof(text, fc.constant('Élise Martin')),
        role: fc.option(text),
        email: fc.option(email),
        phone: fc.option(phone),
      },
      { requiredKeys: ['name'] },
    ),
    { maxLength: 3 },
  ),
  traits: fc.dictionary(
    fc.constantFrom('sociocracy', 'open_vacation', 'parity_goals', 'unknown_trait', 'Bad-Key', ''),
    fc.option(fc.boolean()),
    { maxKeys: 3 },
  ),
  annualFigures: fc.dictionary(
    fc.constantFrom('2020', '2023', '2024', '1799', '3000', '99', 'abcd'),
    fc.option(figures),
    { maxKeys: 3 },
  ),
};

// Values that carry random bodies past validation, awkward text included (stored as sent, or refused
// with a 4xx: never a 5xx).
const goodText = fc.oneof(
  fc.constantFrom(
    'Scop des Tisserands',
    'Œuvre commune — Société coopérative',
    "L'Atelier d'à côté",
    'Nul\u0000byte',
  ),
  fc.constantFrom(
    '🧑‍🤝‍🧑 coopérative',
    "'; DROP TABLE cooperative; --",
    '<b>gras</b>',
    '\ud800 lone surrogate',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
);
const acceptedValues: Record<string, fc.Arbitrary<unknown>> = {
  name: goodText,
  tradeNames: fc.array(goodText, { maxLength: 3 }),
  activity: fc.option(goodText),
  description: fc.option(goodText),
  streetAddress: fc.option(goodText),
  notes: fc.option(goodText),
  sectors: fc.subarray([...SECTOR_KEYS], { maxLength: 5 }),
  traits: fc.dictionary(fc.constantFrom('sociocracy', 'open_vacation', 'parity_goals'), fc.boolean(), {
    maxKeys: 3,
  }),
  annualFigures: fc.dictionary(
    fc.constantFrom('2020', '2023', '2024'),
    fc.record(
      {
        employees: fc.integer({ min: 10, max: 500 }),
        memberEmployees: fc.integer({ min: 0, max: 10 }),
        revenue: fc.nat(),
      },
      { requiredKeys: [] },
    ),
    { maxKeys: 2 },
  ),
  contacts: fc.array(
    fc.record(
      { name: goodText, email: fc.option(fc.constant('contact@coop.example.fr')) },
      { requiredKeys: ['name'] },
    ),
    { maxLength: 3 },
  ),
  membershipStatus: fc.constantFrom('active', 'pending'),
  isCae: fc.boolean(),
  isGrouping: fc.boolean(),
  published: fc.boolean(),
  website: fc.option(fc.constant('https://coop.example.fr/accueil')),
  socialLinks: fc.dictionary(
    fc.constantFrom(...SOCIAL_NETWORKS),
    fc.constant('https://social.example/coop'),
    { maxKeys: 2 },
  ),
  federations: fc.array(fc.constantFrom('CG Scop', 'URScop'), { maxLength: 2 }),
  memberSince: fc.constantFrom('2015-03-01', '2024-02-29', null),
  nafCode: fc.constantFrom('62.01Z', '6201z', null),
  nafVersion: fc.constantFrom('rev2', 'naf2025'),
};
const ACCEPTED_FIELDS = Object.keys(acceptedValues);

const anyValueFor = (field: string) =>
  fc.oneof({ weight: 3, arbitrary: plausible[field] ?? text }, { weight: 1, arbitrary: garbage });

/** 1 to `max` of the given fields, each with a value, plus now and then an unknown field. */
function fieldsArbitrary(fields: string[], max: number): fc.Arbitrary<Record<string, unknown>> {
  const known = fc
    .uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: max })
    .chain((chosen) => fc.record(Object.fromEntries(chosen.map((field) => [field, anyValueFor(field)]))));
  const unknown = fc.option(
    fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), garbage, { minKeys: 1, maxKeys: 2 }),
    { freq: 6 },
  );
  return fc.tuple(known, unknown).map(([values, extra]) => ({ ...(extra ?? {}), ...values }));
}

/** 1 to 3 fields with values the API must accept. */
const acceptedFields = fc
  .uniqueArray(fc.constantFrom(...ACCEPTED_FIELDS), { minLength: 1, maxLength: 3 })
  .chain((chosen) => fc.record(Object.fromEntries(chosen.map((field) => [field, acceptedValues[field]!]))));

const oneAcceptedField = fc
  .constantFrom(...ACCEPTED_FIELDS)
  .chain((field) => acceptedValues[field]!.map((value) => ({ [field]: value })));

// ---- whole requests, JSON or not ----

type Request = { payload: string | Buffer; contentType?: string };

const nested = (depth: number, inner: string) => `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
const rawPayload = fc.oneof(
  fc.constantFrom(
    '',
    'null',
    '[]',
    '"Scop"',
    '42',
    '{',
    '{"name": }',
    '{"name": "Scop", "family": "scop",}',
    '\uFEFF{"name":"Scop","family":"scop"}',
    '{"__proto__": {"admin": true}, "name": "Scop", "family": "scop"}',
    '{"constructor": {"prototype": {"admin": true}}}',
    'name=Scop&family=scop',
    '<cooperative name="Scop"/>',
    `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    nested(20_000, '1'),
    nested(5_000, '{"__proto__": 1}'),
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json().map((json) => json.slice(0, Math.max(1, json.length - 1))),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);
const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json; charset=iso-8859-1',
    'application/merge-patch+json',
    'text/plain',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=----coop',
    'application/jsonx',
    '',
  ),
  { nil: undefined },
);

const asJson = (body: unknown, type = 'application/json'): Request => ({
  payload: JSON.stringify(body),
  contentType: type,
});

function postRequest(): fc.Arbitrary<Request> {
  const createFields = Object.keys(CreateCooperativeBodySchema.shape);
  const fromFactory = fc
    .tuple(fieldsArbitrary(createFields, 5), fc.subarray(['name', 'family'] as const), fc.boolean())
    .map(([overrides, dropped, fromScratch]) => {
      const body: Record<string, unknown> = { ...(fromScratch ? {} : makeCooperativeBody()), ...overrides };
      for (const field of dropped) delete body[field];
      return asJson(body);
    });
  const valid = acceptedFields.map((overrides) => asJson({ ...makeCooperativeBody(), ...overrides }));
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 5, arbitrary: fromFactory },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((body) => asJson(body)) },
    { weight: 2, arbitrary: fc.record({ payload: rawPayload, contentType }, { requiredKeys: ['payload'] }) },
  );
}

function patchRequest(): fc.Arbitrary<Request> {
  const patchFields = Object.keys(PatchCooperativeBodySchema.shape);
  const type = fc.constantFrom('application/merge-patch+json', 'application/json');
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(acceptedFields, type).map(([body, t]) => asJson(body, t)) },
    { weight: 2, arbitrary: oneAcceptedField.map((body) => asJson(body, 'application/merge-patch+json')) },
    {
      weight: 5,
      arbitrary: fc.tuple(fieldsArbitrary(patchFields, 4), type).map(([body, t]) => asJson(body, t)),
    },
    {
      weight: 1,
      arbitrary: fc.jsonValue({ maxDepth: 2 }).map((body) => asJson(body, 'application/merge-patch+json')),
    },
    { weight: 1, arbitrary: fc.record({ payload: rawPayload, contentType }, { requiredKeys: ['payload'] }) },
  );
}

// ---- what is observed ----

async function rowCounts() {
  const { rows } = await t.db.pool.query(
    `SELECT (SELECT count(*) FROM cooperative)::int AS cooperatives,
            (SELECT count(*) FROM annual_figures)::int AS figures,
            (SELECT count(*) FROM cooperative_trait)::int AS traits,
            (SELECT count(*) FROM contact_person)::int AS contacts,
            (SELECT count(*) FROM audit_event)::int AS events`,
  );
  return rows[0] as {
    cooperatives: number;
    figures: number;
    traits: number;
    contacts: number;
    events: number;
  };
}

function send(method: 'POST' | 'PATCH', url: string, request: Request, headers: Record<string, string> = {}) {
  const options: InjectOptions = {
    method,
    url,
    payload: request.payload,
    headers: {
      ...advisor,
      ...headers,
      ...(request.contentType === undefined ? {} : { 'content-type': request.contentType }),
    },
  };
  return t.app.inject(options);
}

function expectClientProblem(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(500);
  if (response.statusCode < 400) return;
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status: response.statusCode });
}

describe('cooperatives under random input', () => {
  it('POST /v1/cooperatives never fails on our side, and a refused body writes nothing', {
    timeout: 120_000,
  }, async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(postRequest(), async (request) => {
        const before = await rowCounts();
        const response = await send('POST', '/v1/cooperatives', request);
        expectClientProblem(response);
        const after = await rowCounts();
        if (response.statusCode >= 400) {
          expect(after).toEqual(before);
          return;
        }
        expect(response.statusCode).toBe(201);
        expect(after.cooperatives).toBe(before.cooperatives + 1);
        expect(after.events).toBe(before.events + 1);
        created += 1;
      }),
      { ...RUNS, numRuns: 150 },
    );
    // The generators reach valid bodies too, so the checks past validation are exercised.
    expect(created).toBeGreaterThan(0);
  });

  it('PATCH /v1/cooperatives/{id} with the right If-Match changes one version at a time, or nothing', {
    timeout: 120_000,
  }, async () => {
    // A full profile and a bare one (a new member whose details are not known yet).
    const ids: string[] = [];
    for (const body of [makeCooperativeBody(), { name: 'Coopérative naissante', family: 'scic' }]) {
      const created = await send('POST', '/v1/cooperatives', asJson(body));
      expect(created.statusCode, created.body).toBe(201);
      ids.push(created.json().id);
    }
    const read = async (id: string) => {
      const response = await t.app.inject({ method: 'GET', url: `/v1/cooperatives/${id}`, headers: advisor });
      expect(response.statusCode).toBe(200);
      const events = await t.db.pool.query(
        'SELECT count(*)::int AS n FROM audit_event WHERE cooperative_id = $1',
        [id],
      );
      return {
        profile: response.json() as Record<string, unknown>,
        etag: String(response.headers.etag),
        events: events.rows[0].n,
      };
    };
    const withoutVersion = ({ version: _, updatedAt: __, ...rest }: Record<string, unknown>) => rest;
    let applied = 0;

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ids), patchRequest(), async (id, request) => {
        const url = `/v1/cooperatives/${id}`;
        const before = await read(id);
        const response = await send('PATCH', url, request, { 'if-match': before.etag });
        expectClientProblem(response);
        const after = await read(id);
        if (response.statusCode >= 400 || after.profile.version === before.profile.version) {
          expect(after).toEqual(before);
          return;
        }
        expect(response.statusCode).toBe(200);
        expect(after.profile.version).toBe(Number(before.profile.version) + 1);
        expect(after.events).toBe(before.events + 1);
        expect(response.json()).toEqual(after.profile);
        // A new version has something to show for it...
        expect(withoutVersion(after.profile)).not.toEqual(withoutVersion(before.profile));
        // ...and a merge patch is idempotent: sending it again changes nothing.
        const again = await send('PATCH', url, request, { 'if-match': after.etag });
        expect(again.statusCode, again.body.slice(0, 500)).toBe(200);
        expect(await read(id)).toEqual(after);
        applied += 1;
      }),
      { ...RUNS, numRuns: 100 },
    );
    expect(applied).toBeGreaterThan(0);
  });
});
