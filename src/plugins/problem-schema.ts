// The problem+json document (RFC 9457) as a zod schema, for route response declarations.
import { z } from 'zod';

export const FieldProblemSchema = z.object({ field: z.string(), message: z.string() });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldProblemSchema).optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document' });

export type Problem = z.infer<typeof ProblemSchema>;

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: each offending field is named in errors',
  401: 'No valid API key',
  403: 'The API key does not allow this',
  404: 'Not found',
  409: 'Conflicts with an existing record, named in the problem',
  412: 'If-Match names an older version; the problem gives the current one',
  413: 'The body is too large',
  415: 'The body is not JSON',
  428: 'If-Match is required',
  503: 'A dependency does not answer',
};

/** Response declarations for error statuses: problem+json documents. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );
}
