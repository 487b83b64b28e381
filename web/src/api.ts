/** The HTTP routes of protocol v1 the page uses. Session routes carry the bearer token. */
import type { FeedbackReport } from './protocol.js';

export interface Persona {
  id: string;
  name: string;
  brief: string;
  /** How hard the client is to open up (open, guarded, vague, talkative, resistant, sent), when the server says. */
  difficulty?: string;
  /** Where they work, when the server says. */
  setting?: string;
  /** `trainer` for a persona a trainer added on this server. */
  source?: string;
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
    // Keep only the public fields, so nothing else a server might send is ever shown.
    return value.flatMap((item: unknown) => {
      const { id, name, brief, difficulty, setting, source } = (item ?? {}) as Record<string, unknown>;
      if (typeof id !== 'string' || typeof name !== 'string') return [];
      return [
        {
          id,
          name,
          brief: typeof brief === 'string' ? brief : '',
          ...(typeof difficulty === 'string' ? { difficulty } : {}),
          ...(typeof setting === 'string' ? { setting } : {}),
          ...(typeof source === 'string' ? { source } : {}),
        },
      ];
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

/** A new rehearsal holding this one's transcript up to `atSeq`; the original stays as it was. */
export async function branchSession(sessionId: string, token: string, atSeq: number): Promise<{ sessionId: string; token: string }> {
  const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/branch`, {
    method: 'POST',
    headers: { ...authorization(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ atSeq }),
  });
  const body = (await response.json().catch(() => null)) as { sessionId?: unknown; token?: unknown; error?: { message?: string } } | null;
  if (response.status !== 201 || typeof body?.sessionId !== 'string' || typeof body.token !== 'string') {
    throw new Error(body?.error?.message ?? `the server answered ${response.status}`);
  }
  return { sessionId: body.sessionId, token: body.token };
}

/** What the server says of a persona file: a preview of it, or every problem by field. */
export type PersonaCheck =
  | { ok: true; preview: Persona & { opening: string; needs: number } }
  | { ok: false; message: string; issues: { field: string; message: string }[] };

/** Checks (`save` false) or adds (`save` true) a persona a trainer wrote. */
export async function submitPersona(document: unknown, save: boolean): Promise<PersonaCheck> {
  const response = await fetch(save ? '/api/personas' : '/api/personas/check', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(document),
  });
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && body && typeof body.id === 'string') return { ok: true, preview: body as unknown as Persona & { opening: string; needs: number } };
  const error = (body?.error ?? {}) as { message?: unknown; issues?: unknown };
  const issues = Array.isArray(error.issues)
    ? error.issues.flatMap((issue: unknown) => {
        const { field, message } = (issue ?? {}) as Record<string, unknown>;
        return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : [];
      })
    : [];
  return { ok: false, message: typeof error.message === 'string' ? error.message : `The server answered ${response.status}.`, issues };
}
