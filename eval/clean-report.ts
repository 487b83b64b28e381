/**
 * How the normaliser (server/understand/clean.ts) changes real transcribed speech: over every
 * client turn of the AnnoMI development conversations, how many had something removed or
 * rewritten, which rules fired, and a sample of before/after pairs to judge by eye.
 *
 *   npx tsx eval/clean-report.ts [path/to/annomi-dev-dialogues.jsonl] [--pairs N] [--rule ID]
 *
 * The sample is spread evenly over the changed turns (no randomness), so two runs print the same.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCleanLexicons } from '../server/content/load-clean.js';
import { cleanText } from '../server/understand/clean.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const path = args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? resolve(import.meta.dirname, '../../shared/data/annomi-dev-dialogues.jsonl');
const pairs = Number(option('--pairs') ?? 20);
const onlyRule = option('--rule');

interface Dialogue {
  transcript: number;
  turns: { role: string; text: string }[];
}

const lexicons = loadCleanLexicons();
const turns = readFileSync(path, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .flatMap((line) => (JSON.parse(line) as Dialogue).turns.filter((turn) => turn.role === 'client').map((turn) => turn.text));

const started = performance.now();
const results = turns.map((text) => cleanText(text, lexicons));
const elapsed = performance.now() - started;

const changed = results.filter((result) => result.changed);
const removing = results.filter((result) => result.edits.some((edit) => edit.rule.includes(':') && edit.replacement.trim().length < edit.removed.trim().length));
const emptied = results.filter((result) => result.original.trim() && !result.text);
const byRule = new Map<string, number>();
for (const result of results) {
  for (const rule of new Set(result.edits.map((edit) => edit.rule))) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
}
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const before = turns.reduce((sum, text) => sum + words(text), 0);
const after = results.reduce((sum, result) => sum + words(result.text), 0);
const percent = (n: number) => `${((100 * n) / turns.length).toFixed(1)}%`;
const touched = (prefix: string, reparandum?: boolean) =>
  results.filter((result) => result.edits.some((edit) => edit.rule.startsWith(prefix) && (reparandum === undefined || edit.reparandum === reparandum))).length;
/** An independent check (not the lexicons): hesitations, transcript marks, double dashes, doubled words. */
const NOISE = /(?<![\w-])(?:um+|uh+|erm+|hmm+)(?![\w-])|\[[^\]]*\]|--|(?<![\w-])(?!(?:bye|so|no|uh|mm|yeah|night)-)(\w+)-\1(?![\w])/i;
const noisyBefore = turns.filter((text) => NOISE.test(text)).length;
const noisyAfter = results.filter((result) => NOISE.test(result.text)).length;
const droppedStarts = results.flatMap((result) => result.edits.filter((edit) => edit.reparandum));
const droppedWords = droppedStarts.reduce((sum, edit) => sum + words(edit.removed.replace(/[-—–]+/g, ' ')), 0);

console.log(`AnnoMI client turns: ${turns.length} (${path})`);
console.log(`changed in any way:        ${changed.length} (${percent(changed.length)})`);
console.log(`something removed:         ${removing.length} (${percent(removing.length)})`);
console.log(`nothing left (noise only): ${emptied.length} (${emptied.map((result) => JSON.stringify(result.original)).slice(0, 8).join(', ')})`);
console.log(`words: ${before} before, ${after} after (${(100 - (100 * after) / before).toFixed(1)}% fewer)`);
console.log(`with um/uh/erm/hmm, [marks], -- or X-X: ${noisyBefore} before, ${noisyAfter} after`);
console.log(`fillers, asides, marks removed: ${touched('clean-fillers:')} turns (${percent(touched('clean-fillers:'))})`);
console.log(`stutters, cut-offs, dashes:    ${touched('clean-restarts:', false)} turns (${percent(touched('clean-restarts:', false))})`);
console.log(`restarts (abandoned starts):   ${touched('clean-restarts:', true)} turns (${percent(touched('clean-restarts:', true))}), ${droppedStarts.length} starts, ${droppedWords} words dropped`);
console.log(`spelling expanded:             ${touched('chat-spelling:')} turns (${percent(touched('chat-spelling:'))})`);
console.log(`time: ${(elapsed / turns.length).toFixed(2)} ms a turn`);
console.log('\nturns touched, by rule:');
for (const [rule, count] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(5)}  ${rule}`);

const pool = onlyRule ? changed.filter((result) => result.edits.some((edit) => edit.rule.endsWith(`:${onlyRule}`) || edit.rule === onlyRule)) : changed;
const step = Math.max(1, Math.floor(pool.length / Math.max(1, pairs)));
console.log(`\n${Math.min(pairs, pool.length)} before/after pairs (every ${step}th changed turn${onlyRule ? ` with ${onlyRule}` : ''}):`);
for (let i = 0, shown = 0; i < pool.length && shown < pairs; i += step, shown++) {
  const result = pool[i]!;
  console.log(`\n  before: ${result.original}\n  after:  ${result.text}`);
}
