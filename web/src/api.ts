/** The HTTP routes of protocol v1 the page uses. Session routes carry the bearer token. */
import type { FeedbackReport } from './protocol.js';

export interface Persona {
  id: string;
  name: string;
  brief: string;
}

function authorization(token: string): HeadersInit {
  return { Authorization: `Bearer ${token}` };
}

/** Delete everything of a session. A 404 also counts as gone (it may have been deleted elsewhere). */
export async function deleteSession(sessionId: string, token: string): Promise<void> {
  const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}`, {
    method: 'DELETE',
    headers: authorization(token),
  });
  if (!response.ok && response.status !== 404) {
    throw new Error(`The server answered ${response.status} when asked to delete the conversation.`);
  }
}

/** The server's own Markdown rendering of the statement, or null when it cannot give one. */
export async function fetchStatementMarkdown(sessionId: string, token: string): Promise<string | null> {
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/statement.md`, {
      headers: authorization(token),
    });
    if (!response.ok) return null;
    const text = await response.text();
    return text.trim() ? text : null;
  } catch {
    return null;
  }
}

/** The latest listening report of a rehearsal (used after a reload), or null. */
export async function fetchFeedback(sessionId: string, token: string): Promise<FeedbackReport | null> {
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/feedback`, { headers: authorization(token) });
    if (!response.ok) return null;
    const value = (await response.json()) as FeedbackReport | null;
    return value && typeof value === 'object' && 'counts' in value ? value : null;
  } catch {
    return null;
  }
}

/** Personas for the rehearse and demo modes; an empty list when the server has none or does not answer. */
export async function fetchPersonas(): Promise<Persona[]> {
  try {
    const response = await fetch('/api/personas');
    if (!response.ok) return [];
    const value: unknown = await response.json();
    if (!Array.isArray(value)) return [];
    // Keep only the three public fields, so nothing else a server might send is ever shown.
    return value.flatMap((item: unknown) => {
      const { id, name, brief } = (item ?? {}) as Record<string, unknown>;
      return typeof id === 'string' && typeof name === 'string' ? [{ id, name, brief: typeof brief === 'string' ? brief : '' }] : [];
    });
  } catch {
    return [];
  }
}

/** Days an untouched conversation is kept on this server (SESSION_RETENTION_DAYS), or null when unknown. */
export async function fetchRetentionDays(): Promise<number | null> {
  try {
    const response = await fetch('/api/settings');
    if (!response.ok) return null;
    const value = (await response.json()) as { retentionDays?: unknown };
    return typeof value.retentionDays === 'number' && value.retentionDays > 0 ? value.retentionDays : null;
  } catch {
    return null;
  }
}
