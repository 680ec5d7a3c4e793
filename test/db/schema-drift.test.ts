// schema.prisma and the hand-written migrations must describe the same database. This compares the
// datamodel Prisma derives from schema.prisma (src/generated/datamodel.json, written by `prisma
// generate`) with the catalog of a freshly migrated database.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

type Field = {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type Model = {
  name: string;
  dbName: string | null;
  fields: Field[];
  primaryKey: { fields: string[] } | null;
};
type IndexDef = {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc'; operatorClass?: string }[];
};
type Datamodel = {
  enums: { name: string; dbName: string | null; values: { name: string }[] }[];
  models: Model[];
  indexes: IndexDef[];
};

const datamodel: Datamodel = JSON.parse(
  readFileSync(new URL('../../src/generated/datamodel.json', import.meta.url), 'utf8'),
);

// Unsupported("…") fields are left out of the datamodel; read them from the schema text.
const unsupported = new Map<string, { column: string; type: string; optional: boolean }>();
for (const match of readFileSync(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8').matchAll(
  /^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?.*?@map\("(\w+)"\)/gm,
)) {
  unsupported.set(match[1]!, { type: match[2]!, optional: match[3] === '?', column: match[4]! });
}

const tableOf = (model: Model) => model.dbName ?? model.name;
const modelByName = new Map(datamodel.models.map((model) => [model.name, model]));
function columnOf(model: Model, fieldName: string): string {
  const field = model.fields.find((f) => f.name === fieldName);
  if (field) return field.dbName ?? field.name;
  const extra = unsupported.get(fieldName);
  if (extra) return extra.column;
  throw new Error(`${model.name}.${fieldName} is neither a field nor an Unsupported column`);
}

/** The PostgreSQL type (format_type) a Prisma field maps to, as `prisma migrate` would create it. */
function expectedType(field: Field): string {
  if (field.kind === 'enum') {
    const enumDef = datamodel.enums.find((e) => e.name === field.type)!;
    return (enumDef.dbName ?? enumDef.name) + (field.isList ? '[]' : '');
  }
  const [native, args = []] = field.nativeType ?? [];
  const base = (() => {
    switch (native) {
      case 'Char':
        return `character(${args[0]})`;
      case 'VarChar':
        return `character varying(${args[0]})`;
      case 'Uuid':
        return 'uuid';
      case 'SmallInt':
        return 'smallint';
      case 'Timestamptz':
        return `timestamp(${args[0] ?? 6}) with time zone`;
      case 'Date':
        return 'date';
      case undefined:
        return (
          {
            String: 'text',
            Int: 'integer',
            BigInt: 'bigint',
            Float: 'double precision',
            Boolean: 'boolean',
            DateTime: 'timestamp(3) without time zone',
            Json: 'jsonb',
            Decimal: 'numeric(65,30)',
          } as Record<string, string>
        )[field.type];
      default:
        throw new Error(`no mapping for native type ${native}`);
    }
  })();
  return base + (field.isList ? '[]' : '');
}

type Column = { table: string; column: string; type: string; not_null: boolean; has_default: boolean };
type Constraint = {
  table: string;
  name: string;
  kind: string;
  columns: string[];
  ref_table: string | null;
  ref_columns: string[] | null;
  on_delete: string;
};
type Index = {
  table: string;
  name: string;
  method: string;
  is_unique: boolean;
  is_primary: boolean;
  definition: string;
};

describe('schema.prisma and the migrated database', () => {
  let database: TestDatabase;
  let columns: Column[];
  let constraints: Constraint[];
  let indexes: Index[];
  let enums: Map<string, string[]>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const client = new pg.Client(database.url);
    await client.connect();
    columns = (
      await client.query<Column>(`
        SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
               a.attnotnull AS not_null, a.atthasdef AS has_default
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`)
    ).rows;
    constraints = (
      await client.query<Constraint>(`
        SELECT c.relname::text AS table, k.conname::text AS name, k.contype AS kind,
               array(SELECT attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute ON attrelid = k.conrelid AND attnum = u.n ORDER BY i) AS columns,
               r.relname AS ref_table,
               CASE WHEN k.contype = 'f' THEN array(SELECT attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i) JOIN pg_attribute ON attrelid = k.confrelid AND attnum = u.n ORDER BY i) END AS ref_columns,
               k.confdeltype AS on_delete
          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_class r ON r.oid = k.confrelid
         WHERE n.nspname = 'public' AND k.contype IN ('p', 'f')`)
    ).rows;
    indexes = (
      await client.query<Index>(`
        SELECT t.relname AS table, i.relname AS name, am.amname AS method, x.indisunique AS is_unique,
               x.indisprimary AS is_primary, pg_get_indexdef(x.indexrelid) AS definition
          FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
          JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = 'public'`)
    ).rows;
    const enumRows = (
      await client.query<{ name: string; labels: string[] }>(`
        SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
          FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`)
    ).rows;
    enums = new Map(enumRows.map((row) => [row.name, row.labels]));
    await client.end();
  });
  afterAll(() => database.drop());

  it('has exactly the tables of the models', () => {
    const tables = new Set(columns.map((c) => c.table));
    tables.delete('_prisma_migrations');
    expect([...tables].sort()).toEqual(datamodel.models.map(tableOf).sort());
  });

  it('has the enums with their values in order', () => {
    for (const enumDef of datamodel.enums) {
      expect(enums.get(enumDef.dbName ?? enumDef.name), enumDef.name).toEqual(
        enumDef.values.map((v) => v.name),
      );
    }
  });

  for (const model of datamodel.models) {
    it(`${model.name}: same columns, types, nullability and defaults`, () => {
      const table = tableOf(model);
      const actual = new Map(columns.filter((c) => c.table === table).map((c) => [c.column, c]));
      const expected = new Map<string, { type: string; notNull: boolean; hasDefault: boolean }>();
      for (const field of model.fields) {
        if (field.kind === 'object') continue;
        // Prisma creates scalar lists without NOT NULL.
        expected.set(field.dbName ?? field.name, {
          type: expectedType(field),
          notNull: field.isRequired && !field.isList,
          hasDefault: field.hasDefaultValue,
        });
      }
      for (const [name, extra] of unsupported) {
        if (model.fields.some((f) => f.name === name)) continue;
        if (model.name === 'Cooperative')
          expected.set(extra.column, { type: extra.type, notNull: !extra.optional, hasDefault: false });
      }
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [column, want] of expected) {
        const got = actual.get(column)!;
        expect({ column, type: got.type, notNull: got.not_null, hasDefault: got.has_default }).toEqual({
          column,
          ...want,
        });
      }
    });

    it(`${model.name}: same primary key, unique constraints, indexes and relations`, () => {
      const table = tableOf(model);
      const idFields = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
      const pk = constraints.find((c) => c.table === table && c.kind === 'p');
      expect(pk?.columns).toEqual(idFields.map((f) => columnOf(model, f)));

      // Every unique and normal index of the model, by the name Prisma gives it.
      const expectedIndexes = datamodel.indexes
        .filter((index) => index.model === model.name && index.type !== 'id')
        .map((index) => {
          const cols = index.fields.map((f) => columnOf(model, f.name));
          const suffix = index.type === 'unique' ? 'key' : 'idx';
          return {
            name: index.dbName ?? `${table}_${cols.join('_')}_${suffix}`,
            unique: index.type === 'unique',
            method: (index.algorithm ?? 'BTree').toLowerCase(),
            columns: index.fields.map((f, i) =>
              [`"${cols[i]}"`, f.operatorClass, f.sortOrder === 'desc' ? 'DESC' : undefined]
                .filter(Boolean)
                .join(' '),
            ),
          };
        });
      const actualIndexes = indexes
        .filter((index) => index.table === table && !index.is_primary)
        .map((index) => ({
          name: index.name,
          unique: index.is_unique,
          method: index.method,
          columns: index.definition
            .replace(/^.*USING \w+ \((.*)\)$/, '$1')
            .split(', ')
            .map((c) => (c.startsWith('"') ? c : c.replace(/^(\w+)/, '"$1"'))),
        }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(actualIndexes.sort(byName)).toEqual(expectedIndexes.sort(byName));

      const onDelete: Record<string, string> = {
        Cascade: 'c',
        SetNull: 'n',
        Restrict: 'r',
        NoAction: 'a',
        SetDefault: 'd',
      };
      const expectedKeys = model.fields
        .filter((f) => f.kind === 'object' && f.relationFromFields?.length)
        .map((f) => ({
          columns: f.relationFromFields!.map((name) => columnOf(model, name)),
          ref_table: tableOf(modelByName.get(f.type)!),
          ref_columns: f.relationToFields!.map((name) => columnOf(modelByName.get(f.type)!, name)),
          on_delete: onDelete[f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull')],
        }));
      const actualKeys = constraints
        .filter((c) => c.table === table && c.kind === 'f')
        .map(({ columns: cols, ref_table, ref_columns, on_delete }) => ({
          columns: cols,
          ref_table,
          ref_columns,
          on_delete,
        }));
      const byColumns = (a: { columns: string[] }, b: { columns: string[] }) =>
        a.columns.join().localeCompare(b.columns.join());
      expect(actualKeys.sort(byColumns)).toEqual(expectedKeys.sort(byColumns));
    });
  }
});
