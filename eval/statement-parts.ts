/**
 * `npx tsx eval/statement-parts.ts > parts.txt`: every scripted client of eval/clients*, run through
 * the offline coach, with the aim, signs and first step it ended with and the statement text. It
 * imports only eval/driver.ts, so it can be copied into a checkout of an older commit and the two
 * outputs compared with `diff` (docs/understanding.md, "The part reader"). `--skip <folder>` leaves a
 * folder out (to count over the clients two commits both have); the last line gives the totals.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConversation } from './driver.js';

const skipAt = process.argv.indexOf('--skip');
const skipped = skipAt >= 0 ? process.argv[skipAt + 1] : undefined;
const folders = readdirSync('eval').filter((name) => name.startsWith('clients') && name !== skipped).sort().map((name) => join('eval', name));
const totals = { clients: 0, allThree: 0, aims: 0, signs: 0, steps: 0, confirmed: 0 };
for (const folder of folders) {
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
    const client = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { messages?: unknown };
    if (!Array.isArray(client.messages)) continue;
    const { state } = await runConversation(client.messages as string[]);
    const words = (slots: { text: string; own?: string }[]) => slots.map((slot) => slot.own ?? slot.text).join(' || ');
    console.log(`${folder}/${file}`);
    console.log(`  aim: ${words(state.goals)}`);
    console.log(`  sign: ${words(state.successSignals)}`);
    console.log(`  step: ${state.experiment ? words([state.experiment]) : ''}`);
    console.log(`  statement: ${state.statement?.text ?? '-'} [${state.statement?.status ?? ''}]`);
    totals.clients += 1;
    totals.aims += Number(state.goals.length > 0);
    totals.signs += Number(state.successSignals.length > 0);
    totals.steps += Number(state.experiment !== null);
    totals.allThree += Number(state.goals.length > 0 && state.successSignals.length > 0 && state.experiment !== null);
    totals.confirmed += Number(state.statement?.status === 'confirmed');
  }
}
console.log(`totals: ${totals.clients} clients, all three parts ${totals.allThree}, aims ${totals.aims}, signs ${totals.signs}, first steps ${totals.steps}, confirmed ${totals.confirmed}`);
