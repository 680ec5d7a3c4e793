import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderOpenapiYaml } from '../src/plugins/openapi-document.js';

describe('the committed OpenAPI document', () => {
  it('equals the document generated from the route schemas (run "npm run openapi" to update it)', async () => {
    const committed = await readFile(new URL('../openapi.yaml', import.meta.url), 'utf8');
    expect(committed).toBe(await renderOpenapiYaml());
  });
});

describe('the served API documentation', () => {
  it('serves the generated document at /openapi.json and a reference page at /docs', async () => {
    const { buildTestApp } = await import('./helpers/test-app.js');
    const t = await buildTestApp();
    try {
      const document = await t.app.inject('/openapi.json');
      expect(document.statusCode).toBe(200);
      const json = document.json() as { openapi: string; paths: Record<string, unknown> };
      expect(json.openapi).toBe('3.1.0');
      expect(Object.keys(json.paths)).toEqual(
        expect.arrayContaining(['/v1/cooperatives', '/v1/cooperatives/{id}', '/health/ready']),
      );
      const docs = await t.app.inject('/docs/');
      expect(docs.statusCode).toBe(200);
      expect(docs.headers['content-type']).toMatch(/text\/html/);
    } finally {
      await t.close();
    }
  });

  it('gives every search parameter a description and an example', async () => {
    const { buildTestApp } = await import('./helpers/test-app.js');
    const t = await buildTestApp();
    try {
      type Parameter = {
        name: string;
        description?: string;
        example?: unknown;
        schema?: { examples?: unknown[] };
      };
      const json = t.app.swagger() as { paths: Record<string, { get: { parameters: Parameter[] } }> };
      const parameters = json.paths['/v1/cooperatives']!.get.parameters;
      expect(parameters.length).toBeGreaterThan(25);
      for (const parameter of parameters) {
        expect(
          parameter.example ?? parameter.schema?.examples?.[0],
          `${parameter.name} example`,
        ).toBeDefined();
        if (parameter.name !== 'limit')
          expect(parameter.description, `${parameter.name} description`).toBeTruthy();
      }
    } finally {
      await t.close();
    }
  });
});
