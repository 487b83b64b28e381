// Removes from training/understanding/*.jsonl every sentence that repeats (most of the words of) a
// sentence of the scripted clients the coach is scored on, so no evaluation measures memory.
// Run: npm run check:training   (prints what it removed; "removed 0" means clean)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z0-9']+/g) ?? []);
/** Phrases once quoted to data writers from the held-out clients: never in training. */
const LEAKED = /on the pass|front of house|margins are brutal|friday service|rota is set|senior chef|all fall apart/i;
const SETS = [
  { folder: 'eval/clients-holdout', share: 0.6, least: 4 },
  { folder: 'eval/clients-dev2', share: 0.7, least: 5 },
  { folder: 'eval/clients-dev3', share: 0.7, least: 5 },
];

const evaluated = SETS.flatMap(({ folder, share, least }) =>
  readdirSync(path.join(root, folder))
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => (JSON.parse(readFileSync(path.join(root, folder, file), 'utf8')) as { messages: string[] }).messages)
    .flatMap((message) => message.split(/(?<=[.!?])\s+/))
    .map((sentence) => ({ words: words(sentence), share, least }))
    .filter((sentence) => sentence.words.size >= sentence.least),
);

function overlaps(text: string): boolean {
  if (LEAKED.test(text)) return true;
  const own = words(text);
  if (own.size < 4) return false;
  return evaluated.some((sentence) => {
    let shared = 0;
    for (const word of own) if (sentence.words.has(word)) shared += 1;
    return shared >= sentence.least && shared / Math.min(own.size, sentence.words.size) >= sentence.share;
  });
}

let total = 0;
const folder = path.join(root, 'training/understanding');
for (const file of readdirSync(folder).filter((name) => name.endsWith('.jsonl')).sort()) {
  const lines = readFileSync(path.join(folder, file), 'utf8').split('\n').filter((line) => line.trim() !== '');
  const kept = lines.filter((line) => !overlaps((JSON.parse(line) as { text: string }).text));
  const removed = lines.length - kept.length;
  total += removed;
  if (removed > 0) writeFileSync(path.join(folder, file), `${kept.join('\n')}\n`);
  console.log(`${file}: removed ${removed}, kept ${kept.length}`);
}
console.log(`removed ${total}`);
