/**
 * A unique id for each `user.message`. `crypto.randomUUID` exists only in secure contexts, and a
 * Rapport server on a LAN address over plain HTTP is not one, so fall back to random bytes.
 */
export function newMessageId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
