// What Rapport adds to a model's first token: the time from sending a message to the first
// streamed piece of the reply on the page's WebSocket, against a direct SDK call to the same
// local fake upstream, at 1 and 50 concurrent sessions. Two upstream shapes: the first sentence
// in one chunk (Rapport's own overhead) and token by token (what holding each sentence until it
// is checked costs; see docs/model.md).
// Run: npm run bench:model   (writes docs/performance.md between its markers)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import OpenAI from 'openai';
import { WebSocket } from 'ws';
import { startFakeOpenAI } from '../tests/fakes/fake-openai-server.js';
import { startTestServer } from '../tests/helpers/test-server.js';

const MESSAGES = [
  'I want to prepare for my first coaching session; I became a team lead this spring.',
  'I have about half an hour, and yes, I am happy to go on.',
  'I feel stretched thin. People bring me every decision and I end up redoing their work.',
  'Part of it is that I find it hard to trust the team with the important clients.',
  'Success would be going home on time and the team settling routine questions without me.',
];
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

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function direct(baseURL: string, sessions: number): Promise<number[]> {
  const client = new OpenAI({ baseURL, apiKey: 'not-needed', maxRetries: 0 });
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: sessions }, async () => {
      for (const text of MESSAGES) {
        const started = performance.now();
        const stream = await client.chat.completions.create({ model: 'fake-coach', stream: true, messages: [{ role: 'user', content: text }] });
        let first = true;
        for await (const chunk of stream) {
          if (first && chunk.choices[0]?.delta?.content) {
            times.push(performance.now() - started);
            first = false;
          }
        }
      }
    }),
  );
  return times;
}

/** One session over the page's WebSocket: the time from each user.message to its first assistant.delta. */
async function session(wsUrl: string, times: number[]): Promise<void> {
  const socket = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let waiter: ((frame: Record<string, unknown>) => void) | null = null;
  socket.on('message', (data) => waiter?.(JSON.parse(String(data))));
  const until = (match: (frame: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> =>
    new Promise((resolve) => {
      waiter = (frame) => {
        if (match(frame)) resolve(frame);
      };
    });
  socket.send(JSON.stringify({ type: 'session.start', mode: 'coach' }));
  await until((frame) => frame.type === 'state');
  for (const [index, text] of MESSAGES.entries()) {
    const id = `m${index}`;
    let started = 0;
    let firstSeen = false;
    const done = until((frame) => {
      if (frame.type === 'assistant.delta' && !firstSeen) {
        firstSeen = true;
        times.push(performance.now() - started);
      }
      return frame.type === 'state' && firstSeen;
    });
    started = performance.now();
    socket.send(JSON.stringify({ type: 'user.message', id, text }));
    await done;
  }
  socket.close();
}

async function viaRapport(baseURL: string, sessions: number): Promise<number[]> {
  const app = await startTestServer({ OPENAI_BASE_URL: baseURL, COACH_MODEL: 'fake-coach', RATE_LIMIT_PER_MINUTE: '1000' });
  const times: number[] = [];
  try {
    await Promise.all(Array.from({ length: sessions }, () => session(app.wsUrl, times)));
  } finally {
    await app.stop();
    app.cleanup();
  }
  return times;
}

const rows: string[] = [];
for (const shape of SHAPES) {
  const fake = await startFakeOpenAI({ defaultText: shape.chunks, defaultFirstDelayMs: FIRST_DELAY_MS, defaultDelayMs: shape.delayMs });
  try {
    await direct(fake.baseURL, 2); // warm-up
    await viaRapport(fake.baseURL, 1);
    for (const sessions of [1, 50]) {
      const base = await direct(fake.baseURL, sessions);
      const ours = await viaRapport(fake.baseURL, sessions);
      const ratio = percentile(ours, 50) / percentile(base, 50);
      const added = percentile(ours, 99) - percentile(base, 99);
      rows.push(
        `| ${shape.name} | ${sessions} | ${percentile(base, 50).toFixed(1)} / ${percentile(base, 99).toFixed(1)} | ${percentile(ours, 50).toFixed(1)} / ${percentile(ours, 99).toFixed(1)} | ${ratio.toFixed(2)}× | ${added.toFixed(1)} ms |`,
      );
    }
  } finally {
    await fake.close();
  }
}

const section = [
  '<!-- model:start -->',
  '## First token with a model',
  '',
  `Reproduce: \`npm run bench:model\` (${MESSAGES.length} messages per session; the fake upstream waits ${FIRST_DELAY_MS} ms before its first chunk; "direct" is the openai SDK streaming from the same fake; "via Rapport" is user.message → first assistant.delta on the page's WebSocket, with the store writes, the extraction request and the guard). Aim (issue 13): p50 within 1.10× of direct, added p99 under 50 ms.`,
  `Measured on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}, 2 cores shared with other work.`,
  '',
  '| upstream | sessions | direct p50 / p99 ms | via Rapport p50 / p99 ms | p50 ratio | added p99 |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows,
  '<!-- model:end -->',
].join('\n');

const file = 'docs/performance.md';
const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
const updated = current.includes('<!-- model:start -->') ? current.replace(/<!-- model:start -->[\s\S]*<!-- model:end -->/, section) : `${current.trimEnd()}\n\n${section}\n`;
writeFileSync(file, updated);
console.log(section);
