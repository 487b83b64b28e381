import type { HistoryItem, Mode, Move } from '../domain/schemas.js';
import type { StepId } from '../domain/steps.js';
import type { SessionState } from '../domain/session-state.js';
import { AppError } from '../errors.js';
import type { ShareLinkRecord } from './share-links.js';

export type { ShareLinkRecord } from './share-links.js';

export interface SessionRecord {
  id: string;
  mode: Mode;
  persona: string | null;
  tokenHash: string;
  createdAt: string;
  state: SessionState;
  /** The highest seq handed out in this session. */
  lastSeq: number;
}

export interface AppendMessage {
  role: 'coach' | 'client';
  text: string;
  step: StepId;
  moves?: Move[];
  /** The client-chosen id of a user.message; unique within a session. */
  clientMessageId?: string;
  /** The user.message id a coach message answers. */
  replyTo?: string;
}

export interface StoredEvent extends Omit<HistoryItem, 'id' | 'replyTo'> {
  clientMessageId: string | null;
  replyTo: string | null;
  /** 'message' for transcript turns, 'state' and 'feedback' for other persisted events. */
  kind: 'message' | 'state' | 'feedback';
  /** For kind 'state' or 'feedback': the JSON payload. */
  payload: unknown;
}

/** A persona a trainer wrote, as stored: the uploaded JSON document, unparsed (the store knows no personas). */
export interface StoredPersona {
  id: string;
  document: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Durable storage of sessions and their events. Every event gets the next `seq` of its session,
 * strictly increasing. Two implementations (SQLite, PostgreSQL) pass the same test suite.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  createSession(input: { id: string; mode: Mode; persona: string | null; tokenHash: string; state: SessionState }): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  /**
   * Appends a message and returns its seq. With a `clientMessageId` already stored in the session,
   * stores nothing and returns `{ seq, duplicate: true }` of the first one.
   */
  appendMessage(sessionId: string, message: AppendMessage): Promise<{ seq: number; duplicate: boolean; at: string }>;
  /**
   * Appends a non-message event (state snapshot, feedback report) and returns its seq. With
   * `state`, the session's state is replaced in the same transaction (as saveState would).
   */
  appendEvent(sessionId: string, kind: 'state' | 'feedback', payload: unknown, step: StepId, state?: SessionState): Promise<{ seq: number; at: string }>;
  /**
   * A bot message (no client id) and then a state snapshot event, with the session's state
   * replaced, all in one transaction: what appendMessage, then appendEvent with a state, store.
   */
  appendReplyAndState(
    sessionId: string,
    message: AppendMessage,
    snapshot: { payload: unknown; step: StepId; state: SessionState },
  ): Promise<{ seq: number; stateSeq: number; at: string }>;
  /** Replaces the session's state snapshot. */
  saveState(sessionId: string, state: SessionState): Promise<void>;
  /** Events with seq > after, in order. */
  /** With `last`, only the newest `last` of them (still in order): a turn reads a few, not the whole transcript. */
  listEvents(sessionId: string, after?: number, kinds?: StoredEvent['kind'][], last?: number): Promise<StoredEvent[]>;
  /** Finds the coach reply to a client message, if one was stored (for resends after a crash). */
  findReply(sessionId: string, clientMessageId: string): Promise<StoredEvent | null>;
  /** Marks the session as used now (a resume), which keeps the retention purge away from it. */
  touchSession(id: string): Promise<void>;
  /**
   * Deletes, with all their events, up to `limit` sessions last used before `idleSince` (ISO time)
   * that no turn holds. Safe to run from several processes at once. Returns how many went.
   */
  purgeIdleSessions(idleSince: string, limit?: number): Promise<number>;
  /** Frees every turn lease this process holds (shutdown); close() does it too. */
  releaseLeases(): Promise<void>;
  /**
   * Creates session `id` as a branch of session `from`: a copy of every event of `from` with
   * seq <= atSeq, under the same seqs, and the state given. `from` is only read. Throws
   * SessionNotFoundError when `from` does not exist.
   */
  branchSession(input: { from: string; atSeq: number; id: string; tokenHash: string; state: SessionState }): Promise<void>;
  /** Deletes the session and everything of it. Returns false when there was none. */
  deleteSession(id: string): Promise<boolean>;
  /** Stores a share link (its token only as a hash). */
  createShareLink(link: ShareLinkRecord): Promise<void>;
  /** The link whose token hashes to `tokenHash`, expired or not; null when there is none. */
  findShareLink(tokenHash: string): Promise<ShareLinkRecord | null>;
  listShareLinks(sessionId: string): Promise<ShareLinkRecord[]>;
  /** Deletes one link of the session; false when the session has no such link. */
  revokeShareLink(sessionId: string, id: string): Promise<boolean>;
  /**
   * Runs `work` holding the session's turn lease, so no other process (another server instance
   * on the same database) runs a turn of that session at the same time. Waits for a lease held
   * elsewhere; throws {@link SessionBusyError} when it is not freed in time and
   * {@link SessionNotFoundError} when there is no such session. The lease is short and renewed
   * while `work` runs; the session writes `work` makes go through only while the lease is still its
   * own (a process that stalled past it gets {@link SessionBusyError} instead of a second reply).
   */
  withSessionLock<T>(sessionId: string, work: () => Promise<T>): Promise<T>;
  /** Trainer personas, oldest first. */
  listPersonas(): Promise<StoredPersona[]>;
  getPersona(id: string): Promise<StoredPersona | null>;
  /** Stores a new persona; false (and nothing stored) when one with that id exists. */
  insertPersona(id: string, document: string): Promise<boolean>;
  /** Replaces a stored persona's document; false when there is none. */
  replacePersona(id: string, document: string): Promise<boolean>;
  /** false when there was none. */
  deletePersona(id: string): Promise<boolean>;
  /** A cheap round-trip, for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Thrown when an operation names a session that does not exist (never created, or deleted):
 * callers tell "gone" apart from a storage failure without parsing messages. It is the same
 * `not_found` a wrong token gets, so nobody learns which sessions exist.
 */
export class SessionNotFoundError extends AppError {
  readonly sessionId: string;
  constructor(sessionId: string) {
    super('not_found', 'no such session');
    this.name = 'SessionNotFoundError';
    this.sessionId = sessionId;
  }
}

/** Thrown when another process holds a session's turn lease for longer than a turn may wait. */
export class SessionBusyError extends AppError {
  readonly sessionId: string;
  constructor(sessionId: string) {
    super('conflict', 'another turn of this session is still running; try again in a moment');
    this.name = 'SessionBusyError';
    this.sessionId = sessionId;
  }
}
