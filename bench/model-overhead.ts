// What Rapport adds to a model's first words: the time from sending a message to the first
// streamed piece of the reply on the page's WebSocket, against a direct SDK call to the same
// local fake upstream, at 1 and 50 concurrent sessions. Two upstream shapes: the first sentence
// in one chunk (Rapport's own overhead) and token by token (where the guard's wait for a complete
// sentence shows; see docs/model.md).
//
// Three processes, so no side starves another on one event loop: the fake upstream, the Rapport
// server (the real server on a fresh SQLite file) and this client, which measures both paths the
// same way (performance.now() here, around its own socket). One fake and one server per shape,
// warmed up first; each configuration is run `--runs` times (3 by default), direct and via
// Rapport interleaved, and the median of the runs' percentiles is reported.
//
// Run: npm run bench:model [-- --runs 5] [-- --profile <dir>]   (writes docs/performance.md between its markers)
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { WebSocket } from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The five messages of a session. Every session gets its own wording (a number in every sentence,
 * from a counter that never repeats in a run of the bench): people do not send each other's words,
 * and the server remembers some readings by text (the crisis screen, the need classifier, parses),
 * so identical messages in 50 sessions would be read once and measured as free.
 */
let nextSession = 0;
function sessionMessages(): string[] {
  const k = nextSession++;
  return [
    `I want to prepare for my first coaching session; I became a team lead of ${4 + k} people this spring.`,
    `I have about ${20 + k} minutes, and yes, I am happy to go on.`,
    `I feel stretched thin after ${3 + k} weeks of this. People bring me ${10 + k} decisions a day and I end up redoing their work.`,
    `Part of it is that I find it hard to trust the team with the ${5 + k} important clients.`,
    `Success would be going home on time and the team settling ${k + 2} routine questions a week without me.`,
  ];
}
const MESSAGE_COUNT = 5;
const FIRST_DELAY_MS = 40;

interface Shape {
  name: string;
  chunks: string[];
  delayMs: number;
}
const SHAPES: Shape[] = [
  { name: 'first sentence in one chunk', chunks: ['That sounds like a lot to carry right now. ', 'And it matters to you.'], delayMs: 10 },
  {
    name: 'token by token, 10 ms apart',
    chunks: 'That sounds like a lot to carry right now. And it matters to you.'.split(/(?<= )/),
    delayMs: 10,
  },
];

/** Where the guard (server/phrase/llm-guard.ts) sees a sentence end: the same rule, so "direct" waits for the same thing. */
const SENTENCE_END = /[.!?…]+["'”’)\]]*\s+|\n+/u;

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const RUNS = Number(option('--runs') ?? 3);
const PROFILE_DIR = option('--profile');
/** `--loop-delay`: the server prints how long its event loop was held up during each measured run via Rapport. */
const LOOP_DELAY = args.includes('--loop-delay');
/** `--sessions 1` or `--shape 0` narrow a run for a look at one case; only a full run writes docs/performance.md. */
const SESSION_COUNTS = (option('--sessions') ?? '1,50').split(',').map(Number);
const SHAPE_FILTER = option('--shape');
/**
 * Mean pause before each message, ms (`--think 3000,1000,0`). People take longer than either to
 * read a reply and type the next message; 3000 gives 50 sessions about 17 messages a second and
 * 1000 about 50, at random moments. 0: every session sends its next message the moment the last
 * reply is stored: a closed loop with no pause, which measures how many turns a second the processes
 * can do (the latency of each is then about sessions ÷ throughput), not what a turn adds.
 */
const THINK_MS = (option('--think') ?? '3000,1000,0').split(',').map(Number);
const FULL_RUN = SESSION_COUNTS.join(',') === '1,50' && SHAPE_FILTER === undefined && THINK_MS.join(',') === '3000,1000,0';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Starts a TypeScript file in its own Node process and waits for the one JSON line it prints when ready. */
async function startProcess<T>(file: string, argv: string[], env: Record<string, string>, nodeOptions: string[] = []): Promise<{ ready: T; child: ChildProcess }> {
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', path.join(here, file), ...argv], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<T>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as T));
  });
  return { ready, child };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface DirectTimes {
  firstToken: number[];
  firstSentence: number[];
}

/** The openai SDK streaming from the fake: the first piece of text, and the moment the text holds a complete sentence. */
async function direct(baseURL: string, sessions: number, thinkMs: number): Promise<DirectTimes> {
  const client = new OpenAI({ baseURL, apiKey: 'not-needed', maxRetries: 0 });
  const times: DirectTimes = { firstToken: [], firstSentence: [] };
  const thinkTimes = thinkSchedule(thinkMs);
  await Promise.all(
    Array.from({ length: sessions }, async (_unused, index) => {
      const think = thinkTimes(index);
      for (const [turn, text] of sessionMessages().entries()) {
        await pause(think[turn]!);
        const started = performance.now();
        const stream = await client.chat.completions.create({ model: 'fake-coach', stream: true, messages: [{ role: 'user', content: text }] });
        let received = '';
        let sentence = false;
        for await (const chunk of stream) {
          const piece = chunk.choices[0]?.delta?.content;
          if (!piece) continue;
          if (received === '') times.firstToken.push(performance.now() - started);
          received += piece;
          if (!sentence && SENTENCE_END.test(received)) {
            sentence = true;
            times.firstSentence.push(performance.now() - started);
          }
        }
        // A reply without a sentence end is complete at its end (as the guard's finish sees it).
        if (!sentence) times.firstSentence.push(performance.now() - started);
      }
    }),
  );
  return times;
}

interface RapportTimes {
  accepted: number[];
  firstDelta: number[];
}

/** One session over the page's WebSocket: from each user.message to its message.accepted and its first assistant.delta. */
async function session(wsUrl: string, times: RapportTimes, think: number[]): Promise<void> {
  const socket = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let waiter: ((frame: Record<string, unknown>) => void) | null = null;
  socket.on('message', (data) => waiter?.(JSON.parse(String(data))));
  const until = (match: (frame: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> =>
    new Promise((resolve) => {
      waiter = (frame) => {
        if (frame.type === 'error') throw new Error(`error frame: ${String(frame.code)} ${String(frame.message)}`);
        if (match(frame)) resolve(frame);
      };
    });
  socket.send(JSON.stringify({ type: 'session.start', mode: 'coach' }));
  await until((frame) => frame.type === 'state');
  for (const [index, text] of sessionMessages().entries()) {
    await pause(think[index]!);
    const id = `m${index}`;
    let started = 0;
    let firstSeen = false;
    const done = until((frame) => {
      if (frame.type === 'message.accepted') times.accepted.push(performance.now() - started);
      if (frame.type === 'assistant.delta' && !firstSeen) {
        firstSeen = true;
        times.firstDelta.push(performance.now() - started);
      }
      return frame.type === 'state' && firstSeen;
    });
    started = performance.now();
    socket.send(JSON.stringify({ type: 'user.message', id, text }));
    await done;
  }
  socket.close();
}

async function viaRapport(wsUrl: string, sessions: number, thinkMs: number): Promise<RapportTimes> {
  const times: RapportTimes = { accepted: [], firstDelta: [] };
  const thinkTimes = thinkSchedule(thinkMs);
  await Promise.all(Array.from({ length: sessions }, (_unused, index) => session(wsUrl, times, thinkTimes(index))));
  return times;
}

/**
 * Each session's pauses before its messages (the first one included, so sessions do not all start
 * at the same instant): uniform between half and one and a half times `meanMs`, from a fixed seed,
 * so the direct calls and the sessions via Rapport wait the same pauses. 0: no pauses at all.
 */
function thinkSchedule(meanMs: number): (session: number) => number[] {
  return (session) => {
    // mulberry32, seeded by the session's index: the same numbers on both paths and in every run.
    let seed = (session + 1) * 0x9e3779b9;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return Array.from({ length: MESSAGE_COUNT }, () => (meanMs === 0 ? 0 : meanMs * (0.5 + random())));
  };
}

const pause = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return null;
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
/** USER_HZ: 100 on Linux. */
const CLOCK_TICKS = 100;

interface RunFigures {
  /** Rapport's server process: CPU ms per client turn (the session's opening included, spread over its turns). */
  serverCpuPerTurn: number | null;
  /** The fake upstream's CPU ms per turn: on the direct path, and via Rapport (reply and extraction). */
  fakeCpuDirect: number | null;
  fakeCpuRapport: number | null;
  directToken: [number, number];
  directSentence: [number, number];
  accepted: [number, number];
  rapport: [number, number];
}
const p50p99 = (values: number[]): [number, number] => [percentile(values, 50), percentile(values, 99)];

const load: { before: string; after?: string } = { before: loadavg().map((value) => value.toFixed(2)).join(' ') };
const results = new Map<string, RunFigures[]>();

for (const [shapeIndex, shape] of SHAPES.entries()) {
  if (SHAPE_FILTER !== undefined && Number(SHAPE_FILTER) !== shapeIndex) continue;
  const fake = await startProcess<{ baseURL: string }>('processes/fake-upstream.ts', [
    JSON.stringify({ defaultText: shape.chunks, defaultFirstDelayMs: FIRST_DELAY_MS, defaultDelayMs: shape.delayMs, sayStatement: true }),
  ], {});
  const server = await startProcess<{ wsUrl: string }>(
    'processes/rapport-server.ts',
    [],
    {
      OPENAI_BASE_URL: fake.ready.baseURL,
      COACH_MODEL: 'fake-coach',
      RATE_LIMIT_PER_MINUTE: '100000',
      CONNECTIONS_PER_ADDRESS: '100000',
      MESSAGES_PER_MINUTE_PER_ADDRESS: '100000',
      SESSION_STARTS_PER_MINUTE: '100000',
    },
    PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE_DIR, `shape${shapeIndex}`)}`] : [],
  );
  try {
    // Warm-up: both paths, so neither pays for connection set-up or a cold JIT in what is measured.
    await direct(fake.ready.baseURL, 5, 0);
    await viaRapport(server.ready.wsUrl, 5, 0);
    for (let run = 0; run < RUNS; run += 1) {
      for (const thinkMs of THINK_MS) for (const sessions of SESSION_COUNTS) {
        const turns = sessions * MESSAGE_COUNT;
        const perTurn = (before: number | null, after: number | null): number | null => (before === null || after === null ? null : (after - before) / turns);
        const fakeAtStart = cpuMs(fake.child.pid);
        const base = await direct(fake.ready.baseURL, sessions, thinkMs);
        const cpuBefore = cpuMs(server.child.pid);
        const fakeBefore = cpuMs(fake.child.pid);
        if (LOOP_DELAY) server.child.kill('SIGUSR2');
        const ours = await viaRapport(server.ready.wsUrl, sessions, thinkMs);
        if (LOOP_DELAY) server.child.kill('SIGUSR2');
        const cpuAfter = cpuMs(server.child.pid);
        const fakeAfter = cpuMs(fake.child.pid);
        const figures: RunFigures = {
          serverCpuPerTurn: perTurn(cpuBefore, cpuAfter),
          fakeCpuDirect: perTurn(fakeAtStart, fakeBefore),
          fakeCpuRapport: perTurn(fakeBefore, fakeAfter),
          directToken: p50p99(base.firstToken),
          directSentence: p50p99(base.firstSentence),
          accepted: p50p99(ours.accepted),
          rapport: p50p99(ours.firstDelta),
        };
        const key = `${shape.name}|${sessions}|${thinkMs}`;
        results.set(key, [...(results.get(key) ?? []), figures]);
        console.error(`${shape.name}, ${sessions} sessions, think ${thinkMs} ms, run ${run + 1}: ${JSON.stringify(figures, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}`);
      }
    }
  } finally {
    await stopProcess(server.child);
    await stopProcess(fake.child);
  }
}
load.after = loadavg().map((value) => value.toFixed(2)).join(' ');

const rows: string[] = [];
for (const thinkMs of THINK_MS) for (const shape of SHAPES) {
  for (const sessions of SESSION_COUNTS) {
    const runs = results.get(`${shape.name}|${sessions}|${thinkMs}`);
    if (!runs) continue;
    const mid = (pick: (run: RunFigures) => number): number => median(runs.map(pick));
    const f = (value: number): string => value.toFixed(1);
    const ratio = mid((run) => run.rapport[0] / run.directSentence[0]);
    const added = mid((run) => run.rapport[1] - run.directSentence[1]);
    const cpu = (pick: (run: RunFigures) => number | null): string => (runs.every((run) => pick(run) !== null) ? mid((run) => pick(run)!).toFixed(1) : 'n/a');
    rows.push(
      `| ${thinkMs === 0 ? 'none (closed loop)' : `${thinkMs} ms`} | ${shape.name} | ${sessions} | ${f(mid((r) => r.directToken[0]))} / ${f(mid((r) => r.directToken[1]))} | ${f(mid((r) => r.directSentence[0]))} / ${f(mid((r) => r.directSentence[1]))} | ${f(mid((r) => r.accepted[0]))} / ${f(mid((r) => r.accepted[1]))} | ${f(mid((r) => r.rapport[0]))} / ${f(mid((r) => r.rapport[1]))} | ${ratio.toFixed(2)}× | ${added.toFixed(1)} ms | ${cpu((r) => r.serverCpuPerTurn)} | ${cpu((r) => r.fakeCpuDirect)} / ${cpu((r) => r.fakeCpuRapport)} |`,
    );
  }
}

const section = [
  '<!-- model:start -->',
  '## First words with a model',
  '',
  `Reproduce: \`npm run bench:model\` (${MESSAGE_COUNT} messages per session, each session's worded apart by a number in every sentence; the fake upstream waits ${FIRST_DELAY_MS} ms before its first chunk, then 10 ms between chunks).`,
  `Measured on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}, 2 cores shared with other work (load average ${load.before} before, ${load.after} after); each figure is the median of ${RUNS} runs' percentiles.`,
  '',
  '| pause before a message (mean) | upstream | sessions | direct first token p50 / p99 ms | direct first sentence p50 / p99 ms | Rapport message.accepted p50 / p99 ms | Rapport first delta p50 / p99 ms | p50 ratio | added p99 | Rapport server CPU per turn, ms | fake upstream CPU per turn, direct / via Rapport, ms |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
  '',
  'What is compared: the guard shows a reply only a checked sentence at a time, so Rapport\'s first',
  'delta is the first *complete sentence* of the model\'s reply. "Direct" is therefore timed to its',
  'first complete sentence too (the same sentence-end rule), and the ratio and added p99 are Rapport\'s',
  'first delta against that. When the first sentence comes in one chunk the two direct columns are the',
  'same moment; token by token, the direct first token is shown beside it for what holding a sentence costs.',
  '',
  'How: three processes, as in a deployment: the fake upstream, the Rapport server (as `main.ts` wires',
  'it, on a fresh SQLite file) and the bench client, which runs both paths with the same code, the same',
  'number of concurrent sessions, the same seeded pauses and the same messages, and times both around its',
  'own socket. The direct path and the path via Rapport take turns, never overlapping. Every session words',
  'its messages apart (a number in every sentence): the server remembers some readings by text, and 50',
  'sessions sending the same words would be read once. The fake says the draft statement when the',
  'prompt asks for it, as a model that follows the turn\'s instructions does (otherwise the guard',
  'rejects the reply and the turn is written again). "Via Rapport" includes storing the message, the',
  'session lease, understanding and policy, the prompt and the guard; the extraction request to the same',
  'upstream is sent once the first words are out (it still loads both processes). The pause column: each session waits a random 0.5–1.5 times that',
  'mean before each message (the first too, so sessions do not start at one instant); "none" is a',
  'closed loop, each session sending its next message as soon as the last reply is stored, which',
  'measures throughput (a turn then waits for about `sessions ÷ turns per second`), not what one turn adds.',
  'CPU columns: the process\'s user + system time (all threads: GC and the kernel\'s socket and disk work',
  'included) over the run, divided by its client turns (each session\'s opening is counted in; with pauses,',
  'the idle server\'s timers are too).',
  '<!-- model:end -->',
].join('\n');

const file = 'docs/performance.md';
const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
const updated = current.includes('<!-- model:start -->') ? current.replace(/<!-- model:start -->[\s\S]*<!-- model:end -->/, section) : `${current.trimEnd()}\n\n${section}\n`;
if (FULL_RUN) writeFileSync(file, updated);
console.log(section);
