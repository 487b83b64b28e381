import type { Request } from 'express';
import { sessionNotFound } from '../errors.js';

/** The bearer token of a request; a missing one answers like a wrong one (404). */
export function bearerToken(req: Request): string {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw sessionNotFound();
  return match[1];
}
