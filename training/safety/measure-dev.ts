/**
 * Figures of the crisis screen on the development sets (DEVELOPMENT_SETS of corpus.ts: dev,
 * dev-more, dev-h1, dev-h2, train-a to train-e) and on ordinary coaching talk (AnnoMI client turns,
 * the scripted eval clients, the coaching sentences), with the rows it gets wrong, for tuning.
 * Never reads the held-out set (training/safety/holdout*.jsonl). These figures are in-sample: the tuning measure is the
 * out-of-fold cross-validation by writer of `npm run train:crisis`.
 *
 *   npx tsx training/safety/measure-dev.ts [a development set|ordinary] [--rows]
 */
import { loadSafetyContent } from '../../server/content/load-safety.js';
import { createCrisisScreen } from '../../server/understand/crisis-screen.js';
import { annomiClientTurns, coachingSentences, developmentSets, evalClientMessages, HELD_OUT_NAME, readCorpus, rowContext, type CorpusName } from './corpus.js';

const content = loadSafetyContent();
const screen = createCrisisScreen(content);
const args = process.argv.slice(2);
const showRows = args.includes('--rows');
const which = args.filter((arg) => !arg.startsWith('--'));
const heldOut = which.find((name) => HELD_OUT_NAME.test(name));
if (heldOut) throw new Error(`${heldOut} is the held-out set: it is measured only by npm run eval:safety`);
const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(1)}% (${a}/${b})`;

for (const name of (which.length ? which : [...developmentSets(), 'ordinary'])) {
  if (name === 'ordinary') {
    for (const [label, texts] of [['annomi', annomiClientTurns()], ['eval clients', evalClientMessages()], ['coaching sentences', coachingSentences()]] as const) {
      const readings = texts.map((text) => ({ text, reading: screen(text) }));
      const alarms = readings.filter((r) => r.reading.tier === 'crisis');
      const checks = readings.filter((r) => r.reading.tier === 'check');
      console.log(`${label}: alarms ${pct(alarms.length, texts.length)}, checks ${pct(checks.length, texts.length)}`);
      if (showRows) for (const r of [...alarms, ...checks]) console.log(`  ${r.reading.tier} ${r.reading.source}: ${r.text.slice(0, 200)}`);
    }
    continue;
  }
  const rows = readCorpus(name as CorpusName);
  let crisis = 0, helped = 0, asked = 0, safe = 0, alarms = 0, checks = 0, amb = 0, ambAnswered = 0;
  const wrong: string[] = [];
  for (const row of rows) {
    const reading = screen(row.text, { context: rowContext(row.kind) });
    if (row.label === 'crisis') {
      crisis += 1;
      if (reading.tier === 'crisis') helped += 1;
      else if (reading.tier === 'check') { asked += 1; wrong.push(`CHECK-ONLY ${row.kind}: ${row.text}`); }
      else wrong.push(`MISS ${row.kind}: ${row.text}`);
    } else if (row.label === 'none') {
      safe += 1;
      if (reading.tier === 'crisis') { alarms += 1; wrong.push(`ALARM ${reading.source} ${row.kind}: ${row.text}`); }
      else if (reading.tier === 'check') { checks += 1; wrong.push(`check ${reading.source} ${row.kind}: ${row.text}`); }
    } else {
      amb += 1;
      if (reading.tier) ambAnswered += 1;
      else wrong.push(`amb-silent: ${row.text}`);
    }
  }
  console.log(`${name}: recall ${pct(helped, crisis)}, help-or-check ${pct(helped + asked, crisis)}, false alarms ${pct(alarms, safe)}, checks on safe ${pct(checks, safe)}, ambiguous answered ${pct(ambAnswered, amb)}`);
  if (showRows) for (const line of wrong.sort()) console.log(`  ${line}`);
}
