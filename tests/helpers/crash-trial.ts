import Database from 'better-sqlite3';
import pg from 'pg';
import { startChildServer, type ChildServer } from './child-server.js';
import { TestClient, type Frame } from './ws-client.js';

/** Where a crash trial's conversation is stored, and how to read it back over a connection of our own. */
export interface TrialStore {
  name: 'sqlite' | 'postgres';
  databaseUrl: string;
}

export interface TrialOptions {
  store: TrialStore;
  /** Environment of every server process (the model to use, above all). */
  env: Record<string, string>;
  /**
   * How the first server stops mid-turn: killed, stopped cleanly, or frozen (SIGSTOP) until the
   * second node has answered, then woken (SIGCONT) to find its lease gone (with `second-node` only).
   */
  fault: 'kill' | 'sigterm' | 'stall';
  /** Resume on a second server already running on the same database (two nodes), or on a restarted one. */
  resumeOn: 'restarted' | 'second-node';
  /** Milliseconds after the message is sent when the fault strikes. */
  faultAfterMs: number;
  /** Told each phase as it ends (for the benchmark's own timing). */
  onPhase?: (phase: string) => void;
}

export interface TrialResult {
  /** From opening the new connection to `session.ready`. */
  readyMs: number;
  /** From opening the new connection to the reply to the cut message. */
  replyMs: number;
  /** Where the turn was when the fault struck, as the stored transcript shows it. */
  cutAt: 'before-accepted' | 'accepted-unanswered' | 'answered';
  /** Copies of the client's message and of the coach's reply to it in the store (1 and 1 when nothing is lost or doubled). */
  storedMessages: number;
  storedReplies: number;
  /** Whether the seqs of the session's events are 1..n without a gap or a repeat. */
  seqsContiguous: boolean;
}

const MESSAGE = { id: 'cut-message', text: 'I want to work on delegating: my team brings me every decision and I end up redoing their work.' };

/**
 * One kill-point trial: a session on a real server process, a message sent, the process stopped
 * (kill -9 or SIGTERM) `faultAfterMs` later, then a new connection resumes on a restarted process
 * or on a second one. The client behaves as the page does: it sends the message again only when
 * the history lacks it (the outbox), and otherwise waits for the server to produce the lost reply.
 */
export async function runCrashTrial(options: TrialOptions): Promise<TrialResult> {
  const env = { ...options.env, DATABASE_URL: options.store.databaseUrl };
  const servers: ChildServer[] = [];
  const clients: TestClient[] = [];
  try {
    // Started one after the other: two processes migrating one fresh database at once is another test.
    const first = await startChildServer(env);
    servers.push(first);
    const second = options.resumeOn === 'second-node' ? await startChildServer(env) : null;
    if (second) servers.push(second);
    options.onPhase?.('servers up');

    const opening = await TestClient.connect(first.wsUrl);
    clients.push(opening);
    opening.send({ type: 'session.start', mode: 'coach' });
    const ready = await opening.next('session.ready', 10_000);
    await opening.next('state', 15_000);
    const sessionId = String(ready.sessionId);
    const token = String(ready.token);
    options.onPhase?.('session opened');

    opening.send({ type: 'user.message', ...MESSAGE });
    await new Promise((resolve) => setTimeout(resolve, options.faultAfterMs));
    if (options.fault === 'kill') await first.kill();
    else if (options.fault === 'stall') first.child.kill('SIGSTOP');
    else await first.terminate();
    options.onPhase?.('fault');

    const target = second ?? (await startChildServer(env));
    if (!second) servers.push(target);
    const connectedAt = Date.now();
    const resumed = await TestClient.connect(target.wsUrl);
    clients.push(resumed);
    resumed.send({ type: 'session.resume', sessionId, token, after: 0 });
    const again = await resumed.next('session.ready', 10_000);
    const readyMs = Date.now() - connectedAt;
    const history = again.history as { id?: string; replyTo?: string }[];
    const accepted = history.some((item) => item.id === MESSAGE.id);
    const answered = history.some((item) => item.replyTo === MESSAGE.id);
    const cutAt = answered ? 'answered' : accepted ? 'accepted-unanswered' : 'before-accepted';
    // The page's outbox sends what the server never got; what it got, the server answers by itself.
    if (!accepted) resumed.send({ type: 'user.message', ...MESSAGE });
    if (!answered) await resumed.next((frame: Frame) => frame.type === 'assistant.message' && frame.replyTo === MESSAGE.id, 20_000);
    const replyMs = Date.now() - connectedAt;
    options.onPhase?.('reply');
    if (options.fault === 'stall') {
      first.child.kill('SIGCONT');
      // Woken, the frozen process finishes what it was doing for its own client: a turn it ran
      // under the lost lease fails (error), one it had not started finds the reply stored.
      if (cutAt !== 'answered') await opening.next((frame: Frame) => (frame.type === 'error' || frame.type === 'assistant.message') && (frame.id === MESSAGE.id || frame.replyTo === MESSAGE.id), 20_000);
    }
    // A late duplicate would come now, if at all: give it a moment before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rows = await readMessages(options.store, sessionId);
    const seqs = rows.map((row) => row.seq);
    return {
      readyMs,
      replyMs,
      cutAt,
      storedMessages: rows.filter((row) => row.client_message_id === MESSAGE.id).length,
      storedReplies: rows.filter((row) => row.reply_to === MESSAGE.id && row.kind === 'message').length,
      seqsContiguous: seqs.every((seq, index) => seq === index + 1),
    };
  } catch (error) {
    const printed = servers.map((server, index) => `--- server ${index + 1} ---\n${server.output()}`).join('\n');
    throw new Error(`${(error as Error).message}\n${printed}`, { cause: error });
  } finally {
    for (const client of clients) await client.close().catch(() => undefined);
    for (const server of servers) {
      server.child.kill('SIGCONT');
      await server.terminate().catch(() => undefined);
    }
    options.onPhase?.('cleaned up');
  }
}

interface EventRow {
  seq: number;
  kind: string;
  client_message_id: string | null;
  reply_to: string | null;
}

/** The session's events, read over a connection of our own. */
async function readMessages(store: TrialStore, sessionId: string): Promise<EventRow[]> {
  const query = 'select seq, kind, client_message_id, reply_to from events where session_id = $1 order by seq';
  if (store.name === 'sqlite') {
    const database = new Database(store.databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      return database.prepare(query.replace('$1', '?')).all(sessionId) as EventRow[];
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: store.databaseUrl });
  await client.connect();
  try {
    return (await client.query<EventRow>(query, [sessionId])).rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  } finally {
    await client.end();
  }
}
