// The governance-trait vocabulary the union maintains: read by everyone, edited by admins.
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../errors.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export const TraitSchema = z
  .object({
    key: z.string(),
    labelFr: z.string(),
    labelEn: z.string(),
    descriptionFr: z.string().nullable(),
    descriptionEn: z.string().nullable(),
    position: z.number().int(),
  })
  .meta({ id: 'Trait' });

const label = z.string().trim().min(1, 'must not be empty').max(200);
const description = z.string().trim().max(2000).nullable();

export const CreateTraitBodySchema = z
  .strictObject({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'trait keys are lower-case letters, digits and underscores'),
    labelFr: label,
    labelEn: label,
    descriptionFr: description.optional(),
    descriptionEn: description.optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .meta({ id: 'CreateTrait' });

export const PatchTraitBodySchema = z
  .strictObject({
    labelFr: label.optional(),
    labelEn: label.optional(),
    descriptionFr: description.optional(),
    descriptionEn: description.optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .meta({ id: 'PatchTrait' });

const SELECT = {
  key: true,
  labelFr: true,
  labelEn: true,
  descriptionFr: true,
  descriptionEn: true,
  position: true,
} as const;

export function createTraitsRepository(prisma: PrismaClient) {
  return {
    list: () => prisma.trait.findMany({ select: SELECT, orderBy: [{ position: 'asc' }, { key: 'asc' }] }),

    async find(key: string) {
      const trait = await prisma.trait.findUnique({ where: { key }, select: SELECT });
      if (!trait) throw new NotFoundError(`No trait "${key}".`);
      return trait;
    },

    async create(body: z.infer<typeof CreateTraitBodySchema>) {
      if (await prisma.trait.findUnique({ where: { key: body.key }, select: { key: true } })) {
        throw new ConflictError(`The trait "${body.key}" already exists.`, { field: 'key' });
      }
      return prisma.trait.create({ data: body, select: SELECT });
    },

    async update(key: string, body: z.infer<typeof PatchTraitBodySchema>) {
      if (!(await prisma.trait.findUnique({ where: { key }, select: { key: true } }))) {
        throw new NotFoundError(`No trait "${key}".`);
      }
      return prisma.trait.update({ where: { key }, data: body, select: SELECT });
    },

    /** A trait documented on any profile stays: removing it would silently rewrite those profiles. */
    async remove(key: string) {
      if (!(await prisma.trait.findUnique({ where: { key }, select: { key: true } }))) {
        throw new NotFoundError(`No trait "${key}".`);
      }
      const used = await prisma.cooperativeTrait.count({ where: { traitKey: key } });
      if (used > 0) {
        throw new ConflictError(
          `The trait "${key}" is documented on ${used} profile(s); remove it from them first.`,
          {
            usedBy: used,
          },
        );
      }
      await prisma.trait.delete({ where: { key } });
    },
  };
}

export type TraitsRepository = ReturnType<typeof createTraitsRepository>;
