import type { ErrorRequestHandler } from 'express';
import { AppError, RateLimitedError, toAppError, ValidationError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * The one error mapper: known errors answer with their own status and code, body-parser errors
 * become bad_request or too_large, and anything else is a bare 500 (details stay in the log).
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return function handleError(error, req, res, _next) {
    let appError: AppError;
    const status = (error as { status?: number; type?: string }).status;
    if (error instanceof AppError) appError = error;
    else if (status === 413) appError = new AppError('too_large', 'the request body is too large');
    else if (status === 400) appError = new AppError('bad_request', 'the request body is not valid JSON');
    else {
      logger.error({ err: { message: (error as Error).message, stack: (error as Error).stack }, path: req.path }, 'request failed');
      appError = toAppError(error);
    }
    if (appError instanceof RateLimitedError) res.setHeader('Retry-After', String(appError.retryAfterSeconds));
    const issues = appError instanceof ValidationError ? { issues: appError.issues } : {};
    res.status(appError.status).json({ error: { code: appError.code, message: appError.message, ...issues } });
  };
}
