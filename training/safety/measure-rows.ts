import { readFileSync } from 'node:fs';
/**
 * `npx tsx training/safety/measure-rows.ts FILE.jsonl`: the crisis screen as shipped on one file of
 * labelled rows (text, label crisis | check | none, kind): help at once, help or the check, false
 * alarms, checks on safe rows, and per kind. For a held-out set measured once (docs/safety.md).
 */
import { loadSafetyContent } from '../../server/content/load-safety.js';
import { rowContext } from './corpus.js';
const screen = loadSafetyContent().screen;
const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx training/safety/measure-rows.ts FILE.jsonl');
const rows = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as { text: string; label: string; kind: string });
const c = { crisis: 0, help: 0, helpOrCheck: 0, safe: 0, alarm: 0, safeCheck: 0, amb: 0, ambAns: 0 };
const byKind: Record<string, [number, number]> = {};
for (const r of rows) {
  const t = screen(r.text, { context: rowContext(r.kind) }).tier;
  if (r.label === 'crisis') { c.crisis++; if (t === 'crisis') c.help++; if (t) c.helpOrCheck++; const k = (byKind[r.kind] ??= [0, 0]); k[1]++; if (t === 'crisis') k[0]++; }
  else if (r.label === 'none') { c.safe++; if (t === 'crisis') c.alarm++; if (t === 'check') c.safeCheck++; const k = (byKind['safe:' + r.kind] ??= [0, 0]); k[1]++; if (t === 'crisis') k[0]++; }
  else { c.amb++; if (t) c.ambAns++; }
}
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}% (${a}/${b})`;
console.log(`help at once ${pct(c.help, c.crisis)}; help or check ${pct(c.helpOrCheck, c.crisis)}; false alarms ${pct(c.alarm, c.safe)}; safe asked the check ${pct(c.safeCheck, c.safe)}; ambiguous given check or help ${pct(c.ambAns, c.amb)}`);
for (const [k, [a, b]] of Object.entries(byKind)) console.log(`  ${k}: ${a}/${b}`);
