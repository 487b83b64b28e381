/**
 * `npx tsx eval/statement-parts.ts > parts.txt`: every scripted client of eval/clients*, run through
 * the offline coach, with the aim, signs and first step it ended with and the statement text. It
 * imports only eval/driver.ts, so it can be copied into a checkout of an older commit and the two
 * outputs compared with `diff` (docs/understanding.md, "The part reader").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConversation } from './driver.js';

const folders = readdirSync('eval').filter((name) => name.startsWith('clients')).sort().map((name) => join('eval', name));
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
  }
}
