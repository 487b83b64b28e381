import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STEPS } from '../../server/domain/steps.js';
import { CONTENT_DIRECTORY } from '../../server/content/lexicon-files.js';
import { loadPromptTemplates } from '../../server/content/load-content.js';
import { renderTemplate } from '../../server/llm/prompt-templates.js';

/** The prompt files are data a trainer edits: a mistake must stop the start with the file and placeholder named. */
let directory: string | undefined;

afterEach(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
});

function copyOfTheRealTemplates(): string {
  directory = mkdtempSync(join(tmpdir(), 'rapport-prompts-'));
  for (const folder of ['llm', 'steps']) cpSync(join(CONTENT_DIRECTORY, folder), join(directory, folder), { recursive: true });
  return directory;
}

describe('prompt templates', () => {
  it('loads the shipped system text and one template per step', () => {
    const templates = loadPromptTemplates();
    expect(templates.system).toContain('90 words');
    for (const step of STEPS) {
      expect(templates.steps[step].trim()).not.toBe('');
      expect(templates.steps[step]).toContain('{{moves}}');
      expect(templates.steps[step]).toContain('{{state}}');
    }
  });

  it('names the file and the placeholder when a template uses an unknown one', () => {
    const copy = copyOfTheRealTemplates();
    writeFileSync(join(copy, 'steps/construct_plan/prompt.md'), 'Goals: {{goalz}}\n{{state}}\n{{moves}}');
    expect(() => loadPromptTemplates(copy)).toThrow(/steps\/construct_plan\/prompt\.md: unknown placeholder \{\{goalz\}\}/);
  });

  it('reports every problem at once: a missing file, an empty one, a malformed or missing placeholder', () => {
    const copy = copyOfTheRealTemplates();
    unlinkSync(join(copy, 'steps/complete/prompt.md'));
    writeFileSync(join(copy, 'steps/clarify_agreement/prompt.md'), '   \n');
    writeFileSync(join(copy, 'steps/create_partnership/prompt.md'), '{{state}} {{ moves } and {{summary}}');
    writeFileSync(join(copy, 'llm/system.md'), 'You are {{name}}.');
    let message = '';
    try {
      loadPromptTemplates(copy);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('steps/complete/prompt.md: file not found');
    expect(message).toContain('steps/clarify_agreement/prompt.md: is empty');
    expect(message).toContain('steps/create_partnership/prompt.md: malformed placeholder {{ moves }');
    expect(message).toContain('steps/create_partnership/prompt.md: missing required placeholder {{moves}}');
    expect(message).toContain('llm/system.md: unknown placeholder {{name}} (known: none)');
  });

  it('renders in one pass, so placeholder-like text inside a value is never expanded', () => {
    const rendered = renderTemplate('State: {{state}}\nMoves: {{ moves }}\nMissing: {{missing}}', {
      state: 'the client wrote "{{moves}}"',
      moves: 'open_question',
    });
    expect(rendered).toBe('State: the client wrote "{{moves}}"\nMoves: open_question\nMissing:');
  });
});
