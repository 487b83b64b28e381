/**
 * `npx tsx eval/transcribe.ts <clients folder> <out folder>`: runs each scripted client of a folder
 * (a folder of eval/clients-… JSON files, each with `messages`) through the offline coach and writes one Markdown transcript
 * per client ("Coach: …" / "Client: …"), for a blind reading (docs/real-speech.md). It imports only
 * eval/driver.ts, so it can be copied into a checkout of an older commit to transcribe the same
 * clients with the coach as it was (the before/after readings).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConversation } from './driver.js';

const [inDir, outDir] = process.argv.slice(2);
if (!inDir || !outDir) {
  console.error('usage: npx tsx eval/transcribe.ts <clients folder> <out folder>');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(inDir).filter((name) => name.endsWith('.json')).sort()) {
  const { messages } = JSON.parse(readFileSync(join(inDir, file), 'utf8')) as { messages: string[] };
  const { turns } = await runConversation(messages);
  const lines = turns.map((turn) => `${turn.role === 'coach' ? 'Coach' : 'Client'}: ${turn.text}`);
  writeFileSync(join(outDir, file.replace(/\.json$/, '.md')), `${lines.join('\n\n')}\n`);
}
