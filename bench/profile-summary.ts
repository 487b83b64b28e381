// Where the Rapport server's main thread went, from a `--cpu-prof` profile such as
// `npm run bench:model -- --profile <dir>` writes: each sample is charged to the first of the
// stages below found walking up its stack from the running function (so the SDK's own code called
// from the engine counts as the SDK, the crisis screen called by the guard as the guard).
// Samples are wall-clock: time the thread waited in a system call while other processes ran counts.
//
// Run: npx tsx bench/profile-summary.ts <file.cpuprofile> [--from <s>] [--to <s>] [--turns <n>]
//   --from/--to: only the samples in that window, seconds from the profile's start (leave out
//   start-up and warm-up: the busy stretches are easy to see in the `busy per second` line);
//   --turns: divide by the client turns of the window, to print ms per turn.
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const STAGES: Array<[string, (frame: CallFrame) => boolean]> = [
  ['understanding, process, plan and plan check (clientTurn)', (frame) => frame.functionName === 'clientTurn'],
  ['the guard (crisis screen of each reply sentence included)', (frame) => frame.url.includes('/phrase/llm-guard')],
  ['prompt building', (frame) => frame.functionName === 'buildCoachMessages' || frame.functionName === 'buildRefineMessages'],
  ['SQLite and Kysely', (frame) => frame.url.includes('/kysely/') || frame.url.includes('better-sqlite3')],
  ['openai SDK', (frame) => frame.url.includes('/openai/')],
  ["Node's fetch (undici) and web streams", (frame) => frame.url.includes('undici') || frame.url.includes('webstreams')],
  ['WebSocket library', (frame) => frame.url.includes('/ws/lib/')],
  ['socket writes (writev)', (frame) => frame.functionName === 'writev'],
  ['garbage collection', (frame) => frame.functionName === '(garbage collector)'],
  ['idle', (frame) => frame.functionName === '(idle)'],
];

const args = process.argv.slice(2);
const option = (name: string): number | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : Number(args[at + 1]);
};
const file = args.find((arg) => arg.endsWith('.cpuprofile'));
if (!file) throw new Error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--from <s>] [--to <s>] [--turns <n>]');
const from = (option('--from') ?? 0) * 1e6;
const to = (option('--to') ?? Number.POSITIVE_INFINITY) * 1e6;
const turns = option('--turns');

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const stageOf = new Map<number, string>();
function stage(id: number): string {
  const known = stageOf.get(id);
  if (known) return known;
  let found = 'everything else (promise machinery, timers, JSON, protocol, session service)';
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const match = STAGES.find(([, test]) => test(nodes.get(at!)!.callFrame));
    if (match) {
      found = match[0];
      break;
    }
  }
  stageOf.set(id, found);
  return found;
}

const totals = new Map<string, number>();
const busyBySecond = new Map<number, [busy: number, all: number]>();
let time = profile.startTime;
let window = 0;
for (let index = 0; index < profile.samples.length; index += 1) {
  time += profile.timeDeltas[index]!;
  const since = time - profile.startTime;
  // A sample lasts until the next one.
  const lasted = profile.timeDeltas[index + 1] ?? 0;
  const name = stage(profile.samples[index]!);
  const second = Math.floor(since / 1e6);
  const [busy, all] = busyBySecond.get(second) ?? [0, 0];
  busyBySecond.set(second, [busy + (name === 'idle' ? 0 : lasted), all + lasted]);
  if (since < from || since > to) continue;
  window += lasted;
  totals.set(name, (totals.get(name) ?? 0) + lasted);
}

console.log(`busy per second: ${[...busyBySecond].map(([second, [busy, all]]) => `${second}s ${Math.round((100 * busy) / Math.max(all, 1))}%`).join(', ')}`);
console.log(`window: ${(window / 1e3).toFixed(0)} ms${turns ? `, ${turns} turns` : ''}`);
for (const [name, micros] of [...totals].sort((first, second) => second[1] - first[1])) {
  const ms = micros / 1e3;
  console.log(`${(turns ? ms / turns : ms).toFixed(2).padStart(9)} ms${turns ? ' a turn' : ''}  ${name}`);
}
