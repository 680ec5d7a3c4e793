// The privacy walk: every API field, every role. A new field is classified in one place
// (src/cooperatives/cooperatives-fields.ts) and this test follows that classification, so a
// private field cannot reach the public by accident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateCooperativeBodySchema } from '../../src/cooperatives/cooperatives-input.js';
import { CooperativeSchema } from '../../src/cooperatives/cooperatives-schemas.js';
import {
  ANNUAL_FIGURES_API_VISIBILITY,
  COOPERATIVE_API_VISIBILITY,
} from '../../src/cooperatives/cooperatives-visibility.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { type Keys, makeApiKeys, makeCooperativeBody } from '../helpers/test-factories.js';

let t: TestApp;
let keys: Keys;
let body: Record<string, unknown>;
let id: string;

// A value for every writable field, distinctive enough to be found in any response text.
function everyField(advisorId: string) {
  return makeCooperativeBody({
    slug: 'walk-cooperative',
    name: 'Walk Coopérative',
    tradeNames: ['Walk Trade'],
    acronym: 'WLK',
    legalCategoryCode: '5458',
    isCae: true,
    isAmorcage: true,
    amorcageDeadlineYear: 2031,
    isGrouping: true,
    origin: 'company_conversion',
    founded: '2001-02-03',
    becameCooperative: '2024-05',
    predecessorSiren: '732829320',
    predecessorRna: null,
    nafVersion: 'rev2',
    addressComplement: 'Bâtiment Walk',
    socialLinks: { linkedin: 'https://www.linkedin.com/company/walk' },
    membershipStatus: 'left',
    memberSince: '2003-03-03',
    leftOn: '2025-06-07',
    federations: ['Fédération Walk'],
    advisorId,
    notes: 'PRIVATE-NOTE-walk-7f3a',
    published: true,
    traits: { sociocracy: true, open_vacation: false },
    annualFigures: {
      '2024': {
        employees: 4321,
        memberEmployees: 3210,
        associates: 3456,
        employeeCapitalShare: 61.5,
        associateEmployeeShare: 74.3,
        scicColleges: 3,
        revenue: 98_765_432,
      },
    },
    contacts: [
      {
        name: 'Zoé Privée-Walk',
        role: 'Gérante',
        email: 'zoe.walk@private.example',
        phone: '+33 6 98 76 54 32',
      },
    ],
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  keys = await makeApiKeys(t.db);
  const advisor = await t.db.prisma.advisor.create({
    data: { name: 'Advisor Walk', email: 'walk@union.example' },
  });
  body = everyField(advisor.id);
  const created = await t.app.inject({
    method: 'POST',
    url: '/v1/cooperatives',
    headers: { authorization: `Bearer ${keys.advisor}` },
    payload: body,
  });
  expect(created.statusCode, created.body).toBe(201);
  id = created.json().id;
});
afterAll(() => t.close());

describe('field visibility', () => {
  it('the walk sets every writable field, so it covers any field added later', () => {
    const writable = Object.keys(CreateCooperativeBodySchema.shape).sort();
    expect(Object.keys(body).sort()).toEqual(writable);
  });

  it('classifies every field of the API representation', () => {
    const fields = Object.keys(CooperativeSchema.shape).filter((field) => field !== 'view');
    expect(Object.keys(COOPERATIVE_API_VISIBILITY).sort()).toEqual(fields.sort());
  });

  it('shows the public only public fields, and no private value anywhere in the response', async () => {
    const response = await t.app.inject({ url: `/v1/cooperatives/${id}` });
    expect(response.statusCode).toBe(200);
    const shown = response.json();
    expect(shown.view).toBe('public');
    for (const [field, visibility] of Object.entries(COOPERATIVE_API_VISIBILITY)) {
      if (visibility === 'public') expect(shown, `public field ${field}`).toHaveProperty(field);
      else expect(shown, `non-public field ${field}`).not.toHaveProperty(field);
    }
    for (const [field, visibility] of Object.entries(ANNUAL_FIGURES_API_VISIBILITY)) {
      if (visibility === 'public') expect(shown.annualFigures['2024'], field).toHaveProperty(field);
      else expect(shown.annualFigures['2024'], field).not.toHaveProperty(field);
    }
    for (const secret of [
      'PRIVATE-NOTE-walk',
      'zoe.walk',
      'Zoé Privée',
      '98765432',
      '4321',
      '3210',
      '3456',
      '2025-06-07',
      '2003-03-03',
      'walk@union',
    ]) {
      expect(response.body, `the public response must not contain ${secret}`).not.toContain(secret);
    }
  });

  it.each(['advisor', 'analyst', 'admin'] as const)('shows the %s every field', async (role) => {
    const response = await t.app.inject({
      url: `/v1/cooperatives/${id}`,
      headers: { authorization: `Bearer ${keys[role]}` },
    });
    const shown = response.json();
    expect(shown.view).toBe('full');
    for (const field of Object.keys(COOPERATIVE_API_VISIBILITY)) expect(shown, field).toHaveProperty(field);
    expect(shown).toMatchObject({
      notes: 'PRIVATE-NOTE-walk-7f3a',
      membershipStatus: 'left',
      leftOn: '2025-06-07',
    });
    expect(shown.annualFigures['2024']).toMatchObject({ revenue: 98_765_432, employees: 4321 });
    expect(shown.contacts[0]).toMatchObject({ email: 'zoe.walk@private.example' });
  });

  it('gives the public and the full view different ETags, so no cache mixes them', async () => {
    const publicEtag = (await t.app.inject({ url: `/v1/cooperatives/${id}` })).headers.etag;
    const fullEtag = (
      await t.app.inject({
        url: `/v1/cooperatives/${id}`,
        headers: { authorization: `Bearer ${keys.analyst}` },
      })
    ).headers.etag;
    expect(publicEtag).not.toBe(fullEtag);
    const crossed = await t.app.inject({
      url: `/v1/cooperatives/${id}`,
      headers: { 'if-none-match': String(fullEtag) },
    });
    expect(crossed.statusCode).toBe(200);
    expect(crossed.json().view).toBe('public');
  });

  it('keeps private values out of error responses', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/cooperatives',
      headers: { authorization: `Bearer ${keys.advisor}` },
      payload: { ...body, slug: 'walk-cooperative' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).not.toContain('PRIVATE-NOTE');
    expect(response.body).not.toContain('zoe.walk');
  });
});
