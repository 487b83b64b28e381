/**
 * `npx tsx eval/spelling-repairs.ts`: every repair the cleaner's spelling repair makes over all client
 * turns of the AnnoMI development conversations and of the scripted clients (eval/clients*), with how
 * often, for a person to check by hand (docs/understanding-clean.md quotes the list).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCleanLexicons } from '../server/content/load-clean.js';
import { cleanText } from '../server/understand/clean.js';
import { annomiClientTurns } from '../training/safety/corpus.js';

const root = resolve(import.meta.dirname, '..');
const clean = loadCleanLexicons();
const texts: string[] = [...annomiClientTurns()];
for (const folder of readdirSync(join(root, 'eval')).filter((name) => name.startsWith('clients'))) {
  for (const file of readdirSync(join(root, 'eval', folder)).filter((name) => name.endsWith('.json'))) {
    const { messages } = JSON.parse(readFileSync(join(root, 'eval', folder, file), 'utf8')) as { messages?: unknown };
    if (Array.isArray(messages)) texts.push(...messages.filter((message): message is string => typeof message === 'string'));
  }
}
const counts = new Map<string, number>();
for (const text of texts) {
  for (const edit of cleanText(text, clean).edits) {
    if (edit.rule !== 'spelling-repair') continue;
    const key = `${edit.removed} → ${edit.replacement}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}
console.log(`${texts.length} client turns; ${counts.size} different repairs`);
for (const [repair, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`${repair} (${count})`);
