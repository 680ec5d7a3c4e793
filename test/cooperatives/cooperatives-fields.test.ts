import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COOPERATIVE_FIELDS,
  FIELD_CLASSIFICATION,
  fieldsWith,
} from '../../src/cooperatives/cooperatives-fields.js';

type Datamodel = { models: { name: string; fields: { name: string; kind: string }[] }[] };
const datamodel: Datamodel = JSON.parse(
  readFileSync(new URL('../../src/generated/datamodel.json', import.meta.url), 'utf8'),
);

describe('field classification', () => {
  it('classifies every stored field of every model, and nothing else', () => {
    for (const model of datamodel.models) {
      const classification = FIELD_CLASSIFICATION[model.name as keyof typeof FIELD_CLASSIFICATION];
      expect(classification, `${model.name} has no classification`).toBeDefined();
      const stored = model.fields
        .filter((f) => f.kind !== 'object')
        .map((f) => f.name)
        .sort();
      expect(Object.keys(classification).sort(), model.name).toEqual(stored);
    }
  });

  it('keeps personal data, notes, revenue and membership details away from the public', () => {
    const publicFields = fieldsWith(COOPERATIVE_FIELDS, 'public') as string[];
    for (const field of [
      'notes',
      'membershipStatus',
      'memberSince',
      'leftOn',
      'advisorId',
      'published',
      'archivedAt',
      'employees',
    ]) {
      expect(publicFields).not.toContain(field);
    }
    expect(fieldsWith(FIELD_CLASSIFICATION.ContactPerson, 'public')).toEqual([]);
    expect(fieldsWith(FIELD_CLASSIFICATION.AnnualFigures, 'public')).not.toContain('revenue');
  });
});
