/**
 * "Your conversations": the conversations this browser started, kept in this browser only
 * (localStorage), with what the welcome screen lists about each: the purpose (the client's first
 * words, shortened), when it started, the step reached and the statement's status. Nothing here is
 * sent to the server; the token in each entry is what lets this browser open or delete it.
 */
import type { Mode } from './protocol.js';
import type { StoredSession } from './storage.js';

const KEY = 'rapport.conversations';
const MODES: readonly Mode[] = ['coach', 'rehearse', 'demo'];
const PURPOSE_LENGTH = 90;

export interface KeptConversation extends StoredSession {
  startedAt: string;
  /** The person's first message, shortened; empty until they write. */
  purpose: string;
  step: string;
  statement: 'none' | 'draft' | 'confirmed';
}

function read(): KeptConversation[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(value)) return [];
    // Keep only well-formed entries: a hand-edited or older value must not break the welcome.
    return value.flatMap((item: unknown) => {
      const entry = (item ?? {}) as Partial<KeptConversation>;
      if (typeof entry.sessionId !== 'string' || typeof entry.token !== 'string') return [];
      return [
        {
          sessionId: entry.sessionId,
          token: entry.token,
          mode: MODES.includes(entry.mode as Mode) ? (entry.mode as Mode) : 'coach',
          startedAt: typeof entry.startedAt === 'string' ? entry.startedAt : new Date().toISOString(),
          purpose: typeof entry.purpose === 'string' ? entry.purpose : '',
          step: typeof entry.step === 'string' ? entry.step : 'clarify_agreement',
          statement: entry.statement === 'draft' || entry.statement === 'confirmed' ? entry.statement : 'none',
        },
      ];
    });
  } catch {
    return [];
  }
}

function write(list: KeptConversation[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    /* storage refused (private window): the list simply is not kept */
  }
}

/** Newest first. */
export function keptConversations(): KeptConversation[] {
  return read().sort((first, second) => second.startedAt.localeCompare(first.startedAt));
}

/** Adds the conversation, or updates what is known of it; the first purpose written stays. */
export function keepConversation(update: StoredSession & Partial<Omit<KeptConversation, keyof StoredSession>>): void {
  const list = read();
  const existing = list.find((item) => item.sessionId === update.sessionId);
  const purpose = update.purpose ? shorten(update.purpose) : undefined;
  if (existing) {
    Object.assign(existing, { ...update, purpose: existing.purpose || purpose || '' });
  } else {
    list.push({ startedAt: new Date().toISOString(), step: 'clarify_agreement', statement: 'none', ...update, purpose: purpose ?? '' });
  }
  write(list);
}

export function forgetConversation(sessionId: string): void {
  write(read().filter((item) => item.sessionId !== sessionId));
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > PURPOSE_LENGTH ? `${line.slice(0, PURPOSE_LENGTH - 1).trimEnd()}…` : line;
}
