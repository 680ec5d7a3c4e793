// API keys: random secrets shown once, stored as SHA-256 hashes, found by their public prefix.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiRole, PrismaClient } from '../generated/prisma/client.js';

export const API_ROLES = ['advisor', 'analyst', 'admin'] as const satisfies readonly ApiRole[];
export type { ApiRole };

/** What a caller may do; the public is a caller without a key. */
export type Caller =
  | { role: 'public'; keyId: null; name: 'public' }
  | { role: ApiRole; keyId: string; name: string };

export const PUBLIC_CALLER: Caller = { role: 'public', keyId: null, name: 'public' };

const TOKEN_PATTERN = /^cdk_([A-Za-z0-9]{12})_([A-Za-z0-9]{40})$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LAST_USED_PRECISION_MS = 60_000;

function randomText(length: number): string {
  // 248 = 4 × 62: rejection sampling keeps every character equally likely.
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && text.length < length) text += ALPHABET[byte % 62];
    }
  }
  return text;
}

const hashSecret = (token: string) => createHash('sha256').update(token).digest('hex');

export type ApiKeyInfo = {
  id: string;
  name: string;
  role: ApiRole;
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

const INFO_FIELDS = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  createdBy: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

export function createApiKeysRepository(prisma: PrismaClient) {
  return {
    /** Creates a key; the returned token is the only time its secret exists outside the caller. */
    async create(input: { name: string; role: ApiRole; expiresAt?: Date | null; createdBy?: string | null }) {
      const prefix = randomText(12);
      const token = `cdk_${prefix}_${randomText(40)}`;
      const key = await prisma.apiKey.create({
        data: {
          name: input.name,
          role: input.role,
          prefix,
          secretHash: hashSecret(token),
          expiresAt: input.expiresAt ?? null,
          createdBy: input.createdBy ?? null,
        },
        select: INFO_FIELDS,
      });
      return { key, token };
    },

    list(): Promise<ApiKeyInfo[]> {
      return prisma.apiKey.findMany({ select: INFO_FIELDS, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
    },

    find(id: string): Promise<ApiKeyInfo | null> {
      return prisma.apiKey.findUnique({ where: { id }, select: INFO_FIELDS });
    },

    /** Revokes a key for good; revoking twice keeps the first date. */
    async revoke(id: string): Promise<ApiKeyInfo | null> {
      const key = await prisma.apiKey.findUnique({ where: { id }, select: INFO_FIELDS });
      if (!key || key.revokedAt) return key;
      return prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select: INFO_FIELDS });
    },

    /** The caller a bearer token stands for, or undefined when it is malformed, unknown, revoked or expired. */
    async authenticate(token: string, now = new Date()): Promise<Caller | undefined> {
      const match = TOKEN_PATTERN.exec(token);
      if (!match) return undefined;
      const key = await prisma.apiKey.findUnique({ where: { prefix: match[1]! } });
      if (!key) return undefined;
      const given = Buffer.from(hashSecret(token), 'hex');
      if (!timingSafeEqual(given, Buffer.from(key.secretHash, 'hex'))) return undefined;
      if (key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return undefined;
      if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
        await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
      }
      return { role: key.role, keyId: key.id, name: key.name };
    },
  };
}

export type ApiKeysRepository = ReturnType<typeof createApiKeysRepository>;
