// Who is calling: `request.caller`, from an `Authorization: Bearer` API key, or the public.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { type ApiKeysRepository, type Caller, PUBLIC_CALLER } from './auth-keys.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

/** What each role may do. */
const PERMISSIONS = {
  readPrivate: ['advisor', 'analyst', 'admin'],
  writeProfiles: ['advisor', 'admin'],
  administer: ['admin'],
} as const satisfies Record<string, readonly Caller['role'][]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(caller: Caller, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).includes(caller.role);
}

/** Throws 401 for the public and 403 for a key without the permission. */
export function requirePermission(request: FastifyRequest, permission: Permission): void {
  if (can(request.caller, permission)) return;
  if (request.caller.role === 'public') throw new UnauthorizedError('This needs an API key.');
  throw new ForbiddenError(`The "${request.caller.role}" role cannot do this.`);
}

async function registerAuth(app: FastifyInstance, { keys }: { keys: ApiKeysRepository }) {
  app.decorateRequest<Caller | null>('caller', null);
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    if (header === undefined) {
      request.caller = PUBLIC_CALLER;
      return;
    }
    const [scheme, token, ...rest] = header.trim().split(/\s+/);
    const caller =
      scheme?.toLowerCase() === 'bearer' && token && rest.length === 0
        ? await keys.authenticate(token)
        : undefined;
    if (!caller) {
      reply.header('www-authenticate', 'Bearer realm="coopdir"');
      throw new UnauthorizedError('The API key is malformed, unknown, expired or revoked.');
    }
    request.caller = caller;
  });
}

export const authPlugin = fp(registerAuth, { name: 'auth', fastify: '5.x' });
