import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { ModeSchema, RoleSchema, StepIdSchema, type Move } from '../domain/schemas.js';
import type { StepId } from '../domain/steps.js';
import type { SessionState } from '../domain/session-state.js';
import { migrateToLatest } from './migrations.js';
import { deleteShareLink, insertShareLink, selectShareLinkByHash, selectShareLinks, type ShareLinkRecord, type ShareLinksTable, type WithShareLinks } from './share-links.js';
import {
  SessionBusyError,
  SessionNotFoundError,
  type AppendMessage,
  type SessionRecord,
  type Store,
  type StoredEvent,
  type StoredPersona,
} from './store.js';

/** The `sessions` row as the database holds it; JSON columns are text on both dialects. */
export interface SessionsTable {
  id: string;
  mode: string;
  persona: string | null;
  token_hash: string;
  created_at: string;
  /** JSON of {@link SessionState}. */
  state: string;
  last_seq: number;
  /** Which process holds the session's turn lease, and until when (epoch ms); null when free. */
  lease_owner: string | null;
  lease_until: number | string | null;
  /** ISO time of the session's last event or resume; the retention purge deletes by it. */
  last_active_at: string | null;
}

/** The `events` row: one transcript turn, state snapshot or feedback report of a session. */
export interface EventsTable {
  session_id: string;
  seq: number;
  kind: StoredEvent['kind'];
  role: string;
  text: string;
  step: string;
  /** JSON of Move[], or null when the turn carried none. */
  moves: string | null;
  client_message_id: string | null;
  reply_to: string | null;
  /** JSON payload of 'state' and 'feedback' events. */
  payload: string | null;
  at: string;
}

/** The `trainer_personas` row: a persona a trainer uploaded, as its JSON text. */
export interface TrainerPersonasTable {
  id: string;
  document: string;
  created_at: string;
  updated_at: string;
}

/** The tables Kysely type-checks queries against. */
export interface Database {
  sessions: SessionsTable;
  events: EventsTable;
  trainer_personas: TrainerPersonasTable;
  share_links: ShareLinksTable;
}

type EventRow = Selectable<EventsTable>;

/**
 * A turn's lease on its session lapses this long after its last renewal, so a process killed
 * mid-turn frees the session within a few seconds; a running turn renews it four times per
 * lease, so one missed renewal (a busy event loop, a slow write) does not lose it. A turn waits at
 * most `waitMs` for another's: longer than the longest turn, the model stream's own deadline (120 s).
 */
const SESSION_LEASE = { leaseMs: 4_000, waitMs: 130_000 };

/** Overrides of the lease timings (tests shorten them); a field left out or undefined keeps its default. */
export type LeaseOptions = { [K in keyof typeof SESSION_LEASE]?: number };

/**
 * The one {@link Store} implementation, shared by SQLite (embedded default) and PostgreSQL
 * (scale-out): the dialect is chosen by whoever builds the `Kysely` instance (see open-store.ts).
 *
 * Seq allocation is race-free across processes: each append runs in one transaction that first
 * bumps `sessions.last_seq` with `UPDATE … RETURNING` (the row lock serializes writers of a session)
 * and then inserts the event. A concurrent resend of the same client message loses on the
 * UNIQUE (session_id, client_message_id) constraint, rolls back (so no seq is burnt) and answers
 * with the first copy's seq.
 */
export class KyselyStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  private readonly database: Kysely<Database>;

  private readonly lease: typeof SESSION_LEASE;
  /** Leases this process holds right now (owner → session), released on close. */
  private readonly held = new Map<string, string>();
  /**
   * The lease each session's turn runs under in this process (session → owner). Writes to that
   * session go through only while it is still the lease's owner: a process that stalled past its
   * lease (frozen, or cut off from the database) and woke after another took the session over
   * stores nothing, so no reply is doubled. Kept by session rather than in an AsyncLocalStorage:
   * one process runs one turn of a session at a time (the service's mutex), and an
   * AsyncLocalStorage turns on Node's promise hooks, which cost every promise of the process.
   */
  private readonly turnLeases = new Map<string, string>();

  constructor(database: Kysely<Database>, kind: 'sqlite' | 'postgres', lease: LeaseOptions = {}) {
    this.database = database;
    this.kind = kind;
    // A field given as undefined keeps its default.
    this.lease = { leaseMs: lease.leaseMs ?? SESSION_LEASE.leaseMs, waitMs: lease.waitMs ?? SESSION_LEASE.waitMs };
  }

  async migrate(): Promise<void> {
    if (this.kind === 'sqlite') return migrateToLatest(this.database);
    // Kysely's migration tables must live in the schema our tables are created in (search_path's first).
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(this.database);
    const schema = rows[0]?.schema ?? null;
    if (schema === null) throw new Error('PostgreSQL has no current schema: check search_path, or that the schema exists');
    await migrateToLatest(this.database, schema);
  }

  async createSession(input: {
    id: string;
    mode: SessionRecord['mode'];
    persona: string | null;
    tokenHash: string;
    state: SessionState;
  }): Promise<void> {
    await this.database
      .insertInto('sessions')
      .values({
        id: input.id,
        mode: input.mode,
        persona: input.persona,
        token_hash: input.tokenHash,
        created_at: new Date().toISOString(),
        state: JSON.stringify(input.state),
        last_seq: 0,
        lease_owner: null,
        lease_until: null,
        last_active_at: new Date().toISOString(),
      })
      .execute();
  }

  async branchSession(input: { from: string; atSeq: number; id: string; tokenHash: string; state: SessionState }): Promise<void> {
    await this.database.transaction().execute(async (transaction) => {
      const original = await transaction.selectFrom('sessions').select(['mode', 'persona']).where('id', '=', input.from).executeTakeFirst();
      if (original === undefined) throw new SessionNotFoundError(input.from);
      const events = await transaction
        .selectFrom('events')
        .selectAll()
        .where('session_id', '=', input.from)
        .where('seq', '<=', input.atSeq)
        .orderBy('seq', 'asc')
        .execute();
      await transaction
        .insertInto('sessions')
        .values({
          id: input.id,
          mode: original.mode,
          persona: original.persona,
          token_hash: input.tokenHash,
          created_at: new Date().toISOString(),
          state: JSON.stringify(input.state),
          // The branch goes on from the copied seqs, so a turn's seq means the same in both sessions.
          last_seq: events.length === 0 ? 0 : Number(events.at(-1)!.seq),
          lease_owner: null,
          lease_until: null,
        })
        .execute();
      // In slices: SQLite allows at most 32766 bound parameters in one statement.
      for (let start = 0; start < events.length; start += 200) {
        await transaction
          .insertInto('events')
          .values(events.slice(start, start + 200).map((event) => ({ ...event, session_id: input.id })))
          .execute();
      }
    });
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const row = await this.database.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return null;
    return {
      id: row.id,
      mode: ModeSchema.parse(row.mode),
      persona: row.persona,
      tokenHash: row.token_hash,
      createdAt: row.created_at,
      state: JSON.parse(row.state) as SessionState,
      lastSeq: Number(row.last_seq),
    };
  }

  async appendMessage(
    sessionId: string,
    message: AppendMessage,
  ): Promise<{ seq: number; duplicate: boolean; at: string }> {
    const clientMessageId = message.clientMessageId ?? null;
    if (clientMessageId !== null) {
      // The common resend (after a reconnect) is answered without taking the session's write lock.
      const existing = await this.findByClientMessageId(sessionId, clientMessageId);
      if (existing !== undefined) return { seq: existing.seq, duplicate: true, at: existing.at };
    }
    const at = new Date().toISOString();
    try {
      const seq = await this.insertWithNextSeq(sessionId, undefined, messageRow(message, clientMessageId, at));
      return { seq, duplicate: false, at };
    } catch (error) {
      if (clientMessageId === null || !isUniqueViolation(error)) throw error;
      // A concurrent duplicate committed first; our transaction was rolled back, so no seq was used.
      const existing = await this.findByClientMessageId(sessionId, clientMessageId);
      if (existing === undefined) throw error;
      return { seq: existing.seq, duplicate: true, at: existing.at };
    }
  }

  async appendEvent(
    sessionId: string,
    kind: 'state' | 'feedback',
    payload: unknown,
    step: StepId,
    state?: SessionState,
  ): Promise<{ seq: number; at: string }> {
    const at = new Date().toISOString();
    const seq = await this.insertWithNextSeq(sessionId, state, eventRow(kind, payload, step, at));
    return { seq, at };
  }

  async appendReplyAndState(
    sessionId: string,
    message: AppendMessage,
    snapshot: { payload: unknown; step: StepId; state: SessionState },
  ): Promise<{ seq: number; stateSeq: number; at: string }> {
    if (message.clientMessageId !== undefined) throw new Error('appendReplyAndState stores the bot\'s own words, which carry no client id');
    const at = new Date().toISOString();
    const [seq, stateSeq] = await this.insertWithNextSeqs(sessionId, snapshot.state, [messageRow(message, null, at), eventRow('state', snapshot.payload, snapshot.step, at)]);
    return { seq: seq!, stateSeq: stateSeq!, at };
  }

  async saveState(sessionId: string, state: SessionState): Promise<void> {
    const lease = this.leaseOf(sessionId);
    let update = this.database.updateTable('sessions').set({ state: JSON.stringify(state) }).where('id', '=', sessionId);
    if (lease !== undefined) update = update.where('lease_owner', '=', lease);
    const result = await update.executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw await this.whyNotWritten(sessionId);
  }

  /** The owner id of the lease the current turn holds on this session, if it runs under one. */
  private leaseOf(sessionId: string): string | undefined {
    return this.turnLeases.get(sessionId);
  }

  /** A write under a lease changed nothing: the session is gone, or the lease went to another process. */
  private async whyNotWritten(sessionId: string, executor: Kysely<Database> = this.database): Promise<Error> {
    // Inside a transaction, ask through it: SQLite has one connection, which the transaction holds.
    const exists = await executor.selectFrom('sessions').select('id').where('id', '=', sessionId).executeTakeFirst();
    return exists ? new SessionBusyError(sessionId) : new SessionNotFoundError(sessionId);
  }

  async listEvents(sessionId: string, after = 0, kinds?: StoredEvent['kind'][], last?: number): Promise<StoredEvent[]> {
    let query = this.database
      .selectFrom('events')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('seq', '>', after);
    if (kinds !== undefined && kinds.length > 0) query = query.where('kind', 'in', kinds);
    if (last === undefined) return (await query.orderBy('seq', 'asc').execute()).map(toStoredEvent);
    const newest = await query.orderBy('seq', 'desc').limit(last).execute();
    return newest.reverse().map(toStoredEvent);
  }

  async findReply(sessionId: string, clientMessageId: string): Promise<StoredEvent | null> {
    const row = await this.database
      .selectFrom('events')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('reply_to', '=', clientMessageId)
      .where('kind', '=', 'message')
      .where('role', '=', 'coach')
      .orderBy('seq', 'asc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : toStoredEvent(row);
  }

  async touchSession(id: string): Promise<void> {
    await this.database.updateTable('sessions').set({ last_active_at: new Date().toISOString() }).where('id', '=', id).execute();
  }

  async purgeIdleSessions(idleSince: string, limit = 200): Promise<number> {
    const now = Date.now();
    const purged = await this.database.transaction().execute(async (transaction) => {
      // A session whose turn is running (a live lease) is not idle, whatever its last event says.
      let idle = transaction
        .selectFrom('sessions')
        .select('id')
        .where('last_active_at', '<', idleSince)
        .where((where) => where.or([where('lease_until', 'is', null), where('lease_until', '<', now)]))
        .limit(limit);
      // PostgreSQL: lock the rows, so a resume on another node between the two deletes waits for
      // us rather than keeping a session whose events are gone. (SQLite transactions are serial.)
      if (this.kind === 'postgres') idle = idle.forUpdate().skipLocked();
      const ids = (await idle.execute()).map((row) => row.id);
      if (ids.length === 0) return 0;
      await transaction.deleteFrom('events').where('session_id', 'in', ids).execute();
      // Links a client shared go with the session they show.
      await transaction.deleteFrom('share_links').where('session_id', 'in', ids).execute();
      const result = await transaction.deleteFrom('sessions').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
    if (purged > 0 && this.kind === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.database);
    return purged;
  }

  async deleteSession(id: string): Promise<boolean> {
    // ON DELETE CASCADE would do, but the explicit delete keeps "delete means gone" true even on a
    // SQLite connection opened without foreign_keys.
    const deleted = await this.database.transaction().execute(async (transaction) => {
      await transaction.deleteFrom('events').where('session_id', '=', id).execute();
      await transaction.deleteFrom('share_links').where('session_id', '=', id).execute();
      const result = await transaction.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    });
    // The WAL still holds the old pages until a checkpoint; truncating it leaves no copy behind.
    if (deleted && this.kind === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.database);
    return deleted;
  }

  /** The same connection, typed for share-links.ts (which knows only its own table). */
  private get shareLinkTables(): WithShareLinks {
    return this.database as unknown as WithShareLinks;
  }

  createShareLink(link: ShareLinkRecord): Promise<void> {
    return insertShareLink(this.shareLinkTables, link);
  }

  findShareLink(tokenHash: string): Promise<ShareLinkRecord | null> {
    return selectShareLinkByHash(this.shareLinkTables, tokenHash);
  }

  listShareLinks(sessionId: string): Promise<ShareLinkRecord[]> {
    return selectShareLinks(this.shareLinkTables, sessionId);
  }

  revokeShareLink(sessionId: string, id: string): Promise<boolean> {
    return deleteShareLink(this.shareLinkTables, sessionId, id);
  }

  async withSessionLock<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const owner = randomUUID();
    const giveUpAt = Date.now() + this.lease.waitMs;
    let pause = 10;
    for (;;) {
      // Take the lease when it is free or has lapsed (its holder died mid-turn): one UPDATE, so two
      // processes racing for it cannot both win.
      const now = Date.now();
      const taken = await this.database
        .updateTable('sessions')
        .set({ lease_owner: owner, lease_until: now + this.lease.leaseMs })
        .where('id', '=', sessionId)
        .where((where) => where.or([where('lease_until', 'is', null), where('lease_until', '<', now)]))
        .executeTakeFirst();
      if (taken.numUpdatedRows > 0n) {
        this.held.set(owner, sessionId);
        break;
      }
      const exists = await this.database.selectFrom('sessions').select('id').where('id', '=', sessionId).executeTakeFirst();
      if (!exists) throw new SessionNotFoundError(sessionId);
      if (Date.now() >= giveUpAt) throw new SessionBusyError(sessionId);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 250);
    }
    // A long turn (a slow model) keeps its lease by renewing it; a crashed process stops renewing.
    const renew = setInterval(() => {
      void this.database
        .updateTable('sessions')
        .set({ lease_until: Date.now() + this.lease.leaseMs })
        .where('id', '=', sessionId)
        .where('lease_owner', '=', owner)
        .execute()
        .catch(() => undefined);
    }, Math.max(50, Math.floor(this.lease.leaseMs / 4)));
    renew.unref();
    try {
      this.turnLeases.set(sessionId, owner);
      return await work();
    } finally {
      clearInterval(renew);
      this.held.delete(owner);
      if (this.turnLeases.get(sessionId) === owner) this.turnLeases.delete(sessionId);
      await this.database
        .updateTable('sessions')
        .set({ lease_owner: null, lease_until: null })
        .where('id', '=', sessionId)
        .where('lease_owner', '=', owner)
        .execute()
        .catch(() => undefined);
    }
  }

  async listPersonas(): Promise<StoredPersona[]> {
    const rows = await this.database.selectFrom('trainer_personas').selectAll().orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
    return rows.map(toStoredPersona);
  }

  async getPersona(id: string): Promise<StoredPersona | null> {
    const row = await this.database.selectFrom('trainer_personas').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toStoredPersona(row);
  }

  async insertPersona(id: string, document: string): Promise<boolean> {
    const now = new Date().toISOString();
    try {
      await this.database.insertInto('trainer_personas').values({ id, document, created_at: now, updated_at: now }).execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async replacePersona(id: string, document: string): Promise<boolean> {
    const result = await this.database
      .updateTable('trainer_personas')
      .set({ document, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async deletePersona(id: string): Promise<boolean> {
    const result = await this.database.deleteFrom('trainer_personas').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.database);
      return true;
    } catch {
      return false;
    }
  }

  async releaseLeases(): Promise<void> {
    const owners = [...this.held.keys()];
    this.held.clear();
    if (owners.length === 0) return;
    await this.database
      .updateTable('sessions')
      .set({ lease_owner: null, lease_until: null })
      .where('lease_owner', 'in', owners)
      .execute()
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    // A turn cut short by the shutdown must not keep its session from the next process.
    await this.releaseLeases();
    await this.database.destroy();
  }

  /** Takes the session's next seq and inserts the event under it, in one transaction; with `state`, the state is saved in it too. */
  private async insertWithNextSeq(sessionId: string, state: SessionState | undefined, event: Omit<EventRow, 'session_id' | 'seq'>): Promise<number> {
    return (await this.insertWithNextSeqs(sessionId, state, [event]))[0]!;
  }

  /** Takes the session's next seqs and inserts the events under them, in order, in one transaction (with `state`, saved in it too). */
  private async insertWithNextSeqs(sessionId: string, state: SessionState | undefined, events: Omit<EventRow, 'session_id' | 'seq'>[]): Promise<number[]> {
    const lease = this.leaseOf(sessionId);
    return this.database.transaction().execute(async (transaction) => {
      let bump = transaction
        .updateTable('sessions')
        .set((expression) => ({
          last_seq: expression('last_seq', '+', events.length),
          last_active_at: events.at(-1)!.at,
          ...(state === undefined ? {} : { state: JSON.stringify(state) }),
        }))
        .where('id', '=', sessionId);
      if (lease !== undefined) bump = bump.where('lease_owner', '=', lease);
      const bumped = await bump.returning('last_seq').executeTakeFirst();
      if (bumped === undefined) throw await this.whyNotWritten(sessionId, transaction);
      const first = Number(bumped.last_seq) - events.length + 1;
      const seqs = events.map((_event, index) => first + index);
      await transaction
        .insertInto('events')
        .values(events.map((event, index) => ({ ...event, session_id: sessionId, seq: seqs[index]! })))
        .execute();
      return seqs;
    });
  }

  private async findByClientMessageId(sessionId: string, clientMessageId: string): Promise<{ seq: number; at: string } | undefined> {
    const row = await this.database
      .selectFrom('events')
      .select(['seq', 'at'])
      .where('session_id', '=', sessionId)
      .where('client_message_id', '=', clientMessageId)
      .executeTakeFirst();
    return row === undefined ? undefined : { seq: Number(row.seq), at: row.at };
  }
}

/** The row of a message (the client's or the coach's words). */
function messageRow(message: AppendMessage, clientMessageId: string | null, at: string): Omit<EventRow, 'session_id' | 'seq'> {
  return {
    kind: 'message',
    role: message.role,
    text: message.text,
    step: message.step,
    moves: message.moves === undefined ? null : JSON.stringify(message.moves),
    client_message_id: clientMessageId,
    reply_to: message.replyTo ?? null,
    payload: null,
    at,
  };
}

/** The row of a non-message event: the server's own doing, so the coach's role and no text. */
function eventRow(kind: 'state' | 'feedback', payload: unknown, step: StepId, at: string): Omit<EventRow, 'session_id' | 'seq'> {
  return { kind, role: 'coach', text: '', step, moves: null, client_message_id: null, reply_to: null, payload: JSON.stringify(payload ?? null), at };
}

function toStoredPersona(row: Selectable<TrainerPersonasTable>): StoredPersona {
  return { id: row.id, document: row.document, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Maps a row to the shape the rest of the server reads; `moves` is left out when none was stored. */
function toStoredEvent(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    seq: Number(row.seq),
    role: RoleSchema.parse(row.role),
    text: row.text,
    step: StepIdSchema.parse(row.step),
    at: row.at,
    kind: row.kind,
    clientMessageId: row.client_message_id,
    replyTo: row.reply_to,
    payload: row.payload === null ? null : (JSON.parse(row.payload) as unknown),
  };
  if (row.moves !== null) event.moves = JSON.parse(row.moves) as Move[];
  return event;
}

/**
 * True for a UNIQUE/PRIMARY KEY violation on either dialect: PostgreSQL's SQLSTATE 23505 or
 * better-sqlite3's SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY codes.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
