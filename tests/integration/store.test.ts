import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { initialState } from '../../server/domain/session-state.js';
import { openStore } from '../../server/store/open-store.js';
import type { LeaseOptions } from '../../server/store/kysely-store.js';
import { SessionBusyError, SessionNotFoundError, type Store } from '../../server/store/store.js';

/**
 * One suite, two backends: the same expectations run against a real SQLite file and a real
 * PostgreSQL, so the shared Kysely implementation cannot drift apart between dialects.
 */
interface StoreHarness {
  /** Opens another store on the same database, as a second server process would. */
  open(lease?: LeaseOptions): Promise<Store>;
  /**
   * Whether a second store may share this database from the same thread. False for SQLite:
   * better-sqlite3 waits for locks synchronously, so two connections in one event loop would
   * block each other until busy_timeout; separate processes are fine. There, concurrency tests
   * drive one store instance (the embedded deployment model).
   */
  secondInstanceInSameThread: boolean;
  /** Rows of a table belonging to a session, counted over an independent connection. */
  countRows(table: 'sessions' | 'events', sessionId: string): Promise<number>;
  dispose(): Promise<void>;
}

const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
const postgresUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
const skipPostgres = process.env.RAPPORT_SKIP_PG === '1';

function createSqliteHarness(): StoreHarness {
  const directory = mkdtempSync(join(tmpdir(), 'rapport-store-'));
  const path = join(directory, 'nested', 'coach.db');
  return {
    open: (lease) => openStore(`sqlite:${path}`, { lease }),
    secondInstanceInSameThread: false,
    async countRows(table, sessionId) {
      const connection = new SqliteDatabase(path, { readonly: true });
      try {
        const column = table === 'sessions' ? 'id' : 'session_id';
        const row = connection.prepare(`select count(*) as count from ${table} where ${column} = ?`).get(sessionId) as { count: number };
        return row.count;
      } finally {
        connection.close();
      }
    },
    async dispose() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function createPostgresHarness(): Promise<StoreHarness> {
  const schema = `rapport_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  return {
    open: (lease) => openStore(postgresUrl, { schema, poolSize: 5, lease }),
    secondInstanceInSameThread: true,
    async countRows(table, sessionId) {
      const column = table === 'sessions' ? 'id' : 'session_id';
      const result = await admin.query<{ count: string }>(`select count(*) as count from "${schema}".${table} where ${column} = $1`, [sessionId]);
      return Number(result.rows[0]?.count);
    },
    async dispose() {
      try {
        await admin.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Why PostgreSQL can't be used, or null when it answers. */
async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
    const where = postgresUrl.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
    return `PostgreSQL not reachable at ${where} (${reason}): start it or set TEST_DATABASE_URL (or RAPPORT_SKIP_PG=1 to skip)`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function newSession(store: Store, id: string = randomUUID()): Promise<string> {
  return store.createSession({ id, mode: 'coach', persona: null, tokenHash: `hash-${id}`, state: initialState('coach') }).then(() => id);
}

function defineStoreSuite(createHarness: () => StoreHarness | Promise<StoreHarness>): void {
  let harness: StoreHarness;
  let opened: Store[] = [];
  let store: Store;

  async function openMigrated(lease?: LeaseOptions): Promise<Store> {
    const instance = await harness.open(lease);
    opened.push(instance);
    await instance.migrate();
    return instance;
  }

  /** Another "server process" on the same database where the backend allows it, else the same store. */
  async function openSecond(): Promise<Store> {
    return harness.secondInstanceInSameThread ? openMigrated() : store;
  }

  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(async () => {
    await harness?.dispose();
  });
  beforeEach(async () => {
    store = await openMigrated();
  });
  afterEach(async () => {
    await Promise.all(opened.map((instance) => instance.close()));
    opened = [];
  });

  it('runs the turns of one session one at a time, across two processes (PostgreSQL) or concurrent callers', async () => {
    const id = await newSession(store);
    const second = await openSecond();
    let overlaps = 0;
    let running = 0;
    const turn = (instance: Store) =>
      instance.withSessionLock(id, async () => {
        running += 1;
        if (running > 1) overlaps += 1;
        await new Promise((resolve) => setTimeout(resolve, 15));
        running -= 1;
      });
    await Promise.all(Array.from({ length: 8 }, (_, index) => turn(index % 2 === 0 ? store : second)));
    expect(overlaps).toBe(0);
    // Other sessions are not held up by this one's lease.
    const other = await newSession(store);
    expect(await second.withSessionLock(other, async () => 'free')).toBe('free');
  });

  it('frees the lease when a turn fails, says busy when it is held too long, and not found for no session', async () => {
    const id = await newSession(store);
    await expect(store.withSessionLock(id, async () => Promise.reject(new Error('model down')))).rejects.toThrow('model down');
    expect(await store.withSessionLock(id, async () => 'after failure')).toBe('after failure');

    const impatient = await openMigrated({ waitMs: 150 });
    let release!: () => void;
    const held = store.withSessionLock(id, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(impatient.withSessionLock(id, async () => 'never')).rejects.toBeInstanceOf(SessionBusyError);
    release();
    await held;
    expect(await impatient.withSessionLock(id, async () => 'free again')).toBe('free again');
    await expect(store.withSessionLock(randomUUID(), async () => 'x')).rejects.toBeInstanceOf(SessionNotFoundError);
  });

  it('lets another process take over the lease of a process that died mid-turn', async (context) => {
    if (!harness.secondInstanceInSameThread) context.skip(); // one process per SQLite file: nothing to take over from (reported as skipped, not passed)
    const id = await newSession(store);
    const dying = await harness.open({ leaseMs: 150 });
    await dying.migrate();
    void dying.withSessionLock(id, () => new Promise(() => undefined)); // never finishes, like a crashed turn
    await new Promise((resolve) => setTimeout(resolve, 40));
    await dying.close(); // the process is gone: nobody renews its lease any more
    const started = Date.now();
    expect(await store.withSessionLock(id, async () => 'taken over')).toBe('taken over');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('frees its leases on close (a shutdown mid-turn), so another process takes the session at once', async (context) => {
    if (!harness.secondInstanceInSameThread) context.skip(); // one process per SQLite file: the server test covers SIGTERM there
    const id = await newSession(store);
    const stopping = await harness.open();
    await stopping.migrate();
    let turnStarted!: () => void;
    const started = new Promise<void>((resolve) => (turnStarted = resolve));
    void stopping.withSessionLock(id, () => {
      turnStarted();
      return new Promise(() => undefined);
    }).catch(() => undefined);
    await started;
    await stopping.close();
    const before = Date.now();
    expect(await store.withSessionLock(id, async () => 'at once')).toBe('at once');
    // The default lease is 4 s: taking it well before that means it was released, not left to lapse.
    expect(Date.now() - before).toBeLessThan(1500);
  });

  /** Earlier tests' sessions share the database: cleared first, so the counts below are this test's own. */
  async function purgeEverything(): Promise<void> {
    while ((await store.purgeIdleSessions(new Date(Date.now() + 60_000).toISOString(), 1000)) > 0);
  }

  it('purges sessions idle past the cut-off with all their events, but not one used since or one whose turn runs', async () => {
    await purgeEverything();
    const old = await newSession(store);
    await store.appendMessage(old, { role: 'client', text: 'old words', step: 'clarify_agreement', clientMessageId: 'o1' });
    await store.appendEvent(old, 'state', { step: 'clarify_agreement' }, 'clarify_agreement');
    const usedSince = await newSession(store);
    const resumedSince = await newSession(store);
    const running = await newSession(store);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cutOff = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.appendMessage(usedSince, { role: 'client', text: 'new words', step: 'clarify_agreement', clientMessageId: 'n1' });
    await store.touchSession(resumedSince);
    const fresh = await newSession(store);
    let release!: () => void;
    const turn = store.withSessionLock(running, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(await store.purgeIdleSessions(cutOff)).toBe(1);
    expect(await harness.countRows('sessions', old)).toBe(0);
    expect(await harness.countRows('events', old)).toBe(0);
    for (const kept of [usedSince, resumedSince, running, fresh]) expect(await store.getSession(kept)).not.toBeNull();
    release();
    await turn;
    expect(await store.purgeIdleSessions(cutOff)).toBe(1);
    expect(await store.getSession(running)).toBeNull();
    expect(await store.purgeIdleSessions(cutOff)).toBe(0);
  });

  it('purges each idle session once when two processes purge at the same time', async () => {
    await purgeEverything();
    const ids = await Promise.all(Array.from({ length: 30 }, () => newSession(store)));
    for (const id of ids) await store.appendMessage(id, { role: 'client', text: 'words', step: 'clarify_agreement', clientMessageId: 'm' });
    const second = await openSecond();
    const cutOff = new Date(Date.now() + 1000).toISOString();
    const [first, other] = await Promise.all([store.purgeIdleSessions(cutOff, 7), second.purgeIdleSessions(cutOff, 7)]);
    let total = first + other;
    while (total < ids.length) {
      const more = await Promise.all([store.purgeIdleSessions(cutOff, 7), second.purgeIdleSessions(cutOff, 7)]);
      if (more[0] + more[1] === 0) break;
      total += more[0] + more[1];
    }
    expect(total).toBe(ids.length);
    for (const id of ids) expect(await harness.countRows('events', id)).toBe(0);
  });

  it('answers ping and survives a second migrate', async () => {
    expect(await store.ping()).toBe(true);
    await store.migrate();
    await store.migrate();
    const id = await newSession(store);
    expect((await store.getSession(id))?.id).toBe(id);
  });

  it('creates and reads a session; an unknown id reads as null', async () => {
    const id = await store.createSession({
      id: 'session-a',
      mode: 'rehearse',
      persona: 'overloaded-manager',
      tokenHash: 'token-hash-a',
      state: initialState('rehearse', 'overloaded-manager'),
    }).then(() => 'session-a');
    const session = await store.getSession(id);
    expect(session).toMatchObject({ id, mode: 'rehearse', persona: 'overloaded-manager', tokenHash: 'token-hash-a', lastSeq: 0 });
    expect(new Date(session!.createdAt).toISOString()).toBe(session!.createdAt);
    expect(session!.state).toEqual(initialState('rehearse', 'overloaded-manager'));
    expect(await store.getSession('no-such-session')).toBeNull();
  });

  it('hands out strictly increasing seqs across messages and events', async () => {
    const id = await newSession(store);
    const seqs: number[] = [];
    seqs.push((await store.appendMessage(id, { role: 'coach', text: 'Hello', step: 'clarify_agreement' })).seq);
    seqs.push((await store.appendMessage(id, { role: 'client', text: 'Hi', step: 'clarify_agreement', clientMessageId: 'c1' })).seq);
    seqs.push((await store.appendEvent(id, 'state', { step: 'create_partnership' }, 'create_partnership')).seq);
    seqs.push((await store.appendMessage(id, { role: 'coach', text: 'Tell me more', step: 'create_partnership', replyTo: 'c1' })).seq);
    seqs.push((await store.appendEvent(id, 'feedback', { counts: {} }, 'complete')).seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect((await store.getSession(id))?.lastSeq).toBe(5);
    // Seqs are per session: another session starts at 1.
    const other = await newSession(store);
    expect((await store.appendMessage(other, { role: 'coach', text: 'Hello', step: 'clarify_agreement' })).seq).toBe(1);
  });

  it('stores a resent clientMessageId once and answers with the first seq', async () => {
    const id = await newSession(store);
    const first = await store.appendMessage(id, { role: 'client', text: 'I need help delegating', step: 'clarify_agreement', clientMessageId: 'm-1' });
    const again = await store.appendMessage(id, { role: 'client', text: 'I need help delegating', step: 'clarify_agreement', clientMessageId: 'm-1' });
    expect(first).toMatchObject({ seq: 1, duplicate: false });
    expect(again).toEqual({ seq: 1, duplicate: true, at: first.at });
    const next = await store.appendMessage(id, { role: 'client', text: 'Next', step: 'clarify_agreement', clientMessageId: 'm-2' });
    expect(next).toMatchObject({ seq: 2, duplicate: false });
    expect(await harness.countRows('events', id)).toBe(2);
    // The same client id in another session is a different message.
    const other = await newSession(store);
    expect(await store.appendMessage(other, { role: 'client', text: 'x', step: 'clarify_agreement', clientMessageId: 'm-1' })).toMatchObject({ seq: 1, duplicate: false });
  });

  it('stores 20 concurrent resends of one clientMessageId once, from two processes (PostgreSQL) or concurrent callers', async () => {
    const second = await openSecond();
    const id = await newSession(store);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? store : second).appendMessage(id, { role: 'client', text: 'same', step: 'clarify_agreement', clientMessageId: 'dup' }),
      ),
    );
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(new Set(results.map((result) => result.seq))).toEqual(new Set([1]));
    expect(await harness.countRows('events', id)).toBe(1);
    // The losers rolled back: the next seq follows without a gap.
    expect((await store.appendMessage(id, { role: 'coach', text: 'reply', step: 'clarify_agreement' })).seq).toBe(2);
  });

  it('gives 50 concurrent distinct appends from two processes (PostgreSQL) or concurrent callers the seqs 1..50, no gap or repeat', async () => {
    const second = await openSecond();
    const id = await newSession(store);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        (index % 2 === 0 ? store : second).appendMessage(id, { role: 'client', text: `message ${index}`, step: 'clarify_agreement', clientMessageId: `c-${index}` }),
      ),
    );
    const expected = Array.from({ length: 50 }, (_, index) => index + 1);
    expect(results.every((result) => !result.duplicate)).toBe(true);
    expect(results.map((result) => result.seq).sort((a, b) => a - b)).toEqual(expected);
    expect((await store.listEvents(id)).map((event) => event.seq)).toEqual(expected);
    expect((await second.getSession(id))?.lastSeq).toBe(50);
  });

  it('lists events after a seq, in order, optionally by kind', async () => {
    const id = await newSession(store);
    for (let index = 1; index <= 6; index++) {
      if (index % 3 === 0) await store.appendEvent(id, 'state', { index }, 'clarify_agreement');
      else await store.appendMessage(id, { role: index % 2 === 0 ? 'client' : 'coach', text: `turn ${index}`, step: 'clarify_agreement' });
    }
    expect((await store.listEvents(id)).map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await store.listEvents(id, 4)).map((event) => event.seq)).toEqual([5, 6]);
    expect(await store.listEvents(id, 6)).toEqual([]);
    const messages = await store.listEvents(id, 0, ['message']);
    expect(messages.map((event) => event.seq)).toEqual([1, 2, 4, 5]);
    const states = await store.listEvents(id, 2, ['state']);
    expect(states.map((event) => [event.seq, event.payload])).toEqual([[3, { index: 3 }], [6, { index: 6 }]]);
    expect(await store.listEvents('no-such-session')).toEqual([]);
    // Only the newest few, still oldest first (what a turn reads instead of the whole transcript).
    expect((await store.listEvents(id, 0, ['message'], 2)).map((event) => event.seq)).toEqual([4, 5]);
    expect((await store.listEvents(id, 0, undefined, 10)).map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('round-trips message fields, moves included', async () => {
    const id = await newSession(store);
    const moves = [{ kind: 'open_question' as const, label: 'what matters' }, { kind: 'complex_reflection' as const }];
    const { at } = await store.appendMessage(id, { role: 'coach', text: 'What matters most?', step: 'create_partnership', moves, replyTo: 'c-9' });
    await store.appendMessage(id, { role: 'client', text: 'Time', step: 'create_partnership', clientMessageId: 'c-10' });
    const [coach, client] = await store.listEvents(id);
    expect(coach).toEqual({ seq: 1, role: 'coach', text: 'What matters most?', step: 'create_partnership', moves, at, kind: 'message', clientMessageId: null, replyTo: 'c-9', payload: null });
    expect(client).not.toHaveProperty('moves');
    expect(client).toMatchObject({ clientMessageId: 'c-10', replyTo: null });
  });

  it('finds the coach reply to a client message by replyTo', async () => {
    const id = await newSession(store);
    await store.appendMessage(id, { role: 'client', text: 'Question', step: 'clarify_agreement', clientMessageId: 'c-1' });
    expect(await store.findReply(id, 'c-1')).toBeNull();
    await store.appendMessage(id, { role: 'coach', text: 'Answer', step: 'clarify_agreement', replyTo: 'c-1' });
    await store.appendMessage(id, { role: 'client', text: 'Another', step: 'clarify_agreement', clientMessageId: 'c-2' });
    const reply = await store.findReply(id, 'c-1');
    expect(reply).toMatchObject({ seq: 2, role: 'coach', text: 'Answer', replyTo: 'c-1' });
    expect(await store.findReply(id, 'c-2')).toBeNull();
    expect(await store.findReply('other-session', 'c-1')).toBeNull();
  });

  it('round-trips the state snapshot', async () => {
    const id = await newSession(store);
    const state = {
      ...initialState('coach'),
      step: 'construct_plan' as const,
      agreement: { purpose: { text: 'delegate better', quote: 'I do everything myself — "ça va"', seq: 2 }, timeAvailable: null, consent: true },
      needs: [{ id: 'n1', category: 'delegation' as const, summary: 'Hand off work', evidence: ['I do it all'], confidence: 0.8, confirmed: true, seq: 2 }],
      confidence: 7,
      asked: ['q1', 'q2'],
      summary: 'Line one\nLine two, with "quotes" and emoji 🙂',
    };
    await store.saveState(id, state);
    expect((await store.getSession(id))?.state).toEqual(state);
    await expect(store.saveState('no-such-session', state)).rejects.toBeInstanceOf(SessionNotFoundError);
  });

  it('refuses to append to a session that does not exist', async () => {
    await expect(store.appendMessage('no-such-session', { role: 'coach', text: 'x', step: 'clarify_agreement' })).rejects.toBeInstanceOf(SessionNotFoundError);
    await expect(store.appendEvent('no-such-session', 'state', {}, 'clarify_agreement')).rejects.toBeInstanceOf(SessionNotFoundError);
  });

  it('deletes a session with all its events, and says false the second time', async () => {
    const id = await newSession(store);
    const kept = await newSession(store);
    await store.appendMessage(id, { role: 'client', text: 'private', step: 'clarify_agreement', clientMessageId: 'c-1' });
    await store.appendEvent(id, 'feedback', { secret: true }, 'complete');
    await store.appendMessage(kept, { role: 'coach', text: 'stays', step: 'clarify_agreement' });
    expect(await store.deleteSession(id)).toBe(true);
    expect(await store.getSession(id)).toBeNull();
    expect(await store.listEvents(id)).toEqual([]);
    expect(await harness.countRows('sessions', id)).toBe(0);
    expect(await harness.countRows('events', id)).toBe(0);
    expect(await store.deleteSession(id)).toBe(false);
    expect(await harness.countRows('events', kept)).toBe(1);
  });

  it('branches a session: every event up to atSeq under the same seqs, the original untouched, and seqs go on from there', async () => {
    const id = await newSession(store);
    await store.appendMessage(id, { role: 'client', text: 'first', step: 'clarify_agreement', clientMessageId: 'c-1' });
    await store.appendEvent(id, 'state', { step: 'clarify_agreement' }, 'clarify_agreement');
    await store.appendMessage(id, { role: 'coach', text: 'second', step: 'clarify_agreement', replyTo: 'c-1' });
    await store.appendMessage(id, { role: 'client', text: 'third', step: 'clarify_agreement', clientMessageId: 'c-2' });
    const before = await store.listEvents(id);
    const branch = randomUUID();
    await store.branchSession({ from: id, atSeq: 3, id: branch, tokenHash: 'hash-branch', state: initialState('coach') });
    const copied = await store.listEvents(branch);
    expect(copied.map(({ at: _at, ...event }) => event)).toEqual(before.filter((event) => event.seq <= 3).map(({ at: _at, ...event }) => event));
    expect((await store.getSession(branch))?.lastSeq).toBe(3);
    expect(await store.appendMessage(branch, { role: 'client', text: 'other', step: 'clarify_agreement', clientMessageId: 'c-2' })).toMatchObject({ seq: 4, duplicate: false });
    expect(await store.listEvents(id)).toEqual(before);
    await expect(store.branchSession({ from: 'no-such-session', atSeq: 1, id: randomUUID(), tokenHash: 'h', state: initialState('coach') })).rejects.toBeInstanceOf(SessionNotFoundError);
    // Deleting the original leaves the branch whole.
    await store.deleteSession(id);
    expect(await store.listEvents(branch)).toHaveLength(4);
  });

  it('stores trainer personas: insert once, replace, list oldest first, delete', async () => {
    const first = `p-${randomBytes(4).toString('hex')}`;
    const second = `q-${randomBytes(4).toString('hex')}`;
    expect(await store.insertPersona(first, '{"v":1}')).toBe(true);
    expect(await store.insertPersona(first, '{"v":2}')).toBe(false);
    expect(await store.insertPersona(second, '{"v":1}')).toBe(true);
    expect(await store.replacePersona(first, '{"v":3}')).toBe(true);
    expect(await store.replacePersona('nobody', '{}')).toBe(false);
    const listed = (await store.listPersonas()).filter((persona) => persona.id === first || persona.id === second);
    expect(listed.map((persona) => [persona.id, persona.document])).toEqual([[first, '{"v":3}'], [second, '{"v":1}']]);
    expect(await store.deletePersona(first)).toBe(true);
    expect(await store.deletePersona(first)).toBe(false);
    expect(await store.getPersona(first)).toBeNull();
    expect((await store.getPersona(second))?.document).toBe('{"v":1}');
  });

  it('keeps everything across a close and reopen (a restart)', async () => {
    const id = await newSession(store);
    await store.appendMessage(id, { role: 'client', text: 'remember me', step: 'clarify_agreement', clientMessageId: 'c-1' });
    await store.saveState(id, { ...initialState('coach'), summary: 'persisted' });
    await store.close();
    opened = opened.filter((instance) => instance !== store);
    const reopened = await openMigrated();
    expect((await reopened.getSession(id))?.state.summary).toBe('persisted');
    expect((await reopened.listEvents(id)).map((event) => event.text)).toEqual(['remember me']);
    expect(await reopened.appendMessage(id, { role: 'client', text: 'remember me', step: 'clarify_agreement', clientMessageId: 'c-1' })).toMatchObject({ seq: 1, duplicate: true });
    expect((await reopened.appendMessage(id, { role: 'coach', text: 'I do', step: 'clarify_agreement' })).seq).toBe(2);
  });

  it('matches a model transcript for random appends with repeated client ids (property)', async () => {
    const command = fc.oneof(
      fc.record({
        type: fc.constant('message' as const),
        role: fc.constantFrom('coach' as const, 'client' as const),
        text: fc.string({ maxLength: 40 }),
        clientMessageId: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { nil: undefined }),
      }),
      fc.record({ type: fc.constant('state' as const), payload: fc.jsonValue({ maxDepth: 2 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 25 }), async (commands) => {
        const id = await newSession(store);
        const model: { seq: number; kind: string; text: string; clientMessageId: string | null }[] = [];
        const firstSeqByClientId = new Map<string, number>();
        for (const next of commands) {
          if (next.type === 'state') {
            const { seq } = await store.appendEvent(id, 'state', next.payload, 'clarify_agreement');
            model.push({ seq: model.length + 1, kind: 'state', text: '', clientMessageId: null });
            expect(seq).toBe(model.length);
            continue;
          }
          const result = await store.appendMessage(id, { role: next.role, text: next.text, step: 'clarify_agreement', ...(next.clientMessageId === undefined ? {} : { clientMessageId: next.clientMessageId }) });
          const known = next.clientMessageId === undefined ? undefined : firstSeqByClientId.get(next.clientMessageId);
          if (known !== undefined) {
            expect(result).toMatchObject({ seq: known, duplicate: true });
            continue;
          }
          model.push({ seq: model.length + 1, kind: 'message', text: next.text, clientMessageId: next.clientMessageId ?? null });
          if (next.clientMessageId !== undefined) firstSeqByClientId.set(next.clientMessageId, model.length);
          expect(result).toMatchObject({ seq: model.length, duplicate: false });
        }
        const stored = await store.listEvents(id);
        expect(stored.map(({ seq, kind, text, clientMessageId }) => ({ seq, kind, text, clientMessageId }))).toEqual(model);
        expect((await store.getSession(id))?.lastSeq).toBe(model.length);
      }),
      { numRuns: 30 },
    );
  }, 60_000);
}

describe('SQLite store (file in a temp folder)', () => {
  defineStoreSuite(createSqliteHarness);

  it('opens an in-memory database too', async () => {
    const memory = await openStore('sqlite::memory:');
    try {
      await memory.migrate();
      const id = await newSession(memory);
      expect((await memory.appendMessage(id, { role: 'coach', text: 'hi', step: 'clarify_agreement' })).seq).toBe(1);
    } finally {
      await memory.close();
    }
  });
});

describe('openStore URL handling', () => {
  it('names an unsupported URL without leaking its password', async () => {
    const attempt = openStore('mysql://user:hunter2@db/coach');
    await expect(attempt).rejects.toThrow(/unsupported database URL/);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('says PostgreSQL cannot be reached, without the password', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const attempt = openStore('postgres://user:hunter2@127.0.0.1:1/coach');
    await expect(attempt).rejects.toThrow('cannot reach PostgreSQL at 127.0.0.1:1 (ECONNREFUSED)');
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });
});

const postgresProblem = await probePostgres();
if (postgresProblem === null) {
  describe('PostgreSQL store (fresh schema per run)', () => {
    defineStoreSuite(createPostgresHarness);
  });
} else if (skipPostgres) {
  console.warn(`skipping the PostgreSQL store suite (RAPPORT_SKIP_PG=1): ${postgresProblem}`);
  describe.skip(`PostgreSQL store: skipped (RAPPORT_SKIP_PG=1): ${postgresProblem}`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  describe('PostgreSQL store', () => {
    it('needs a reachable PostgreSQL', () => {
      throw new Error(postgresProblem);
    });
  });
}
