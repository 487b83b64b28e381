import { loadContent } from '../server/content/load-content.js';
// Measures offline turn handling: the pure core (understand → machine → policy → phrase) in
// process, and whole turns over a real WebSocket against a real server on SQLite.
// Run: npm run bench:turns   (writes docs/performance.md between its markers)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { offlineEngine } from '../server/phrase/offline-engine.js';
import { initialState } from '../server/domain/session-state.js';
import { clientTurn, recordPlan } from '../server/app/turn.js';
import { startTestServer } from '../tests/helpers/test-server.js';
import { TestClient } from '../tests/helpers/ws-client.js';

const coachContent = loadContent().coach;

const SCRIPT = [
  'I want to prepare for my first coaching session; I became a team lead this spring.',
  'I have about half an hour, and yes, I am happy to go on.',
  'I feel stretched thin. People bring me every decision and I end up redoing their work.',
  'Part of it is that I find it hard to trust the team with the important clients.',
  'Success would be going home on time and the team settling routine questions without me.',
  'I learn best by trying something and then talking it through.',
  'A first experiment could be letting Ana run the Thursday client call for two weeks.',
  'Time is tight because of the year-end audit.',
  'Yes, that statement is right.',
  'I will hand the weekly report to Ana by next Friday and count how often I step in.',
  'I commit to that. My confidence is about 7 out of 10.',
  'The risk is that I jump back in when a client complains. Let us check in every two weeks.',
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function pureCore(rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let state = initialState('coach');
    let seq = 1;
    for (const text of SCRIPT) {
      const started = performance.now();
      const turn = clientTurn(coachContent, state, { text, seq: ++seq });
      let reply = '';
      for await (const part of offlineEngine.phrase({ state: turn.state, recent: [], message: { text, seq }, plan: turn.plan })) {
        if (part.type === 'finish') reply = part.text;
      }
      state = recordPlan(turn.state, turn.plan, reply);
      times.push(performance.now() - started);
      seq += 2;
    }
  }
  return times;
}

async function overSocket(sessions: number): Promise<number[]> {
  const app = await startTestServer();
  const times: number[] = [];
  try {
    for (let session = 0; session < sessions; session++) {
      const client = await TestClient.connect(app.wsUrl);
      client.send({ type: 'session.start', mode: 'coach' });
      await client.next('state');
      for (const [index, text] of SCRIPT.entries()) {
        const started = performance.now();
        await client.say(`s${session}-${index}`, text);
        times.push(performance.now() - started);
      }
      await client.close();
    }
  } finally {
    await app.stop();
    app.cleanup();
  }
  return times;
}

const core = await pureCore(50);
const socket = await overSocket(20);
const line = (name: string, values: number[]) =>
  `| ${name} | ${values.length} | ${percentile(values, 50).toFixed(2)} | ${percentile(values, 95).toFixed(2)} | ${Math.max(...values).toFixed(2)} |`;
const section = [
  '<!-- turns:start -->',
  '## Offline turn handling',
  '',
  'Reproduce: `npm run bench:turns` (a 12-turn scripted conversation; the pure core 50 times in',
  'process, then 20 sessions over a real WebSocket against a server on a SQLite file in a temp dir).',
  `Measured on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}, 2 cores.`,
  '',
  '| what | turns | median ms | p95 ms | max ms |',
  '|---|---:|---:|---:|---:|',
  line('pure core: understand, machine, policy, offline phrasing', core),
  line('whole turn over the socket: send → accepted → reply → state (SQLite writes included)', socket),
  '<!-- turns:end -->',
].join('\n');

const file = 'docs/performance.md';
const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n\n<!-- turns:start -->\n<!-- turns:end -->\n';
const updated = current.includes('<!-- turns:start -->')
  ? current.replace(/<!-- turns:start -->[\s\S]*<!-- turns:end -->/, section)
  : `${current.trimEnd()}\n\n${section}\n`;
writeFileSync(file, updated);
console.log(section);
