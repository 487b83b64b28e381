// Kill-point loop: a real server process is killed (kill -9) at a random point of a turn, twenty
// times across SQLite and PostgreSQL (then a few SIGTERMs and freezes), and the conversation is resumed on a
// restarted process or on a second node. Records how long resuming took and whether anything was
// lost or doubled, and writes the table into docs/reliability.md between its markers.
// Run: npx tsx bench/kill-points.ts [kill-trials=20] [sigterm-trials=4] [freeze-trials=4]
// (PostgreSQL at TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startFakeOpenAI } from '../tests/fakes/fake-openai-server.js';
import { runCrashTrial, type TrialOptions, type TrialResult, type TrialStore } from '../tests/helpers/crash-trial.js';

const KILL_TRIALS = Number(process.argv[2] ?? 20);
const SIGTERM_TRIALS = Number(process.argv[3] ?? 4);
const FREEZE_TRIALS = Number(process.argv[4] ?? 4);
const TRIALS = KILL_TRIALS + SIGTERM_TRIALS + FREEZE_TRIALS;
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DOC = 'docs/reliability.md';
const START = '<!-- kill-points:start -->';
const END = '<!-- kill-points:end -->';

/** The faults tried in turn, so each store meets each of them. */
const FAULTS: { fault: TrialOptions['fault']; resumeOn: TrialOptions['resumeOn']; label: string }[] = [
  { fault: 'kill', resumeOn: 'restarted', label: 'kill -9, same server restarted' },
  { fault: 'kill', resumeOn: 'second-node', label: 'kill -9, resumed on a second node' },
  { fault: 'sigterm', resumeOn: 'second-node', label: 'SIGTERM, resumed on a second node' },
  { fault: 'stall', resumeOn: 'second-node', label: 'frozen (SIGSTOP) past its lease, resumed on a second node, then woken' },
];

const fake = await startFakeOpenAI({
  defaultText: ['It sounds ', 'like your team ', 'leans on you ', 'for every call. ', 'What would ', 'change if ', 'they decided ', 'more themselves?'],
  defaultDelayMs: 120,
});
const folder = mkdtempSync(path.join(tmpdir(), 'rapport-kill-points-'));
const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
await admin.connect();
const databases: string[] = [];

async function freshStore(name: TrialStore['name']): Promise<TrialStore> {
  const unique = `rapport_killpoints_${randomBytes(5).toString('hex')}`;
  if (name === 'sqlite') return { name, databaseUrl: `sqlite:${path.join(folder, `${unique}.db`)}` };
  await admin.query(`create database ${unique}`);
  databases.push(unique);
  const url = new URL(adminUrl);
  url.pathname = `/${unique}`;
  return { name, databaseUrl: url.toString() };
}

interface Row extends TrialResult {
  store: TrialStore['name'];
  label: string;
  faultAfterMs: number;
  error?: string;
}

const rows: Row[] = [];
try {
  for (let index = 0; index < TRIALS; index += 1) {
    const store: TrialStore['name'] = index % 2 === 0 ? 'sqlite' : 'postgres';
    // Kill -9 first, alternating restarted / second node per store pair; then the SIGTERMs.
    const fault = index < KILL_TRIALS ? FAULTS[Math.floor(index / 2) % 2]! : index < KILL_TRIALS + SIGTERM_TRIALS ? FAULTS[2]! : FAULTS[3]!;
    // Every fifth at once (the message may not even be stored), the others anywhere in or just after the turn.
    const faultAfterMs = index % 5 === 0 ? 0 : Math.floor(Math.random() * 2200);
    try {
      const result = await runCrashTrial({
        store: await freshStore(store),
        env: { OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'test', COACH_MODEL: 'fake-coach' },
        fault: fault.fault,
        resumeOn: fault.resumeOn,
        faultAfterMs,
      });
      rows.push({ store, label: fault.label, faultAfterMs, ...result });
    } catch (error) {
      rows.push({ store, label: fault.label, faultAfterMs, readyMs: NaN, replyMs: NaN, cutAt: 'before-accepted', storedMessages: 0, storedReplies: 0, seqsContiguous: false, error: (error as Error).message.split('\n')[0] });
    }
    const last = rows.at(-1)!;
    console.log(`${index + 1}/${TRIALS} ${store} ${fault.label} at ${faultAfterMs} ms: ${last.error ?? `ready ${last.readyMs} ms, reply ${last.replyMs} ms, cut ${last.cutAt}, message ×${last.storedMessages}, reply ×${last.storedReplies}`}`);
  }
} finally {
  await fake.close();
  rmSync(folder, { recursive: true, force: true });
  for (const database of databases) await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
}

const max = (values: number[]) => Math.max(...values);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const ok = (row: Row) => !row.error && row.storedMessages === 1 && row.storedReplies === 1 && row.seqsContiguous;
const lines = [
  START,
  '',
  `${rows.length} trials, ${new Date().toISOString().slice(0, 10)}, \`npx tsx bench/kill-points.ts ${KILL_TRIALS} ${SIGTERM_TRIALS} ${FREEZE_TRIALS}\` (a model answering in about a second, the fault at once or at a random point 0–2.2 s after the message is sent; "ready" is from opening the new connection to \`session.ready\`, "reply" to the reply of the cut message):`,
  '',
  '| store | fault | trials | nothing lost or doubled | ready median / max | reply median / max | cut before accepted / accepted, unanswered / answered |',
  '|---|---|---|---|---|---|---|',
];
for (const store of ['sqlite', 'postgres'] as const) {
  for (const fault of FAULTS) {
    const group = rows.filter((row) => row.store === store && row.label === fault.label);
    if (group.length === 0) continue;
    const good = group.filter((row) => !row.error);
    const cuts = ['before-accepted', 'accepted-unanswered', 'answered'].map((cut) => good.filter((row) => row.cutAt === cut).length).join(' / ');
    const timing = (pick: (row: Row) => number) => (good.length ? `${median(good.map(pick))} / ${max(good.map(pick))} ms` : '—');
    lines.push(`| ${store === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${fault.label} | ${group.length} | ${group.filter(ok).length} of ${group.length} | ${timing((row) => row.readyMs)} | ${timing((row) => row.replyMs)} | ${cuts} |`);
  }
}
const failures = rows.filter((row) => row.error);
if (failures.length > 0) lines.push('', ...failures.map((row) => `- failed: ${row.store}, ${row.label}, at ${row.faultAfterMs} ms: ${row.error}`));
lines.push('', END);

const block = lines.join('\n');
const existing = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
if (existing.includes(START) && existing.includes(END)) {
  writeFileSync(DOC, existing.slice(0, existing.indexOf(START)) + block + existing.slice(existing.indexOf(END) + END.length));
} else {
  writeFileSync(DOC, `${existing}\n${block}\n`);
}
console.log(block);
if (rows.some((row) => !ok(row))) process.exitCode = 1;
