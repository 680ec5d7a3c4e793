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
