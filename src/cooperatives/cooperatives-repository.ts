// Reading and writing profiles: every write in one transaction with its audit event, versioned for
// optimistic concurrency.
import type { Caller } from '../auth/auth-keys.js';
import {
  BadRequestError,
  ConflictError,
  type FieldProblem,
  NotFoundError,
  PreconditionFailedError,
} from '../errors.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { CreateCooperativeBody, PatchCooperativeBody } from './cooperatives-input.js';
import {
  type CooperativeRow,
  columnsOf,
  diffCooperatives,
  figuresColumns,
  PROFILE_INCLUDE,
  sameValue,
  stateFromRow,
  toCooperative,
} from './cooperatives-mapping.js';
import type { Cooperative } from './cooperatives-schemas.js';
import { applyPatch, type CooperativeState, checkRules, stateFromCreate } from './cooperatives-state.js';

type Tx = Prisma.TransactionClient;
type AuditContext = { caller: Caller; requestId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return slug || 'cooperative';
}

function actorOf(caller: Caller) {
  return caller.keyId ? `${caller.name} (${caller.role}, key ${caller.keyId})` : caller.name;
}

/** A patch changes nothing when the stored columns and the child rows would stay as they are. */
function unchanged(
  before: CooperativeState,
  slug: string,
  after: CooperativeState & { slug: string },
): boolean {
  return (
    sameValue(columnsOf({ ...before, slug }), columnsOf(after)) &&
    sameValue(before.traits, after.traits) &&
    sameValue(before.annualFigures, after.annualFigures) &&
    sameValue(before.contacts, after.contacts)
  );
}

export type RepositoryOptions = {
  /** Called after a write commits, with the profile's id (the search index refreshes it). */
  onChange?: (id: string) => Promise<void>;
};

export function createCooperativesRepository(prisma: PrismaClient, options: RepositoryOptions = {}) {
  async function changed<T extends { id: string }>(write: Promise<T>): Promise<T> {
    const result = await write;
    await options.onChange?.(result.id);
    return result;
  }

  async function load(
    tx: Tx | PrismaClient,
    where: Prisma.CooperativeWhereUniqueInput,
  ): Promise<CooperativeRow | null> {
    return tx.cooperative.findUnique({ where, include: PROFILE_INCLUDE });
  }

  /** Unknown trait keys and advisors are the caller's mistake: a 400 naming each. */
  async function checkReferences(tx: Tx, state: CooperativeState, problems: FieldProblem[]) {
    const keys = Object.keys(state.traits);
    if (keys.length) {
      const known = new Set(
        (await tx.trait.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((t) => t.key),
      );
      for (const key of keys)
        if (!known.has(key)) problems.push({ field: `body.traits.${key}`, message: 'unknown trait' });
    }
    if (
      state.advisorId &&
      !(await tx.advisor.findUnique({ where: { id: state.advisorId }, select: { id: true } }))
    ) {
      problems.push({ field: 'body.advisorId', message: 'unknown advisor' });
    }
    if (problems.length) {
      throw new BadRequestError(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    }
  }

  /** 409 naming the profile that already holds this SIREN, SIRET or slug. */
  async function checkUnique(tx: Tx, state: CooperativeState & { slug: string }, exceptId?: string) {
    const clashes = [
      state.siren && { field: 'siren', where: { siren: state.siren } },
      state.siret && { field: 'siret', where: { siret: state.siret } },
      { field: 'slug', where: { slug: state.slug } },
    ].filter(Boolean) as { field: string; where: Prisma.CooperativeWhereInput }[];
    for (const clash of clashes) {
      const existing = await tx.cooperative.findFirst({
        where: { ...clash.where, ...(exceptId ? { id: { not: exceptId } } : {}) },
        select: { id: true, slug: true, name: true },
      });
      if (existing) {
        throw new ConflictError(
          `Another profile already has this ${clash.field}: ${existing.name} (${existing.slug}).`,
          {
            field: clash.field,
            existing,
          },
        );
      }
    }
  }

  async function freeSlug(tx: Tx, name: string): Promise<string> {
    const base = slugify(name);
    const taken = new Set(
      (await tx.cooperative.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map(
        (c) => c.slug,
      ),
    );
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  async function validate(tx: Tx, state: CooperativeState) {
    await checkReferences(tx, state, checkRules(state));
  }

  async function writeChildren(tx: Tx, id: string, before: CooperativeState | null, after: CooperativeState) {
    const traitKeys = new Set([...Object.keys(before?.traits ?? {}), ...Object.keys(after.traits)]);
    for (const key of traitKeys) {
      const present = after.traits[key];
      if (present === before?.traits[key]) continue;
      if (present === undefined)
        await tx.cooperativeTrait.delete({
          where: { cooperativeId_traitKey: { cooperativeId: id, traitKey: key } },
        });
      else
        await tx.cooperativeTrait.upsert({
          where: { cooperativeId_traitKey: { cooperativeId: id, traitKey: key } },
          create: { cooperativeId: id, traitKey: key, present },
          update: { present },
        });
    }
    const years = new Set([...Object.keys(before?.annualFigures ?? {}), ...Object.keys(after.annualFigures)]);
    for (const year of years) {
      const figures = after.annualFigures[year];
      if (sameValue(figures, before?.annualFigures[year])) continue;
      const where = { cooperativeId_year: { cooperativeId: id, year: Number(year) } };
      if (!figures) await tx.annualFigures.delete({ where });
      else
        await tx.annualFigures.upsert({
          where,
          create: { cooperativeId: id, year: Number(year), ...figuresColumns(figures) },
          update: figuresColumns(figures),
        });
    }
    if (!sameValue(before?.contacts ?? [], after.contacts)) {
      await tx.contactPerson.deleteMany({ where: { cooperativeId: id } });
      await tx.contactPerson.createMany({
        data: after.contacts.map((contact, position) => ({ ...contact, cooperativeId: id, position })),
      });
    }
  }

  async function audit(
    tx: Tx,
    action: 'create' | 'update' | 'archive' | 'restore',
    before: Cooperative | null,
    after: Cooperative,
    context: AuditContext,
  ) {
    const changes = diffCooperatives(before, after);
    await tx.auditEvent.create({
      data: {
        cooperativeId: after.id,
        action,
        actor: actorOf(context.caller),
        requestId: context.requestId ?? null,
        changes: changes as Prisma.InputJsonValue,
      },
    });
  }

  /** Locks the row for the rest of the transaction, and checks the version the caller last saw. */
  async function lockForWrite(
    tx: Tx,
    id: string,
    expectedVersion: number | undefined,
  ): Promise<CooperativeRow> {
    if (!UUID.test(id)) throw new NotFoundError('No cooperative has this id.');
    await tx.$queryRaw`SELECT 1 FROM cooperative WHERE id = ${id}::uuid FOR UPDATE`;
    const row = await load(tx, { id });
    if (!row) throw new NotFoundError('No cooperative has this id.');
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw new PreconditionFailedError(
        `The profile changed since you read it: it is at version ${row.version}, you sent version ${expectedVersion}. Read it again and reapply your change.`,
        { currentVersion: row.version, currentEtag: etagOf(row.version, 'full') },
      );
    }
    return row;
  }

  return {
    /** By UUID or by slug; null when there is none. */
    async find(idOrSlug: string): Promise<Cooperative | null> {
      const row = await load(
        prisma,
        UUID.test(idOrSlug) ? { id: idOrSlug.toLowerCase() } : { slug: idOrSlug },
      );
      return row && toCooperative(row);
    },

    async create(body: CreateCooperativeBody, context: AuditContext): Promise<Cooperative> {
      return changed(
        prisma.$transaction(async (tx) => {
          const draft = stateFromCreate(body);
          await validate(tx, draft);
          const state = { ...draft, slug: draft.slug ?? (await freeSlug(tx, draft.name)) };
          await checkUnique(tx, state);
          const { id } = await tx.cooperative.create({ data: columnsOf(state), select: { id: true } });
          await writeChildren(tx, id, null, state);
          const created = toCooperative((await load(tx, { id }))!);
          await audit(tx, 'create', null, created, context);
          return created;
        }),
      );
    },

    async update(
      id: string,
      patch: PatchCooperativeBody,
      expectedVersion: number,
      context: AuditContext,
    ): Promise<Cooperative> {
      return changed(
        prisma.$transaction(async (tx) => {
          const row = await lockForWrite(tx, id, expectedVersion);
          const before = stateFromRow(row);
          const next = applyPatch(before, patch);
          await validate(tx, next);
          const state = { ...next, slug: next.slug ?? row.slug };
          if (state.slug !== row.slug || state.siren !== row.siren || state.siret !== row.siret)
            await checkUnique(tx, state, id);
          const previous = toCooperative(row);
          if (unchanged(before, row.slug, state)) return previous;
          await tx.cooperative.update({
            where: { id },
            data: { ...columnsOf(state), version: { increment: 1 } },
          });
          await writeChildren(tx, id, before, state);
          const result = toCooperative((await load(tx, { id }))!);
          await audit(tx, 'update', previous, result, context);
          return result;
        }),
      );
    },

    /** Archive (the member left) or restore; `expectedVersion` is checked when given. */
    async setArchived(
      id: string,
      archived: boolean,
      expectedVersion: number | undefined,
      context: AuditContext,
    ) {
      return changed(
        prisma.$transaction(async (tx) => {
          const row = await lockForWrite(tx, id, expectedVersion);
          if (Boolean(row.archivedAt) === archived) return toCooperative(row);
          const updated = await tx.cooperative.update({
            where: { id },
            data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } },
            include: PROFILE_INCLUDE,
          });
          const result = toCooperative(updated);
          await audit(tx, archived ? 'archive' : 'restore', toCooperative(row), result, context);
          return result;
        }),
      );
    },

    /** Newest first; `before` is the id of the last event of the previous page. */
    async history(id: string, options: { limit: number; before?: bigint }) {
      return prisma.auditEvent.findMany({
        where: { cooperativeId: id, ...(options.before ? { id: { lt: options.before } } : {}) },
        orderBy: { id: 'desc' },
        take: options.limit + 1,
      });
    },
  };
}

export type CooperativesRepository = ReturnType<typeof createCooperativesRepository>;

/** The ETag of a version in a view: the public and full representations differ. */
export function etagOf(version: number, view: 'full' | 'public'): string {
  return `"v${version}-${view}"`;
}
