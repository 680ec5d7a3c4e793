import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderOpenapiYaml } from '../src/plugins/openapi-document.js';

describe('the committed OpenAPI document', () => {
  it('equals the document generated from the route schemas (run "npm run openapi" to update it)', async () => {
    const committed = await readFile(new URL('../openapi.yaml', import.meta.url), 'utf8');
    expect(committed).toBe(await renderOpenapiYaml());
  });
});
