// Typed errors the code throws; src/plugins/errors-plugin.ts turns them into RFC 9457 problem+json.

export type FieldProblem = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    /** Extra members of the problem document (e.g. the current version on a 412). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(
    detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(400, 'Bad Request', detail, errors.length ? { errors } : {});
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'A valid API key is required.') {
    super(401, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'Your API key does not allow this.') {
    super(403, 'Forbidden', detail);
  }
}

export class NotFoundError extends AppError {
  constructor(detail = 'No such resource.') {
    super(404, 'Not Found', detail);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(409, 'Conflict', detail, extensions);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(412, 'Precondition Failed', detail, extensions);
  }
}

export class PreconditionRequiredError extends AppError {
  constructor(detail: string) {
    super(428, 'Precondition Required', detail);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail: string) {
    super(503, 'Service Unavailable', detail);
  }
}
