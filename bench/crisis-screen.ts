/**
 * How long the crisis screen takes per message (it runs on every message): screens the AnnoMI
 * client turns and the evaluation clients' messages three times and reports the mean and the slowest.
 *
 *   npx tsx bench/crisis-screen.ts
 */
import { loadSafetyContent } from '../server/content/load-safety.js';
import { annomiClientTurns, evalClientMessages } from '../training/safety/corpus.js';

const screen = loadSafetyContent().screen;
const texts = [...annomiClientTurns(), ...evalClientMessages()];
for (const text of texts.slice(0, 200)) screen(text);
let slowest = 0;
const started = performance.now();
for (let round = 0; round < 3; round += 1) {
  for (const text of texts) {
    const start = performance.now();
    screen(text);
    slowest = Math.max(slowest, performance.now() - start);
  }
}
const mean = (performance.now() - started) / (3 * texts.length);
console.log(`crisis screen: ${texts.length} messages × 3, mean ${mean.toFixed(3)} ms, slowest ${slowest.toFixed(2)} ms`);
