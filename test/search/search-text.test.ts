// French search as a visitor types it, over the demo directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, search } from '../helpers/search-client.js';
import { isPublic, type SearchFixture, searchFixture } from '../helpers/search-fixture.js';
import { makeCooperativeBody } from '../helpers/test-factories.js';

let f: SearchFixture;
beforeAll(async () => {
  f = await searchFixture();
});
afterAll(() => f.t.close());

const names = async (q: string, extra: Record<string, string> = {}) =>
  (await search(f.t, { q, limit: 50, ...extra })).body.hits.map(
    (hit: Json) => hit.cooperative.name as string,
  );

describe('French text search', () => {
  it('stems: "menuiseries" finds Menuiserie Dupré', async () => {
    expect(await names('menuiseries')).toContain('Menuiserie Dupré');
  });

  it('ignores accents and case both ways', async () => {
    const results = await Promise.all(['ecole', 'ÉCOLE', 'École', 'école'].map((q) => names(q)));
    expect(results[0]).toContain('École des Possibles');
    for (const other of results.slice(1)) expect(other).toEqual(results[0]);
  });

  it('handles apostrophes and hyphens', async () => {
    expect(await names("l'atelier")).toContain("L'Atelier du Lin");
    expect((await names('l’atelier du lin'))[0]).toBe("L'Atelier du Lin");
    expect((await names('arts-et-vie'))[0]).toBe('Arts-et-Vie');
    expect((await names('arts et vie'))[0]).toBe('Arts-et-Vie');
  });

  it('treats the last word as a prefix, as you type', async () => {
    for (const q of ['menuis', 'menuiserie dup', 'Menuiserie Dupr', 'dupr'])
      expect(await names(q), q).toContain('Menuiserie Dupré');
    expect((await names('Menuiserie Dupr'))[0]).toBe('Menuiserie Dupré');
  });

  it('forgives typos in a name', async () => {
    expect(await names('menuserie')).toContain('Menuiserie Dupré');
    expect((await names('atelier du lain'))[0]).toBe("L'Atelier du Lin");
  });

  it('finds split and joined words from each other', async () => {
    expect((await names('ecopole'))[0]).toBe('Écopôle');
    expect((await names('eco pole'))[0]).toBe('Écopôle');
    expect((await names('datacoop'))[0]).toBe('DataCoop');
    expect((await names('data coop'))[0]).toBe('DataCoop');
  });

  it('does not let legal-form words decide the ranking', async () => {
    for (const q of [
      'scop dupré',
      'dupré scop',
      'SARL Dupré',
      'société coopérative et participative dupré',
      'coopérative dupre',
    ]) {
      expect((await names(q))[0], q).toBe('Menuiserie Dupré');
    }
  });

  it('finds a cooperative by SIREN or SIRET, with or without spaces', async () => {
    const dupre = (await search(f.t, { q: 'Menuiserie Dupré' })).body.hits[0].cooperative;
    const siren: string = dupre.siren;
    expect(siren).toMatch(/^\d{9}$/);
    for (const q of [siren, `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`, dupre.siret]) {
      expect(await names(q), q).toEqual(['Menuiserie Dupré']);
    }
  });

  it('searches activity, description and commune too', async () => {
    const inTours = f.truth.filter((r) => isPublic(r) && r.communeCode === '37261').map((r) => r.name);
    expect(inTours.length).toBeGreaterThan(0);
    const found = await names('tours');
    for (const name of inTours) expect(found).toContain(name);
  });

  it('ranks the exact name first, then names starting with the query, then other matches', async () => {
    const advisor = { authorization: `Bearer ${f.keys.advisor}` };
    for (const name of ['Menuiserie', 'Menuiserie Nouvelle Vague', 'Les Amis de la Menuiserie']) {
      const response = await fetch(`${f.t.baseUrl}/v1/cooperatives`, {
        method: 'POST',
        headers: { ...advisor, 'content-type': 'application/json' },
        body: JSON.stringify(makeCooperativeBody({ name, description: 'Menuiserie' })),
      });
      expect(response.status).toBe(201);
    }
    const ranked = await names('menuiserie');
    expect(ranked[0]).toBe('Menuiserie');
    expect(ranked.indexOf('Menuiserie Nouvelle Vague')).toBeLessThan(
      ranked.indexOf('Les Amis de la Menuiserie'),
    );
    const again = await names('menuiserie');
    expect(again).toEqual(ranked); // deterministic
  });

  it('offers a correction when nothing matches but a close name exists', async () => {
    const { body } = await search(f.t, { q: 'menuiseire dupre', limit: 5 });
    expect(body.didYouMean).toBe('menuiserie dupre');
    const nothing = await search(f.t, { q: 'xqzwv' });
    expect(nothing.body.total).toBe(0);
    expect(nothing.body.didYouMean).toBeNull();
  });

  it('highlights matched words, HTML-escaped', async () => {
    const created = await fetch(`${f.t.baseUrl}/v1/cooperatives`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.keys.advisor}`, 'content-type': 'application/json' },
      body: JSON.stringify(makeCooperativeBody({ name: '<script>alert(1)</script> Tonnellerie & Fils' })),
    });
    expect(created.status).toBe(201);
    const { body } = await search(f.t, { q: 'tonnellerie' });
    const hit = body.hits.find((h: Json) => h.cooperative.name.includes('Tonnellerie'));
    expect(hit.highlights.name).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; <mark>Tonnellerie</mark> &amp; Fils',
    );
    const dupre = (await search(f.t, { q: 'menuiserie dupr' })).body.hits[0];
    expect(dupre.highlights.name).toBe('<mark>Menuiserie</mark> <mark>Dupré</mark>');
  });

  it('finds a profile created through the API at once, and forgets an archived one', async () => {
    const advisor = { authorization: `Bearer ${f.keys.advisor}` };
    const response = await fetch(`${f.t.baseUrl}/v1/cooperatives`, {
      method: 'POST',
      headers: { ...advisor, 'content-type': 'application/json' },
      body: JSON.stringify(makeCooperativeBody({ name: 'Verrerie Zéphyrine' })),
    });
    const { id } = (await response.json()) as { id: string };
    expect(await names('zephyrine')).toEqual(['Verrerie Zéphyrine']);
    await fetch(`${f.t.baseUrl}/v1/cooperatives/${id}`, { method: 'DELETE', headers: advisor });
    expect(await names('zephyrine')).toEqual([]);
  });

  it('follows changes written by another process straight into the database', async () => {
    await f.t.db.pool.query(
      "UPDATE cooperative SET name = 'Chaudronnerie Ysolde' WHERE name = 'Arts-et-Vie'",
    );
    let found: string[] = [];
    for (let attempt = 0; attempt < 150 && found.length === 0; attempt++) {
      await new Promise((done) => setTimeout(done, 20));
      found = await names('ysolde');
    }
    expect(found).toEqual(['Chaudronnerie Ysolde']);
    expect(await names('arts-et-vie')).not.toContain('Arts-et-Vie');
  });
});

describe('the first letters typed', () => {
  it('lists names starting with one or two letters, stop words included ("c", "l")', async () => {
    for (const letters of ['c', 'l', 'me', 'É']) {
      const { body } = await search(f.t, { q: letters, limit: 100 });
      const prefix = letters
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
      expect(body.total, letters).toBeGreaterThan(0);
      for (const hit of body.hits) {
        const name = (hit.cooperative.name as string)
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase();
        expect(name.startsWith(prefix), `${hit.cooperative.name} for ${letters}`).toBe(true);
      }
    }
  });
});
