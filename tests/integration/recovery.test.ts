/**
 * Kill points: a real server process is killed (SIGKILL), stopped (SIGTERM) or frozen (SIGSTOP) at a random point of
 * a turn, on a real SQLite file and a real PostgreSQL database, then the conversation is resumed on
 * a restarted process or on a second one already running. What a person must see: the session is
 * back at once (session.ready within 3 s), their message is there once, and it gets its reply —
 * once. More trials, with figures: `npx tsx bench/kill-points.ts` (docs/reliability.md).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai-server.js';
import { runCrashTrial, type TrialOptions, type TrialStore } from '../helpers/crash-trial.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skipPostgres = process.env.RAPPORT_SKIP_PG === '1';
/** A slow model (about a second per reply), so a kill lands inside the turn rather than between turns. */
const SLOW_REPLY = ['It sounds ', 'like your team ', 'leans on you ', 'for every call. ', 'What would ', 'change if ', 'they decided ', 'more themselves?'];

let fake: FakeOpenAI;
let folder: string;
let admin: pg.Client | null = null;
const databases: string[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI({ defaultText: SLOW_REPLY, defaultDelayMs: 120 });
  folder = mkdtempSync(path.join(tmpdir(), 'rapport-recovery-'));
  if (!skipPostgres) {
    admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    await admin.connect();
  }
});

afterAll(async () => {
  await fake?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  for (const database of databases) await admin?.query(`drop database if exists ${database} with (force)`);
  await admin?.end();
});

/** A fresh database for one trial: its own SQLite file, or its own PostgreSQL database. */
async function freshStore(name: TrialStore['name']): Promise<TrialStore> {
  const unique = `rapport_recovery_${randomBytes(5).toString('hex')}`;
  if (name === 'sqlite') return { name, databaseUrl: `sqlite:${path.join(folder, `${unique}.db`)}` };
  await admin!.query(`create database ${unique}`);
  databases.push(unique);
  const url = new URL(adminUrl);
  url.pathname = `/${unique}`;
  return { name, databaseUrl: url.toString() };
}

async function trial(name: TrialStore['name'], fault: TrialOptions['fault'], resumeOn: TrialOptions['resumeOn']) {
  // Anywhere from before the message is stored to after the reply is (a turn takes about 1.5 s
  // here); a freeze lands inside the turn, where it matters.
  const faultAfterMs = fault === 'stall' ? 200 + Math.floor(Math.random() * 800) : Math.floor(Math.random() * 2200);
  const result = await runCrashTrial({
    store: await freshStore(name),
    env: { OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'test', COACH_MODEL: 'fake-coach' },
    fault,
    resumeOn,
    faultAfterMs,
  });
  const context = `${fault} after ${faultAfterMs} ms, cut ${result.cutAt}`;
  expect(result.readyMs, context).toBeLessThan(3000);
  expect(result.storedMessages, `${context}: the message is stored once`).toBe(1);
  expect(result.storedReplies, `${context}: the reply is produced once`).toBe(1);
  expect(result.seqsContiguous, `${context}: no seq lost or repeated`).toBe(true);
}

describe.each([
  { name: 'sqlite' as const, skip: false },
  { name: 'postgres' as const, skip: skipPostgres },
])('a server stopped mid-turn ($name)', ({ name, skip }) => {
  it.skipIf(skip)('kill -9, then a restarted server: ready at once, the message once, its lost reply produced once', () => trial(name, 'kill', 'restarted'), 60_000);
  it.skipIf(skip)('kill -9 with a second node running: it takes the conversation over at once and answers it once', () => trial(name, 'kill', 'second-node'), 60_000);
  it.skipIf(skip)('SIGTERM mid-turn, resumed on a second node: nothing lost, nothing doubled', () => trial(name, 'sigterm', 'second-node'), 60_000);
  it.skipIf(skip)('frozen mid-turn past its lease while a second node answers: woken, it stores nothing more', () => trial(name, 'stall', 'second-node'), 60_000);
});
