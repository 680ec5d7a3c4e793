// Keyset paging through a whole result set while other advisors add profiles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { search, searchAll } from '../helpers/search-client.js';
import { type SearchFixture, searchFixture } from '../helpers/search-fixture.js';
import { makeCooperativeBody } from '../helpers/test-factories.js';

let f: SearchFixture;
beforeAll(async () => {
  f = await searchFixture();
});
afterAll(() => f.t.close());

async function insertProfile(name: string) {
  const response = await fetch(`${f.t.baseUrl}/v1/cooperatives`, {
    method: 'POST',
    headers: { authorization: `Bearer ${f.keys.advisor}`, 'content-type': 'application/json' },
    body: JSON.stringify(makeCooperativeBody({ name, activity: 'Menuiserie' })),
  });
  expect(response.status).toBe(201);
}

describe('cursor paging', () => {
  it.each([
    ['name', {}],
    ['-founded', {}],
    ['relevance', { q: 'scop' }],
    ['headcount', {}],
  ] as const)(
    'pages through everything sorted by %s with inserts in between: no duplicates, no gaps',
    async (sort, extra) => {
      const before = new Set((await searchAll(f.t, { sort, ...extra })).ids);
      expect(before.size).toBeGreaterThan(26);
      const seen: string[] = [];
      let cursor: string | undefined;
      let page = 0;
      do {
        const { status, body } = await search(f.t, {
          sort,
          limit: 13,
          ...extra,
          ...(cursor ? { cursor } : {}),
        });
        expect(status).toBe(200);
        seen.push(...body.hits.map((h: { cooperative: { id: string } }) => h.cooperative.id));
        cursor = body.nextCursor ?? undefined;
        // Names all over the alphabet, so some land before and some after the cursor.
        if (page % 3 === 0)
          await insertProfile(`${String.fromCharCode(65 + ((page * 7) % 26))}ébénisterie ${sort} ${page}`);
        page++;
      } while (cursor && page < 500);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) expect(seen, `profile ${id} was skipped`).toContain(id);
    },
  );

  it('keeps relevance pages stable: every match of the first page count appears once', async () => {
    const first = await search(f.t, { q: 'menuiserie', limit: 100 });
    const everything = new Set(first.body.hits.map((h: { cooperative: { id: string } }) => h.cooperative.id));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await search(f.t, { q: 'menuiserie', limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...body.hits.map((h: { cooperative: { id: string } }) => h.cooperative.id));
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(everything);
  });
});
