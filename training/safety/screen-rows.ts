/**
 * `npx tsx training/safety/screen-rows.ts > rows.json`: the screen's reading (crisis, check or none)
 * of every row of every corpus file in training/safety, as JSON keyed by file and text.
 * `npx tsx training/safety/screen-rows.ts --compare before.json after.json`: the rows whose reading
 * changed between two such files (made at two commits, e.g. one in a `git worktree`), by label. This
 * is how docs/safety.md counts the rows a lexicon change gained or lost. Numbers and rows only.
 * Never reads a held-out file (training/safety/holdout*.jsonl, HELD_OUT_NAME of corpus.ts): that set
 * is measured only by `npm run eval:safety`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadSafetyContent } from '../../server/content/load-safety.js';
import { HELD_OUT_NAME, rowContext } from './corpus.js';

const directory = resolve(import.meta.dirname);
const [mode, beforePath, afterPath] = process.argv.slice(2);

if (mode === '--compare' && beforePath && afterPath) {
  const before = JSON.parse(readFileSync(beforePath, 'utf8')) as Record<string, { label: string; tier: string }>;
  const after = JSON.parse(readFileSync(afterPath, 'utf8')) as Record<string, { label: string; tier: string }>;
  for (const [key, was] of Object.entries(before)) {
    const now = after[key];
    if (now && now.tier !== was.tier) console.log(`${was.label}: ${was.tier} → ${now.tier}  ${key.slice(0, 160)}`);
  }
} else {
  const screen = loadSafetyContent().screen;
  const rows: Record<string, { label: string; tier: string }> = {};
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.jsonl') && !HELD_OUT_NAME.test(name.replace(/\.jsonl$/, ''))).sort()) {
    for (const line of readFileSync(join(directory, file), 'utf8').split('\n').filter((text) => text.trim() !== '')) {
      const row = JSON.parse(line) as { text: string; label: string; kind?: string };
      const context = rowContext(row.kind);
      rows[`${file}|${row.text}`] = { label: row.label, tier: screen(row.text, { context }).tier ?? 'none' };
    }
  }
  console.log(JSON.stringify(rows));
}
