/**
 * The routes behind "Put it in my calendar" and "Share with my coach" (docs/protocol.md), and the
 * server's message limit. Every answer is checked for the fields the page uses before it is shown.
 */
import type { StoredSession } from './storage.js';

export interface CalendarItemView {
  key: 'experiment' | 'check-in';
  line: string;
  date: string | null;
  repeat: { frequency: 'DAILY' | 'WEEKLY' | 'MONTHLY'; interval: number } | null;
  reason?: 'vague' | 'no_date';
}

export interface ShareLinkView {
  id: string;
  includeTranscript: boolean;
  createdAt: string;
  expiresAt: string;
  /** Only right after creating it: the token is never given again. */
  path?: string;
}

/** Protocol v1's limit, used until the server has said its own. */
export const DEFAULT_MESSAGE_LIMIT = 4000;

function headers(session: StoredSession): HeadersInit {
  return { Authorization: `Bearer ${session.token}` };
}

async function problem(response: Response): Promise<Error> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return new Error(body?.error?.message ?? `the server answered ${response.status}`);
}

/** The longest message the server accepts (from GET /api/schema), or the protocol's when it does not say. */
export async function fetchMessageLimit(): Promise<number> {
  try {
    const response = await fetch('/api/schema');
    if (!response.ok) return DEFAULT_MESSAGE_LIMIT;
    const body = (await response.json()) as { limits?: { messageChars?: unknown } };
    const limit = body.limits?.messageChars;
    return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_MESSAGE_LIMIT;
  } catch {
    return DEFAULT_MESSAGE_LIMIT;
  }
}

/** The browser's own time zone, which the server reads dates in. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function calendarQuery(chosen: Record<string, string>): string {
  const query = new URLSearchParams({ timeZone: browserTimeZone(), ...chosen });
  return query.toString();
}

export async function fetchCalendarItems(session: StoredSession): Promise<CalendarItemView[]> {
  const response = await fetch(`/api/sessions/${encodeURIComponent(session.sessionId)}/calendar?${calendarQuery({})}`, { headers: headers(session) });
  if (!response.ok) throw await problem(response);
  const body = (await response.json()) as { items?: unknown };
  return Array.isArray(body.items) ? (body.items as CalendarItemView[]).filter((item) => typeof item.line === 'string' && (item.key === 'experiment' || item.key === 'check-in')) : [];
}

/** The .ics file's text, with the days the client chose for items their words left open. */
export async function fetchCalendarFile(session: StoredSession, chosen: Record<string, string>): Promise<string> {
  const response = await fetch(`/api/sessions/${encodeURIComponent(session.sessionId)}/calendar.ics?${calendarQuery(chosen)}`, { headers: headers(session) });
  if (!response.ok) throw await problem(response);
  return response.text();
}

export async function listShareLinks(session: StoredSession): Promise<ShareLinkView[]> {
  const response = await fetch(`/api/sessions/${encodeURIComponent(session.sessionId)}/shares`, { headers: headers(session) });
  if (!response.ok) throw await problem(response);
  const body: unknown = await response.json();
  return Array.isArray(body) ? (body as ShareLinkView[]).filter((item) => typeof item.id === 'string') : [];
}

export async function createShareLink(session: StoredSession, includeTranscript: boolean): Promise<ShareLinkView & { path: string }> {
  const response = await fetch(`/api/sessions/${encodeURIComponent(session.sessionId)}/shares`, {
    method: 'POST',
    headers: { ...headers(session), 'Content-Type': 'application/json' },
    body: JSON.stringify({ includeTranscript }),
  });
  if (!response.ok) throw await problem(response);
  return (await response.json()) as ShareLinkView & { path: string };
}

/** Withdraws a link; one already gone counts as withdrawn. */
export async function revokeShareLink(session: StoredSession, id: string): Promise<void> {
  const response = await fetch(`/api/sessions/${encodeURIComponent(session.sessionId)}/shares/${encodeURIComponent(id)}`, { method: 'DELETE', headers: headers(session) });
  if (!response.ok && response.status !== 404) throw await problem(response);
}
