// Conditional requests: ETags in, 304 Not Modified out, and the version an If-Match names.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PreconditionRequiredError } from '../errors.js';

/** True (and the reply is sent as 304) when the caller already holds this representation. */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  const given = request.headers['if-none-match'];
  if (!given) return false;
  const tags = given.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!tags.includes(etag) && !tags.includes('*')) return false;
  reply.code(304).send();
  return true;
}

export const contentEtag = (body: unknown) =>
  `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;

/** The version number in `If-Match: "v7-full"`; 428 when the header is missing or names no version. */
export function requiredVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (!header) {
    throw new PreconditionRequiredError(
      "Send If-Match with the ETag you read, so that no one else's change is overwritten.",
    );
  }
  const match = /^(?:W\/)?"v(\d{1,9})-\w+"$/.exec(header.trim());
  if (!match) {
    throw new PreconditionRequiredError(
      `If-Match must be the ETag of the profile you read (like "v3-full"), not ${header.slice(0, 40)}.`,
    );
  }
  return Number(match[1]);
}

export function optionalVersion(request: FastifyRequest): number | undefined {
  return request.headers['if-match'] ? requiredVersion(request) : undefined;
}
