import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackReportSchema } from '../../server/domain/schemas.js';
import { shippedContent } from '../helpers/content.js';
import { useServersAndClients } from '../helpers/lifecycle.js';
import type { RunningServer } from '../helpers/test-server.js';

const { client, server } = useServersAndClients();

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skipPg = process.env.RAPPORT_SKIP_PG === '1';
const database = `rapport_trainers_${randomBytes(5).toString('hex')}`;
const postgresUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
})();
const TRAINER_KEY = 'a-trainer-key-long-enough-1234';
const sqliteFolder = mkdtempSync(path.join(tmpdir(), 'rapport-trainers-'));

let admin: pg.Client | undefined;
beforeAll(async () => {
  if (skipPg) return;
  admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  await admin.query(`create database ${database}`);
});
afterAll(async () => {
  rmSync(sqliteFolder, { recursive: true, force: true });
  if (!admin) return;
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
});

const stores = [
  { name: 'SQLite', env: () => ({ DATABASE_URL: `sqlite:${path.join(sqliteFolder, 'coach.db')}` }), skip: false },
  { name: 'PostgreSQL', env: () => ({ DATABASE_URL: postgresUrl }), skip: skipPg },
];

const bearer = (token: unknown) => ({ authorization: `Bearer ${String(token)}` });
const json = { 'content-type': 'application/json' };
const priya = shippedContent.personas.resolve('new-manager-delegation');

async function rehearse(app: RunningServer, persona?: string) {
  const connection = await client(app.wsUrl);
  connection.send({ type: 'session.start', mode: 'rehearse', ...(persona ? { persona } : {}) });
  const ready = await connection.next('session.ready');
  const opening = await connection.next('assistant.message');
  await connection.next('state');
  return { connection, sessionId: String(ready.sessionId), token: String(ready.token), opening };
}

async function resume(app: RunningServer, sessionId: string, token: string) {
  const connection = await client(app.wsUrl);
  connection.send({ type: 'session.resume', sessionId, token, after: 0 });
  const ready = await connection.next('session.ready');
  return { connection, ready };
}

async function history(app: RunningServer, sessionId: string, token: string): Promise<{ seq: number; role: string; text: string }[]> {
  const response = await fetch(`${app.url}/api/sessions/${sessionId}`, { headers: bearer(token) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { history: { seq: number; role: string; text: string }[] }).history;
}

function branch(app: RunningServer, sessionId: string, token: string, body: unknown) {
  return fetch(`${app.url}/api/sessions/${sessionId}/branch`, { method: 'POST', headers: { ...bearer(token), ...json }, body: JSON.stringify(body) });
}

/** A trainer's persona: a shipped one under a new id, name and brief. */
function trainerPersona(id: string, name = 'Sam, a pharmacist') {
  return { ...structuredClone(priya), id, name, brief: `${name.split(',')[0]} runs a pharmacy counter and wants to talk about a new team.` };
}

describe.each(stores)('branching a rehearsal ($name)', ({ env, skip }) => {
  it.skipIf(skip)('answers 201 with a new session holding the transcript up to atSeq; the original is untouched and the branch goes its own way', async () => {
    const app = await server(env());
    const original = await rehearse(app, priya.id);
    const first = await original.connection.say('a', "What's been going on for you since the promotion?");
    const second = await original.connection.say('b', 'You end up checking every number and redoing the work yourself.');
    const before = await history(app, original.sessionId, original.token);

    // Try the second turn differently: branch at the client's answer to the first.
    const response = await branch(app, original.sessionId, original.token, { atSeq: Number(first.reply.seq) });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { sessionId: string; token: string };
    expect(created).toEqual({ sessionId: expect.any(String), token: expect.any(String) });
    expect(created.sessionId).not.toBe(original.sessionId);

    const copied = await history(app, created.sessionId, created.token);
    expect(copied).toEqual(before.filter((item) => item.seq <= Number(first.reply.seq)));
    // The original's token does not open the branch, nor the branch's the original.
    expect((await fetch(`${app.url}/api/sessions/${created.sessionId}`, { headers: bearer(original.token) })).status).toBe(404);

    const { connection } = await resume(app, created.sessionId, created.token);
    const tried = await connection.say('b2', 'Do you check their work?');
    expect(priya.closedAnswers).toContain(tried.reply.text);
    expect(Number(tried.accepted.seq)).toBeGreaterThan(Number(first.reply.seq));
    expect(await history(app, original.sessionId, original.token)).toEqual(before);
    expect(second.reply.text).toBe(priya.needs[0]!.reveals[1]);

    // The branch's report compares it with the original, turn for turn after the branch point.
    const report = FeedbackReportSchema.parse(await (await fetch(`${app.url}/api/sessions/${created.sessionId}/feedback`, { headers: bearer(created.token) })).json());
    expect(report.comparison).toMatchObject({
      originalSessionId: original.sessionId,
      atSeq: Number(first.reply.seq),
      originalTurns: [{ text: 'You end up checking every number and redoing the work yourself.' }],
      branchTurns: [{ text: 'Do you check their work?', label: 'question_closed' }],
    });
    expect(report.comparison!.original.percentOpenQuestions).toBe(100);
    expect(report.comparison!.branch.percentOpenQuestions).toBe(50);
  });

  it.skipIf(skip)('a branch at the last turn answers the next line exactly as the original would', async () => {
    const app = await server(env());
    const original = await rehearse(app, 'returner-guarded');
    await original.connection.say('a', 'What would you like to talk about?');
    const last = await original.connection.say('b', 'What else is on your mind at the moment?');
    const created = (await (await branch(app, original.sessionId, original.token, { atSeq: Number(last.state.seq) })).json()) as { sessionId: string; token: string };
    const { connection } = await resume(app, created.sessionId, created.token);
    const inBranch = await connection.say('c', 'What has coming back to work been like?');
    const inOriginal = await original.connection.say('c', 'What has coming back to work been like?');
    expect(inBranch.reply.text).toBe(inOriginal.reply.text);
    // Two listening turns warmed her up: the third opens up, in both.
    expect(shippedContent.personas.resolve('returner-guarded').needs.flatMap((need) => need.reveals)).toContain(inBranch.reply.text);
  });

  it.skipIf(skip)('refuses clearly: a wrong token is not found, a bad atSeq or a coach session is a bad request', async () => {
    const app = await server(env());
    const original = await rehearse(app);
    expect((await branch(app, original.sessionId, 'wrong', { atSeq: 1 })).status).toBe(404);
    const late = await branch(app, original.sessionId, original.token, { atSeq: 999 });
    expect(late.status).toBe(400);
    expect(((await late.json()) as { error: { message: string } }).error.message).toMatch(/atSeq 999 is after the last event/);
    const wrongType = await branch(app, original.sessionId, original.token, { atSeq: 'two' });
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { error: { message: string } }).error.message).toMatch(/^atSeq: /);
    const extra = await branch(app, original.sessionId, original.token, { atSeq: 1, persona: 'x' });
    expect(extra.status).toBe(400);
    const coach = (await (await fetch(`${app.url}/api/sessions`, { method: 'POST', headers: json, body: JSON.stringify({ mode: 'coach' }) })).json()) as { sessionId: string; token: string };
    const refused = await branch(app, coach.sessionId, coach.token, { atSeq: 1 });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/branching is for rehearse sessions/);
  });
});

describe.each(stores)('personas trainers write ($name)', ({ env, skip }) => {
  it.skipIf(skip)('checks a file naming each broken field, then stores it, lists it with the built-in ones and plays it', async () => {
    const app = await server({ ...env(), TRAINER_KEY });
    const broken = trainerPersona('sam-pharmacist');
    (broken.needs[1] as { category: string }).category = 'gardening';
    delete (broken as Partial<typeof broken>).closedAnswers;
    const checked = await fetch(`${app.url}/api/personas/check`, { method: 'POST', headers: json, body: JSON.stringify(broken) });
    expect(checked.status).toBe(400);
    const problem = (await checked.json()) as { error: { code: string; issues: { field: string; message: string }[] } };
    expect(problem.error.code).toBe('bad_request');
    expect(problem.error.issues.map((issue) => issue.field).sort()).toEqual(['closedAnswers', 'needs.1.category']);
    // Nothing was stored by a failed check.
    expect(((await (await fetch(`${app.url}/api/personas`)).json()) as { id: string }[]).map((item) => item.id)).not.toContain('sam-pharmacist');

    const persona = trainerPersona('sam-pharmacist');
    const preview = await fetch(`${app.url}/api/personas/check`, { method: 'POST', headers: json, body: JSON.stringify(persona) });
    expect(await preview.json()).toMatchObject({ id: 'sam-pharmacist', name: 'Sam, a pharmacist', brief: persona.brief, opening: persona.opening, needs: 3, source: 'trainer' });
    const created = await fetch(`${app.url}/api/personas`, { method: 'POST', headers: json, body: JSON.stringify(persona) });
    expect(created.status).toBe(201);
    expect((await fetch(`${app.url}/api/personas`, { method: 'POST', headers: json, body: JSON.stringify(persona) })).status).toBe(409);
    expect((await fetch(`${app.url}/api/personas`, { method: 'POST', headers: json, body: JSON.stringify(trainerPersona(priya.id)) })).status).toBe(409);

    const listed = (await (await fetch(`${app.url}/api/personas`)).json()) as { id: string; source: string }[];
    expect(listed.at(-1)).toMatchObject({ id: 'sam-pharmacist', source: 'trainer' });
    expect(listed.filter((item) => item.source === 'builtin')).toHaveLength(shippedContent.personas.personas.length);
    expect(JSON.stringify(listed)).not.toContain(persona.needs[0]!.reveals[0]);

    const session = await rehearse(app, 'sam-pharmacist');
    expect(session.opening.text).toBe(persona.opening);

    // Stored server-side: a restarted server on the same database still lists it.
    await app.stop();
    const again = await server({ ...env(), TRAINER_KEY });
    expect(((await (await fetch(`${again.url}/api/personas`)).json()) as { id: string }[]).map((item) => item.id)).toContain('sam-pharmacist');
    const cleanup = await fetch(`${again.url}/api/personas/sam-pharmacist`, { method: 'DELETE', headers: bearer(TRAINER_KEY) });
    expect(cleanup.status).toBe(204);
  });

  it.skipIf(skip)('changing or deleting needs the trainer key; a session under way keeps the persona it started with', async () => {
    const app = await server({ ...env(), TRAINER_KEY });
    const id = `kim-${randomBytes(3).toString('hex')}`;
    await fetch(`${app.url}/api/personas`, { method: 'POST', headers: json, body: JSON.stringify(trainerPersona(id, 'Kim, a librarian')) });
    const session = await rehearse(app, id);

    const changed = { ...trainerPersona(id, 'Kim, a head librarian'), needs: trainerPersona(id).needs.slice(0, 2) };
    const put = (headers: Record<string, string>) => fetch(`${app.url}/api/personas/${id}`, { method: 'PUT', headers: { ...json, ...headers }, body: JSON.stringify(changed) });
    expect((await put({})).status).toBe(403);
    expect((await put(bearer('not-the-trainer-key-at-all'))).status).toBe(403);
    const accepted = await put(bearer(TRAINER_KEY));
    expect(accepted.status).toBe(200);
    expect(((await (await fetch(`${app.url}/api/personas`)).json()) as { id: string; name: string }[]).find((item) => item.id === id)?.name).toBe('Kim, a head librarian');
    expect((await fetch(`${app.url}/api/personas/${priya.id}`, { method: 'DELETE', headers: bearer(TRAINER_KEY) })).status).toBe(403);

    expect((await fetch(`${app.url}/api/personas/${id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await fetch(`${app.url}/api/personas/${id}`, { method: 'DELETE', headers: bearer(TRAINER_KEY) })).status).toBe(204);
    expect(((await (await fetch(`${app.url}/api/personas`)).json()) as { id: string }[]).map((item) => item.id)).not.toContain(id);

    // The rehearsal started before goes on with the three needs it started with.
    const turn = await session.connection.say('a', "What's been going on for you since the promotion?");
    expect(turn.reply.text).toBe(priya.needs[0]!.reveals[0]);
    const report = FeedbackReportSchema.parse(await (await fetch(`${app.url}/api/sessions/${session.sessionId}/feedback`, { headers: bearer(session.token) })).json());
    expect(report.needsTotal).toBe(3);
  });

  it.skipIf(skip)('without a trainer key set, nobody can change a persona', async () => {
    const app = await server(env());
    const response = await fetch(`${app.url}/api/personas/anything`, { method: 'DELETE', headers: bearer(TRAINER_KEY) });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/TRAINER_KEY/);
  });
});
