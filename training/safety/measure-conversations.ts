/**
 * Safety replies in replayed ordinary conversations: every conversation of the AnnoMI dialogues
 * (client turns, at most 14, as `npm run eval:real-speech` plays them) and of the scripted messy
 * clients, run through the very turn loop the server runs (eval/driver.ts). None of them is a
 * crisis, so every reply that takes the conversation over (the crisis help and a pause, the check
 * question, the help lines asked again) is a false alarm a user would see.
 *
 *   npx tsx training/safety/measure-conversations.ts [--rows]
 *
 * Counts per set, by the label of the reply's safety move. `--rows` prints the client's message
 * and the reply's label for the sets developers may read (AnnoMI, messy-dev); the held-out sets
 * (messy-holdout, messy-holdout2, messy-holdout3, messy-holdout4, messy-holdout5, messy-holdout6, messy-holdout7, messy-holdout8, messy-holdout9, messy-holdout10, messy-holdout11, messy-holdout12, messy-holdout13, safety-holdout14) are counted only: no text of theirs is ever printed.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runConversation } from '../../eval/driver.js';
import { loadSafetyContent } from '../../server/content/load-safety.js';
import { ANNOMI_DIALOGUES } from './corpus.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MAX_ANNOMI_TURNS = 14;
const SAFETY_LABEL = 'safety: ';

interface ConversationSet {
  name: string;
  readable: boolean;
  conversations: { id: string; messages: string[] }[];
}

function annomi(): ConversationSet['conversations'] {
  if (!existsSync(ANNOMI_DIALOGUES)) return [];
  return readFileSync(ANNOMI_DIALOGUES, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const dialogue = JSON.parse(line) as { turns: { role: string; text?: string | null }[] };
      const messages = dialogue.turns.filter((turn) => turn.role === 'client').map((turn) => (turn.text ?? '').trim()).filter((text) => text !== '').slice(0, MAX_ANNOMI_TURNS);
      return { id: String(index), messages };
    });
}

function scripted(folder: string): ConversationSet['conversations'] {
  const directory = join(root, 'eval', folder);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const client = JSON.parse(readFileSync(join(directory, file), 'utf8')) as { messages?: unknown[] };
      return { id: file, messages: (client.messages ?? []).filter((message): message is string => typeof message === 'string' && message.trim() !== '') };
    });
}

const showRows = process.argv.includes('--rows');
/** `--scores`: for each message the model alone raised, its whole and best-clause scores and its length (no text, any set). */
const showScores = process.argv.includes('--scores');
const scoreRows: string[] = [];
const screen = loadSafetyContent().screen;
const sets: ConversationSet[] = [
  { name: 'annomi', readable: true, conversations: annomi() },
  { name: 'messy-dev', readable: true, conversations: scripted('clients-messy-dev') },
  { name: 'messy-holdout', readable: false, conversations: scripted('clients-messy-holdout') },
  { name: 'messy-holdout2', readable: false, conversations: scripted('clients-messy-holdout2') },
  { name: 'messy-holdout3', readable: false, conversations: scripted('clients-messy-holdout3') },
  { name: 'messy-holdout4', readable: false, conversations: scripted('clients-messy-holdout4') },
  { name: 'messy-holdout5', readable: false, conversations: scripted('clients-messy-holdout5') },
  { name: 'messy-holdout6', readable: false, conversations: scripted('clients-messy-holdout6') },
  { name: 'messy-holdout7', readable: false, conversations: scripted('clients-messy-holdout7') },
  { name: 'messy-holdout8', readable: false, conversations: scripted('clients-messy-holdout8') },
  { name: 'messy-holdout9', readable: false, conversations: scripted('clients-messy-holdout9') },
  { name: 'messy-holdout10', readable: false, conversations: scripted('clients-messy-holdout10') },
  { name: 'messy-holdout11', readable: false, conversations: scripted('clients-messy-holdout11') },
  { name: 'messy-holdout12', readable: false, conversations: scripted('clients-messy-holdout12') },
  { name: 'messy-holdout13', readable: false, conversations: scripted('clients-messy-holdout13') },
  { name: 'safety-holdout14', readable: false, conversations: scripted('clients-safety-holdout14') },
];

for (const set of sets) {
  const counts = new Map<string, number>();
  /** What raised each alarm or check that started a safety exchange: a pattern or the model (no text). */
  const raisedBy = new Map<string, number>();
  let replies = 0;
  let touched = 0;
  const rows: string[] = [];
  for (const conversation of set.conversations) {
    const { turns } = await runConversation(conversation.messages);
    let any = false;
    turns.forEach((turn, index) => {
      if (turn.role !== 'coach' || index === 0) return;
      replies += 1;
      const safety = (turn.moves ?? []).find((move) => move.label?.startsWith(SAFETY_LABEL));
      if (!safety) return;
      const label = safety.label!.slice(SAFETY_LABEL.length);
      counts.set(label, (counts.get(label) ?? 0) + 1);
      any = true;
      const reading = screen(turns[index - 1]?.text ?? '');
      const read = turn.understanding?.safety;
      // What raised it: the screen on the client's words, else on their cleaned form (the turn loop screens both).
      const cleaned = reading.tier ? reading : screen(turn.understanding?.text ?? '');
      const by = (source: string | null) => (source === 'model' ? 'the model' : 'a pattern');
      const source = reading.tier
        ? `${reading.tier} by ${by(reading.source)}`
        : cleaned.tier && (read === 'crisis' || read === 'check')
          ? `${read} on the cleaned words (${cleaned.tier} by ${by(cleaned.source)})`
          : read === 'crisis' || read === 'check' ? `${read} as the answer to the check` : null;
      if (source) raisedBy.set(source, (raisedBy.get(source) ?? 0) + 1);
      // Numbers only, never the words: the model's scores of a message it alone raised, for choosing bars.
      if (showScores && source?.includes('by the model')) {
        const text = reading.tier ? (turns[index - 1]?.text ?? '') : (turn.understanding?.text ?? '');
        const scores = screen.scoreOnly(text);
        if (scores) scoreRows.push(`  ${set.name} model-raised: whole ${scores.danger.toFixed(2)}, best clause ${scores.clauses.danger.toFixed(2)}, words ${text.split(/\s+/).length}`);
      }
      if (showRows && set.readable) rows.push(`  ${conversation.id} [${label}] client: ${turns[index - 1]?.text.slice(0, 240)}`);
    });
    if (any) touched += 1;
  }
  const takeovers = [...counts].filter(([label]) => !/coaching goes on|let go/.test(label)).reduce((sum, [, count]) => sum + count, 0);
  console.log(`${set.name}: ${set.conversations.length} conversations, ${replies} replies; replies taken over by safety ${takeovers}, conversations with any safety reply ${touched}`);
  for (const [label, count] of [...counts].sort()) console.log(`  ${count} × ${label}`);
  for (const [source, count] of [...raisedBy].sort()) console.log(`  raised: ${count} × ${source}`);
  for (const row of rows) console.log(row);
}
for (const row of scoreRows) console.log(row);
