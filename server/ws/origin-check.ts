import type { IncomingMessage } from 'node:http';

/**
 * Whether a WebSocket upgrade may go on, judged by its `Origin`: browsers send it on every
 * upgrade and a page cannot forge it, so it tells our own page apart from any other site the
 * person has open (which could otherwise talk to a Rapport on localhost or the LAN, and spend its
 * model quota). The page's own origin is the one whose host is the request's `Host` (or, behind a
 * trusted proxy, `X-Forwarded-Host`); `allowed` adds others. Programs that are not browsers send
 * no `Origin` and are not a page's doing: they pass, and the per-address limits still apply.
 */
export function originAllowed(request: IncomingMessage, allowed: readonly string[], trustProxy: boolean): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  let host: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    host = url.host;
  } catch {
    // `null` (a file:// page, a sandboxed frame) and anything malformed.
    return false;
  }
  const forwardedHost = trustProxy ? firstValue(request.headers['x-forwarded-host']) : undefined;
  return host === request.headers.host || (forwardedHost !== undefined && host === forwardedHost);
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}
