/** The error codes of protocol v1 (frames and HTTP bodies). */
export const ERROR_CODES = [
  'bad_request',
  'too_large',
  'rate_limited',
  'not_found',
  'conflict',
  'forbidden',
  'upstream_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  too_large: 413,
  rate_limited: 429,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  upstream_unavailable: 503,
  internal: 500,
};

/**
 * The one error type the server raises on purpose. Its code maps to an HTTP status and to the
 * `error` frame's code; anything else that is thrown is answered as a bare `internal`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/**
 * Too many requests from one address: answered with 429 and `Retry-After` over HTTP, and with a
 * `rate_limited` error frame carrying `retryAfter` (seconds) on the socket.
 */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super('rate_limited', message);
    this.name = 'RateLimitedError';
  }

  /** Whole seconds, at least one, as `Retry-After` wants them. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.retryAfterMs / 1000));
  }
}

/** One problem of a rejected document: the field's path (`needs.1.category`) and what is wrong with it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A document that failed its schema: bad_request, with every problem listed by field. */
export class ValidationError extends AppError {
  constructor(
    readonly issues: FieldIssue[],
    what = 'the document',
  ) {
    super('bad_request', `${what} is not valid: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }
}

/** A missing session and a wrong token answer exactly alike, so nobody learns which sessions exist. */
export function sessionNotFound(): AppError {
  return new AppError('not_found', 'no such session');
}

/**
 * The error to answer with: an AppError (or one of its subclasses, such as the store's
 * SessionNotFoundError and SessionBusyError) as it is; anything else as a bare `internal`.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', 'something went wrong on the server');
}
