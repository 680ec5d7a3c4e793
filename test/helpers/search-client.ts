// Calls GET /v1/cooperatives and follows cursors, for search tests.
import type { TestApp } from './test-app.js';

// biome-ignore lint/suspicious/noExplicitAny: search responses are read loosely in assertions
export type Json = Record<string, any>;
export type Params = Record<string, string | number | string[]>;

export function searchUrl(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return `/v1/cooperatives?${search}`;
}

export async function search(t: TestApp, params: Params, key?: string) {
  const response = await fetch(`${t.baseUrl}${searchUrl(params)}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

/** Every hit of a search, page after page. */
export async function searchAll(t: TestApp, params: Params, key?: string) {
  const hits: Json[] = [];
  let cursor: string | undefined;
  let total = -1;
  for (let page = 0; page < 1000; page++) {
    const { status, body } = await search(t, { limit: 100, ...params, ...(cursor ? { cursor } : {}) }, key);
    if (status !== 200)
      throw new Error(`search ${JSON.stringify(params)} answered ${status}: ${JSON.stringify(body)}`);
    total = body.total;
    hits.push(...body.hits);
    cursor = body.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return { total, hits, ids: hits.map((hit) => hit.cooperative.id as string) };
}
