import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadUnderstandingModels } from '../../server/content/load-content.js';
import { PART_GATE, partProbabilities } from '../../server/understand/part-kind.js';

/**
 * The part reader on rows no one tuned on (training/parts-holdout.jsonl: written by a writer who saw
 * neither the code nor the training rows, measured once after the bars were chosen; docs/understanding.md).
 * A real aim, sign or step is almost never refused as what it is; most words that are none of them are.
 */
const models = loadUnderstandingModels();
const rows = readFileSync(new URL('../../training/parts-holdout.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { text: string; label: 'aim' | 'sign' | 'step' | 'none' });
const refuses = (text: string, label: 'aim' | 'sign' | 'step') => {
  const probabilities = partProbabilities(models.parts, models.vectors, text);
  return probabilities.none >= PART_GATE.none && probabilities[label] < PART_GATE.own;
};

describe('the part reader on the held-out rows', () => {
  it('refuses at most 1% of real parts as what they are', () => {
    const parts = rows.filter((row) => row.label !== 'none');
    const refused = parts.filter((row) => refuses(row.text, row.label as 'aim' | 'sign' | 'step'));
    expect(parts.length).toBeGreaterThan(200);
    expect(refused.length / parts.length).toBeLessThanOrEqual(0.01);
  });

  it.each(['aim', 'sign', 'step'] as const)('refuses at least 75%% of the rows that are no part, as a %s', (label) => {
    const nones = rows.filter((row) => row.label === 'none');
    expect(nones.filter((row) => refuses(row.text, label)).length / nones.length).toBeGreaterThanOrEqual(0.75);
  });
});
