// Text PostgreSQL cannot store (a NUL character, an unpaired UTF-16 surrogate) is refused up front
// with a 400 naming the field, for every body and query string, instead of failing in the database.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { BadRequestError, type FieldProblem } from '../errors.js';

function unstorable(value: unknown, path: string, problems: FieldProblem[]): void {
  if (problems.length >= 20) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) problems.push({ field: path, message: 'must not contain a NUL character' });
    else if (!value.isWellFormed()) problems.push({ field: path, message: 'is not valid Unicode text' });
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) unstorable(item, `${path}.${i}`, problems);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      unstorable(key, `${path}.${key}`, problems);
      unstorable(item, `${path}.${key}`, problems);
    }
  }
}

async function registerTextSafety(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const problems: FieldProblem[] = [];
    unstorable(request.query, 'querystring', problems);
    unstorable(request.params, 'params', problems);
    unstorable(request.body, 'body', problems);
    if (problems.length) {
      throw new BadRequestError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    }
  });
}

export const textSafetyPlugin = fp(registerTextSafety, { name: 'text-safety', fastify: '5.x' });
