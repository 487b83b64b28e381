/**
 * What a client takes away, against the real server on both stores: a calendar file of the first
 * experiment and the check-ins, read-only share links to the confirmed statement (hashed, expiring,
 * revocable, gone with the session), and the message limit said before anything is cut.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShareLinks } from '../../server/app/share-links.js';
import { useServersAndClients } from '../helpers/lifecycle.js';
import type { RunningServer } from '../helpers/test-server.js';
import type { TestClient } from '../helpers/ws-client.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skipPostgres = process.env.RAPPORT_SKIP_PG === '1';
const database = `rapport_takeaways_${randomBytes(5).toString('hex')}`;
let admin: pg.Client | undefined;

beforeAll(async () => {
  if (skipPostgres) return;
  admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  await admin.query(`create database ${database}`);
});

afterAll(async () => {
  if (!admin) return;
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
});

const lifecycle = useServersAndClients();

function postgresUrl(): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const STORES = [
  { name: 'SQLite', env: (): Record<string, string> => ({}) },
  ...(skipPostgres ? [] : [{ name: 'PostgreSQL', env: (): Record<string, string> => ({ DATABASE_URL: postgresUrl() }) }]),
];

async function startSession(app: RunningServer): Promise<{ client: TestClient; sessionId: string; token: string }> {
  const client = await lifecycle.client(app.wsUrl);
  client.send({ type: 'session.start', mode: 'coach' });
  const ready = await client.next('session.ready');
  await client.next('assistant.message');
  return { client, sessionId: String(ready.sessionId), token: String(ready.token) };
}

async function confirmStatement(client: TestClient): Promise<void> {
  await client.say('m1', 'I want to prepare for coaching on delegating the weekly report to my team.');
  client.send({ type: 'statement.request' });
  await client.next((frame) => frame.type === 'state' && frame.statement !== null);
  client.send({ type: 'statement.confirm' });
  await client.next((frame) => frame.type === 'state' && (frame.statement as { status?: string } | null)?.status === 'confirmed');
}

function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

describe.each(STORES)('on $name', ({ env }) => {
  it('shares the confirmed statement only by the client’s act, read-only, until revoked', async () => {
    const app = await lifecycle.server(env());
    const { client, sessionId, token } = await startSession(app);
    const shares = `${app.url}/api/sessions/${sessionId}/shares`;

    await client.say('m0', 'I want to prepare for coaching on delegating.');
    // Nothing is shared before the client confirms, and nothing exists until they ask.
    expect((await fetch(shares, { headers: bearer(token) }).then((response) => response.json()))).toEqual([]);
    const early = await fetch(shares, { method: 'POST', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: '{}' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { message: string } }).error.message).toMatch(/confirm/);

    await confirmStatement(client);
    const bad = await fetch(shares, { method: 'POST', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: '{"includeTranscript":"yes"}' });
    expect(bad.status).toBe(400);
    const created = await fetch(shares, { method: 'POST', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: '{}' });
    expect(created.status).toBe(201);
    const link = (await created.json()) as { id: string; path: string; includeTranscript: boolean; expiresAt: string };
    expect(link.includeTranscript).toBe(false);
    const linkToken = link.path.split('/').at(-1)!;
    // A week by default.
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(167 * 3_600_000);

    const shared = await fetch(`${app.url}${link.path}`);
    expect(shared.status).toBe(200);
    const html = await shared.text();
    expect(html).toContain('Partnership statement');
    expect(html).toContain('Confirmed by the client');
    // Not the transcript (not ticked), and no internal field, id or token on the page.
    expect(html).not.toContain('The conversation');
    for (const internal of [sessionId, token, linkToken, 'successIndicators', 'firstExperiment', 'learningPreference', 'seq']) expect(html).not.toContain(internal);

    // Someone else's token cannot list, make or revoke links, not even with a session of their own.
    expect((await fetch(shares, { headers: bearer('wrong') })).status).toBe(404);
    const other = await startSession(app);
    const stranger = await fetch(`${app.url}/api/sessions/${other.sessionId}/shares/${link.id}`, { method: 'DELETE', headers: bearer(other.token) });
    expect(stranger.status).toBe(404);
    expect((await fetch(`${app.url}${link.path}`)).status).toBe(200);

    // The store holds only a hash of the link's token.
    const stored = await app.rapport.store.listShareLinks(sessionId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(linkToken);
    if (app.rapport.store.kind === 'sqlite') {
      const file = app.databaseUrl.replace(/^sqlite:/, '');
      for (const name of [file, `${file}-wal`]) {
        let bytes = '';
        try {
          bytes = readFileSync(path.resolve(name)).toString('latin1');
        } catch {
          continue;
        }
        expect(bytes).not.toContain(linkToken);
      }
    }

    // With the transcript ticked, the coach sees the conversation too.
    const withTranscript = (await (await fetch(shares, { method: 'POST', headers: { ...bearer(token), 'Content-Type': 'application/json' }, body: '{"includeTranscript":true}' })).json()) as { id: string; path: string };
    expect(await (await fetch(`${app.url}${withTranscript.path}`)).text()).toContain('delegating the weekly report');

    // Revoked: 404, and the list no longer has it.
    expect((await fetch(`${shares}/${link.id}`, { method: 'DELETE', headers: bearer(token) })).status).toBe(204);
    const revoked = await fetch(`${app.url}${link.path}`);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).not.toContain('Confirmed by the client');
    expect(((await fetch(shares, { headers: bearer(token) }).then((response) => response.json())) as { id: string }[]).map((item) => item.id)).toEqual([withTranscript.id]);

    // Deleting the conversation takes its links with it.
    expect((await fetch(`${app.url}/api/sessions/${sessionId}`, { method: 'DELETE', headers: bearer(token) })).status).toBe(204);
    expect((await fetch(`${app.url}${withTranscript.path}`)).status).toBe(404);
    expect(await app.rapport.store.listShareLinks(sessionId)).toEqual([]);
  });

  it('lets a link lapse at its expiry', async () => {
    const app = await lifecycle.server(env());
    const { client, sessionId } = await startSession(app);
    await confirmStatement(client);
    let now = new Date('2026-12-05T10:00:00Z');
    const links = new ShareLinks(app.rapport.store, 2, () => now);
    const record = await app.rapport.store.getSession(sessionId);
    const link = await links.create(sessionId, record!.state.statement, false);
    now = new Date('2026-12-05T11:59:00Z');
    await expect(links.open(link.token)).resolves.toMatchObject({ transcript: null });
    now = new Date('2026-12-05T12:00:00Z');
    await expect(links.open(link.token)).rejects.toMatchObject({ code: 'not_found' });
    expect(await links.list(sessionId)).toEqual([]);
    // Not merely hidden: the expired link's row (and its hash) is gone from the store.
    expect(await app.rapport.store.listShareLinks(sessionId)).toEqual([]);
  });

  it('puts the first experiment and the check-ins in a calendar file, asking for days the words left open', async () => {
    const app = await lifecycle.server(env());
    const { client, sessionId, token } = await startSession(app);
    const experiment = await client.say('e1', 'A first experiment: I will hand the report to Priya and see how it goes, soon.');
    const checkIn = await client.say('c1', 'Let us check in every other Monday.');
    const record = await app.rapport.store.getSession(sessionId);
    // The conversation's own reading of the plan is the coach team's work; here the slots are set
    // where a finished plan step leaves them, pointing at the turns the client really said.
    await app.rapport.store.saveState(sessionId, {
      ...record!.state,
      experiment: { text: 'hand the report to Priya', quote: 'I will hand the report to Priya and see how it goes, soon.', seq: experiment.accepted.seq as number },
      checkIn: { text: 'check in every other Monday', quote: 'Let us check in every other Monday.', seq: checkIn.accepted.seq as number },
    });
    const calendar = `${app.url}/api/sessions/${sessionId}/calendar`;

    const items = (await (await fetch(`${calendar}?timeZone=Europe/Paris`, { headers: bearer(token) })).json()) as { timeZone: string; items: { key: string; line: string; date: string | null; reason?: string; repeat: unknown }[] };
    // The experiment's line is the client's: their words, or the statement's line if the coach drafted one from them.
    expect(items.items[0]!.line).toMatch(/^(?:I will )?hand the report to Priya and see how it goes, soon\.?$/i);
    expect(items.timeZone).toBe('Europe/Paris');
    expect(items.items.map((item) => [item.key, item.date === null ? item.reason : 'dated'])).toEqual([
      ['experiment', 'vague'],
      ['check-in', 'dated'],
    ]);
    expect(items.items[1]!.repeat).toEqual({ frequency: 'WEEKLY', interval: 2 });

    const refused = await fetch(`${calendar}.ics?timeZone=Europe/Paris`, { headers: bearer(token) });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/experiment/);
    expect((await fetch(`${calendar}.ics?timeZone=Mars/Olympus`, { headers: bearer(token) })).status).toBe(400);
    expect((await fetch(`${calendar}.ics?experiment=2027-02-30`, { headers: bearer(token) })).status).toBe(400);
    expect((await fetch(`${calendar}.ics?experiment=2027-01-04`)).status).toBe(404);

    const file = await fetch(`${calendar}.ics?timeZone=Europe/Paris&experiment=2027-01-04`, { headers: bearer(token) });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(await file.text())).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events.map((event) => [event.summary, event.description])).toEqual([
      ['First experiment', items.items[0]!.line],
      ['Coaching check-in', 'Let us check in every other Monday.'],
    ]);
    expect(events[0]!.startDate.toString()).toBe('2027-01-04');
    expect(events[1]!.startDate.toJSDate().getDay()).toBe(1);
    expect(String(events[1]!.component.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO');
  });

  it('refuses a message over the limit whole, says why, and never quotes a cut of it', async () => {
    const app = await lifecycle.server(env());
    const schema = (await (await fetch(`${app.url}/api/schema`)).json()) as { limits: { messageChars: number } };
    expect(schema.limits.messageChars).toBe(4000);
    const { client, sessionId, token } = await startSession(app);
    const pasted = `I need help with delegation because ${'the report keeps coming back to me '.repeat(130)}`;
    expect(pasted.length).toBeGreaterThan(4000);
    client.send({ type: 'user.message', id: 'long', text: pasted });
    const error = await client.next('error');
    expect(error).toMatchObject({ code: 'too_large', id: 'long' });
    expect(String(error.message)).toMatch(/4000 characters/);
    const snapshot = (await (await fetch(`${app.url}/api/sessions/${sessionId}`, { headers: bearer(token) })).json()) as { history: { role: string; text: string }[]; state: { needs: { evidence: string[] }[] } };
    expect(snapshot.history.filter((item) => item.role === 'client')).toEqual([]);
    expect(snapshot.state.needs.flatMap((need) => need.evidence).some((quote) => quote.includes('the report keeps coming back'))).toBe(false);
    // The connection stays usable: the shortened message goes through.
    await client.say('short', 'I need help with delegation: the report keeps coming back to me.');
  });
});
