/**
 * For trainers, on the start screen: write or upload a client of their own (a persona file, the
 * format in docs/personas.md), check it — every problem is named by its field — see a preview of
 * the brief and the client's first words, then add it to the list everyone picks from.
 */
import { submitPersona, type PersonaCheck } from './api.js';
import { element, replaceChildren } from './dom.js';

export interface PersonaUploadOptions {
  /** The persona was stored: the start screen is drawn again with it in the lists. */
  onAdded(name: string): void;
}

const DIFFICULTY_WORDS: Record<string, string> = {
  open: 'open',
  guarded: 'guarded',
  vague: 'vague',
  talkative: 'talkative, drifts off topic',
  resistant: 'resistant',
  sent: 'sent by their boss',
};

export function difficultyInWords(difficulty: string): string {
  return DIFFICULTY_WORDS[difficulty] ?? difficulty;
}

export function personaUploadSection(options: PersonaUploadOptions): HTMLElement {
  const text = element('textarea', {
    className: 'field-input persona-file',
    attributes: { id: 'persona-file', rows: '8', spellcheck: 'false', 'aria-describedby': 'persona-file-hint' },
  });
  const file = element('input', {
    attributes: { type: 'file', accept: '.json,application/json', id: 'persona-file-pick' },
    on: {
      change: () => {
        const chosen = file.files?.[0];
        if (chosen) void chosen.text().then((content) => {
          text.value = content;
          void check(false);
        });
      },
    },
  });
  const result = element('div', { className: 'persona-check', attributes: { 'aria-live': 'polite' } });
  const addButton = element('button', {
    className: 'button primary',
    text: 'Add to the list',
    attributes: { type: 'button', disabled: true, id: 'persona-add' },
    on: { click: () => void check(true) },
  });
  // The preview shown is for exactly this text; any edit means checking again before adding.
  text.addEventListener('input', () => (addButton.disabled = true));

  async function check(save: boolean): Promise<void> {
    let document: unknown;
    try {
      document = JSON.parse(text.value);
    } catch (error) {
      addButton.disabled = true;
      replaceChildren(result, [problems('The file is not valid JSON.', [{ field: '(the whole file)', message: (error as Error).message }])]);
      return;
    }
    let answer: PersonaCheck;
    try {
      answer = await submitPersona(document, save);
    } catch {
      replaceChildren(result, [problems('The server could not be reached; nothing was changed.', [])]);
      return;
    }
    if (!answer.ok) {
      addButton.disabled = true;
      replaceChildren(result, [problems(answer.issues.length > 0 ? 'Please fix these before adding the client:' : answer.message, answer.issues)]);
      return;
    }
    if (save) {
      options.onAdded(answer.preview.name);
      return;
    }
    addButton.disabled = false;
    replaceChildren(result, [preview(answer.preview)]);
  }

  return element('section', { className: 'persona-upload', attributes: { 'aria-labelledby': 'persona-upload-title' } }, [
    element('h2', { text: 'For trainers: add a client of your own', attributes: { id: 'persona-upload-title' } }),
    element('p', {
      text: 'Write a client for your trainees to rehearse with: who they are, what they say first, the needs they keep to themselves until they feel heard, and how they stay in character. Paste the file or choose it, check it, then add it to the list.',
      attributes: { id: 'persona-file-hint' },
    }),
    element('p', { className: 'muted', text: 'The format, with a full example, is in docs/personas.md of Rapport. Changing or deleting a client once added needs the trainer key of this server.' }),
    element('label', { className: 'field-label', text: 'Choose a persona file', attributes: { for: 'persona-file-pick' } }),
    file,
    element('label', { className: 'field-label', text: 'Or paste it here', attributes: { for: 'persona-file' } }),
    text,
    element('div', { className: 'persona-upload-actions' }, [
      element('button', { className: 'button', text: 'Check', attributes: { type: 'button', id: 'persona-check' }, on: { click: () => void check(false) } }),
      addButton,
    ]),
    result,
  ]);
}

function problems(title: string, issues: { field: string; message: string }[]): HTMLElement {
  return element('div', { className: 'persona-problems', attributes: { role: 'alert' } }, [
    element('p', { text: title }),
    issues.length > 0
      ? element(
          'ul',
          {},
          issues.map((issue) => element('li', {}, [element('code', { text: issue.field }), ` — ${issue.message}`])),
        )
      : null,
  ]);
}

function preview(persona: { name: string; brief: string; setting?: string; difficulty?: string; opening: string; needs: number }): HTMLElement {
  return element('div', { className: 'card persona-preview' }, [
    element('p', { className: 'persona-name', text: persona.name }),
    element('p', { className: 'muted', text: [persona.setting, persona.difficulty ? difficultyInWords(persona.difficulty) : null].filter(Boolean).join(' · ') }),
    element('p', { text: persona.brief }),
    element('p', {}, ['They open with: ', element('q', { text: persona.opening })]),
    element('p', { className: 'muted', text: `${persona.needs} hidden needs, never shown to trainees.` }),
  ]);
}
