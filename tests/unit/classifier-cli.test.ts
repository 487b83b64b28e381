import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UTTERANCE_LABELS } from '../../server/domain/schemas.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runClassify(input: string): { status: number | null; lines: string[]; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'scripts/classify.ts'], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  const stdout = result.stdout ?? '';
  return { status: result.status, lines: stdout.split('\n').filter((line, index, all) => index < all.length - 1 || line !== ''), stderr: result.stderr ?? '' };
}

// Each case starts tsx in a child process (seconds on a loaded machine): the bounds are generous, and still bounds.
describe('scripts/classify.ts as a child process', () => {
  it('writes exactly one JSON line per input line, in order, surviving malformed lines', () => {
    const inputLines = [
      JSON.stringify({ text: 'What would you like to work on today?', previous_client: '' }),
      '{"text": "broken json',
      JSON.stringify({ text: 'Mm-hmm.', previous_client: 'And that was that.' }),
      JSON.stringify({ previous_client: 'no text field here' }),
      '',
      JSON.stringify({ text: 'Do you have time for this on Thursday?', previousClient: 'Maybe.' }),
      '[1, 2, 3]',
      JSON.stringify({ text: 'So you want a promotion this year.', previous_client: 'I want a promotion this year.' }),
    ];
    const { status, lines } = runClassify(`${inputLines.join('\n')}\n`);
    expect(status).toBe(0);
    expect(lines).toHaveLength(inputLines.length);
    const parsed = lines.map((line) => JSON.parse(line) as { label: string; error?: string });
    for (const entry of parsed) expect(UTTERANCE_LABELS).toContain(entry.label);
    expect(parsed[0]).toEqual({ label: 'question_open' });
    for (const bad of [1, 3, 4, 6]) expect(parsed[bad]).toMatchObject({ label: 'other', error: expect.any(String) });
    expect(parsed[2]).toEqual({ label: 'other' });
    expect(parsed[5]).toEqual({ label: 'question_closed' });
    expect(parsed[7]?.label).toMatch(/^reflection_/);
  }, 90_000);

  it('handles input without a final newline and empty input', () => {
    expect(runClassify(JSON.stringify({ text: 'Thank you, see you next week.' })).lines).toHaveLength(1);
    const empty = runClassify('');
    expect(empty.status).toBe(0);
    expect(empty.lines).toHaveLength(0);
  }, 150_000);
});
