/**
 * CPU per client turn of the pure core (`clientTurn`: understanding, process, plan and plan check:
 * all that runs before a model is asked), on the bench's own messages (bench/model-overhead.ts), each session worded apart so no reading
 * is remembered from another session. Reports CPU time (user + system) per turn and a digest of
 * the plans and states, so a change meant to keep behaviour can be checked to keep it.
 *
 *   npx tsx bench/client-turn.ts [--sessions 200] [--skip 20]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/client-turn.ts   (then bench/profile-summary.ts)
 */
import { createHash } from 'node:crypto';
import { loadContent } from '../server/content/load-content.js';
import { initialState } from '../server/domain/session-state.js';
import { clientTurn, openingTurn, recordPlan } from '../server/app/turn.js';
import { offlineEngine } from '../server/phrase/offline-engine.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const SESSIONS = Number(option('--sessions') ?? 200);
const SKIP = Number(option('--skip') ?? 20);

const content = loadContent().coach;

function sessionMessages(k: number): string[] {
  return [
    `I want to prepare for my first coaching session; I became a team lead of ${4 + k} people this spring.`,
    `I have about ${20 + k} minutes, and yes, I am happy to go on.`,
    `I feel stretched thin after ${3 + k} weeks of this. People bring me ${10 + k} decisions a day and I end up redoing their work.`,
    `Part of it is that I find it hard to trust the team with the ${5 + k} important clients.`,
    `Success would be going home on time and the team settling ${k + 2} routine questions a week without me.`,
  ];
}

const digest = createHash('sha256');
let measuredCpu = 0;
let measuredTurns = 0;
for (let session = 0; session < SESSIONS; session++) {
  let state = initialState('coach');
  const opening = openingTurn(content, state);
  state = recordPlan(state, opening, '');
  let seq = 1;
  let used = 0;
  for (const text of sessionMessages(session)) {
    const before = process.cpuUsage();
    const turn = clientTurn(content, state, { text, seq: ++seq });
    const spent = process.cpuUsage(before);
    used += (spent.user + spent.system) / 1000;
    let reply = '';
    for await (const part of offlineEngine.phrase({ state: turn.state, recent: [], message: { text, seq }, plan: turn.plan })) {
      if (part.type === 'finish') reply = part.text;
    }
    state = recordPlan(turn.state, turn.plan, reply);
    // keyPhrases is computed lazily, only when read, and nothing on a turn's path reads it: left out.
    const understood = Object.keys(turn.understanding).filter((key) => key !== 'keyPhrases').map((key) => [key, turn.understanding[key as keyof typeof turn.understanding]]);
    digest.update(JSON.stringify(turn.plan)).update(JSON.stringify(understood)).update(reply);
    seq += 2;
  }
  if (session >= SKIP) {
    measuredCpu += used;
    measuredTurns += 5;
  }
}
console.log(`${measuredTurns} turns after ${SKIP} warm-up sessions: ${(measuredCpu / measuredTurns).toFixed(2)} ms CPU a turn in clientTurn`);
console.log(`digest of plans, understandings and replies: ${digest.digest('hex').slice(0, 16)}`);
