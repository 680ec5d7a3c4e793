// The one place errors become responses: RFC 9457 problem+json, never a stack trace or SQL.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem } from '../errors.js';
import type { Problem } from './problem-schema.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

type ProblemInput = {
  status: number;
  title: string;
  detail?: string;
  type?: string;
  errors?: FieldProblem[];
} & Record<string, unknown>;

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemInput) {
  const body: Problem = { type: 'about:blank', ...problem, instance: request.url, requestId: request.id };
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="coopdir"');
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** "body.siren" style names for each zod issue of a request validation error; one entry per unknown key. */
function validationProblems(error: {
  validationContext?: string;
  validation: {
    instancePath: string;
    message?: string;
    keyword?: string;
    params?: Record<string, unknown>;
  }[];
}): FieldProblem[] {
  const where = error.validationContext ?? 'request';
  return error.validation.flatMap((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const field = path ? `${where}.${path}` : where;
    const keys = issue.params?.keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({ field: `${field}.${String(key)}`, message: 'unknown field' }));
    }
    return [{ field, message: issue.message ?? 'is invalid' }];
  });
}

// Prisma's known request errors that are the caller's doing.
function prismaStatus(error: unknown): { status: number; detail: string } | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^P\d{4}$/.test(code)) return undefined;
  if (code === 'P2002') return { status: 409, detail: 'A record with the same unique value already exists.' };
  if (code === 'P2025') return { status: 404, detail: 'No such resource.' };
  return undefined;
}

async function registerErrorHandling(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, {
      status: 404,
      title: 'Not Found',
      detail: `No route for ${request.method} ${request.url.split('?')[0]}.`,
    }),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(request, reply, {
        status: error.status,
        title: error.title,
        detail: error.message,
        ...error.extensions,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = validationProblems(error);
      return sendProblem(request, reply, {
        status: 400,
        title: 'Bad Request',
        detail: `Invalid ${error.validationContext ?? 'request'}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
        errors,
      });
    }
    const prisma = prismaStatus(error);
    if (prisma)
      return sendProblem(request, reply, { ...prisma, title: STATUS_TITLES[prisma.status] ?? 'Error' });

    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500 && !isResponseSerializationError(error)) {
      // Fastify's own client errors (bad JSON, body too large, unsupported media type...): their messages are safe.
      return sendProblem(request, reply, {
        status,
        title: STATUS_TITLES[status] ?? 'Bad Request',
        detail: error.message,
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, {
      status: status === 503 ? 503 : 500,
      title: status === 503 ? 'Service Unavailable' : 'Internal Server Error',
      detail: `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
    });
  });
}

export const errorsPlugin = fp(registerErrorHandling, { name: 'errors', fastify: '5.x' });
