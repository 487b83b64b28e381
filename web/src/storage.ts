/**
 * What the browser keeps: only the key to resume a conversation (its id and bearer token) and a
 * display preference. The conversation itself lives on the Rapport server.
 */
import type { Mode } from './protocol.js';

const SESSION_KEY = 'rapport.session';
const TECHNIQUES_KEY = 'rapport.showTechniques';

export interface StoredSession {
  sessionId: string;
  token: string;
  mode: Mode;
}

export function loadSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof value.sessionId !== 'string' || typeof value.token !== 'string') return null;
    return { sessionId: value.sessionId, token: value.token, mode: value.mode ?? 'coach' };
  } catch {
    // Storage can be unavailable (private windows, blocked cookies): the page still works, without resume.
    return null;
  }
}

export function saveSession(session: StoredSession): void {
  try {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    /* resume will not survive a reload; nothing else depends on it */
  }
}

export function clearSession(): void {
  try {
    localStorage.removeItem(SESSION_KEY);
  } catch {
    /* nothing stored */
  }
}

export function loadShowTechniques(): boolean {
  try {
    return localStorage.getItem(TECHNIQUES_KEY) === 'true';
  } catch {
    return false;
  }
}

export function saveShowTechniques(show: boolean): void {
  try {
    localStorage.setItem(TECHNIQUES_KEY, String(show));
  } catch {
    /* preference only */
  }
}

const EARLIER_TRIES_KEY = 'rapport.earlierTries';

/** Keys of rehearsals left for a branch ("Try this differently"), so the person can go back to (or delete) them. */
export function earlierTries(): StoredSession[] {
  try {
    const value = JSON.parse(localStorage.getItem(EARLIER_TRIES_KEY) ?? '[]') as unknown;
    if (!Array.isArray(value)) return [];
    return value.flatMap((item: Partial<StoredSession> | null) =>
      item && typeof item.sessionId === 'string' && typeof item.token === 'string' ? [{ sessionId: item.sessionId, token: item.token, mode: item.mode ?? 'rehearse' }] : [],
    );
  } catch {
    return [];
  }
}

export function rememberEarlierTry(session: StoredSession): void {
  try {
    const kept = earlierTries().filter((item) => item.sessionId !== session.sessionId);
    // A handful is plenty to go back through; the oldest key is dropped first.
    localStorage.setItem(EARLIER_TRIES_KEY, JSON.stringify([...kept, session].slice(-20)));
  } catch {
    /* going back will not be offered; the tries stay on the server */
  }
}
