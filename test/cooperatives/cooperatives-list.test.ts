// The one-statement page reader (search results) must show profiles exactly as the single-profile read does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCooperatives } from '../../src/cooperatives/cooperatives-list.js';
import { createCooperativesRepository } from '../../src/cooperatives/cooperatives-repository.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { makeApiKey, makeCooperativeBody } from '../helpers/test-factories.js';

let t: TestApp;
const ids: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  const key = await makeApiKey(t.db, 'advisor');
  const advisor = await t.db.prisma.advisor.create({
    data: { name: 'Léa Martin', email: 'lea@union.example' },
  });
  const bodies = [
    makeCooperativeBody({
      tradeNames: ['Bois & Co'],
      acronym: 'MDB',
      memberSince: '2003-03-03',
      membershipStatus: 'left',
      leftOn: '2025-06-07',
      advisorId: advisor.id,
      notes: 'Notes privées',
      socialLinks: { linkedin: 'https://www.linkedin.com/company/x' },
      federations: ['Fédération du BTP des Scop'],
      traits: { sociocracy: true, open_vacation: false },
      annualFigures: {
        '2023': { employees: 9, revenue: 9_007_199_254 },
        '2024': { employees: 12, memberEmployees: 8, employeeCapitalShare: 61.5 },
      },
      contacts: [{ name: 'Zoé Dupré', role: 'Gérante', email: 'zoe@example.org' }, { name: 'Paul Roy' }],
    }),
    makeCooperativeBody({
      family: 'scic',
      companyForm: null,
      founded: null,
      becameCooperative: null,
      origin: null,
    }),
  ];
  for (const body of bodies) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/cooperatives',
      headers: { authorization: `Bearer ${key}` },
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
    ids.push(response.json().id);
  }
});
afterAll(() => t.close());

describe('reading a page of profiles in one statement', () => {
  it('gives the same profiles as reading them one by one, in the order asked', async () => {
    const repo = createCooperativesRepository(t.db.prisma);
    const listed = await listCooperatives(t.db.pool, [
      ids[1]!,
      'a0000000-0000-4000-8000-000000000000',
      ids[0]!,
    ]);
    expect(listed.map((c) => c.id)).toEqual([ids[1], ids[0]]);
    expect(listed[0]).toEqual(await repo.find(ids[1]!));
    expect(listed[1]).toEqual(await repo.find(ids[0]!));
  });
});
