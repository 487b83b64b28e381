/**
 * `npx tsx training/safety/model-only-alarms.ts [sets…]` (default: dev-h7 train-k, the two sets the
 * shipped model was never trained on): the messages the crisis model alone raises the alarm on, with
 * the shipped bars but without the diffuse-alarm rule (thresholds.diffuse), counted by label, and how
 * many of them that rule turns into the check question. Reproduces the figure of docs/safety.md
 * (seventh session: 5 of 656 crisis rows to the check, the one safe row's alarm gone). Numbers only.
 */
import { loadSafetyContent } from '../../server/content/load-safety.js';
import { createCrisisScreen } from '../../server/understand/crisis-screen.js';
import { readCorpus, rowContext, type CorpusName } from './corpus.js';

const content = loadSafetyContent();
const { diffuse, ...withoutDiffuse } = content.thresholds;
const without = createCrisisScreen({ ...content, thresholds: withoutDiffuse });
const names = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['dev-h7', 'train-k']) as CorpusName[];
let crisisRows = 0;
const alarms = { crisis: 0, safe: 0 };
const moved = { crisis: 0, safe: 0 };
for (const name of names) {
  for (const row of readCorpus(name)) {
    const context = rowContext(row.kind);
    if (row.label === 'crisis') crisisRows += 1;
    const reading = without(row.text, { context });
    if (reading.tier !== 'crisis' || reading.source !== 'model' || row.label === 'check') continue;
    const which = row.label === 'crisis' ? 'crisis' : 'safe';
    alarms[which] += 1;
    if (content.screen(row.text, { context }).tier === 'check') moved[which] += 1;
  }
}
console.log(`sets ${names.join(', ')}: ${crisisRows} crisis rows; diffuse rule ${JSON.stringify(diffuse ?? null)}`);
console.log(`model-only alarms without the rule: on crisis rows ${alarms.crisis}, on safe rows ${alarms.safe}`);
console.log(`turned into the check question by it: crisis rows ${moved.crisis}, safe rows ${moved.safe}`);
