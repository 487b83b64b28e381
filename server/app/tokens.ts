import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A new session id and its secret: 256 random bits, of which only a hash is stored. */
export function newSessionCredentials(): { sessionId: string; token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { sessionId: randomUUID(), token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares in constant time so response timing reveals nothing about the stored hash. */
export function tokenMatches(token: string, tokenHash: string): boolean {
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(tokenHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
