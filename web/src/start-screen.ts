/**
 * The first screen: what Rapport is, the choice of mode, and where the conversation is kept.
 * Rehearse and demonstration are offered when the server lists personas (`GET /api/personas`);
 * choosing one of them opens a persona picker (name and brief — nothing hidden is ever listed).
 */
import { fetchPersonas, fetchRetentionDays, type Persona } from './api.js';
import { element, replaceChildren } from './dom.js';
import { difficultyInWords } from './persona-upload.js';
import type { Mode } from './protocol.js';

export interface StartScreenOptions {
  onStart(mode: Mode, persona?: Persona): void;
  /** A sentence to show above the choices (e.g. after a deletion). */
  notice?: string;
  /** Shown after the choices: the conversations kept in this browser. */
  conversations?: HTMLElement;
}

const PICKER_WORDS: Record<'rehearse' | 'demo', { legend: string; start: string }> = {
  rehearse: { legend: 'Choose a client to coach', start: 'Start the rehearsal' },
  demo: { legend: 'Choose whose conversation to watch', start: 'Start the demonstration' },
};

export function renderStartScreen(container: HTMLElement, options: StartScreenOptions): void {
  const pickers = new Map<Mode, { button: HTMLButtonElement; picker: HTMLElement; badge: HTMLElement }>();

  const togglePicker = (mode: Mode): void => {
    for (const [other, parts] of pickers) {
      const open = other === mode && parts.picker.hidden;
      parts.picker.hidden = !open;
      parts.button.setAttribute('aria-expanded', String(open));
      if (open) parts.picker.querySelector<HTMLInputElement>('input:checked')?.focus();
    }
  };

  const choice = (mode: Mode, title: string, description: string) => {
    const offered = mode === 'coach';
    const badge = offered
      ? element('span', { className: 'mode-arrow', text: '→', attributes: { 'aria-hidden': 'true' } })
      : element('span', { className: 'soon', text: 'Checking…' });
    const button = element(
      'button',
      {
        className: 'mode-button',
        attributes: {
          type: 'button',
          disabled: !offered,
          'aria-describedby': `mode-${mode}-description`,
          'aria-expanded': offered ? undefined : 'false',
          'aria-controls': offered ? undefined : `picker-${mode}`,
          'data-mode': mode,
        },
        on: { click: () => (mode === 'coach' ? options.onStart(mode) : togglePicker(mode)) },
      },
      [element('span', { className: 'mode-title', text: title }), badge],
    );
    const picker = element('div', { className: 'persona-picker', attributes: { id: `picker-${mode}`, hidden: true } });
    if (!offered) pickers.set(mode, { button, picker, badge });
    return element('li', { className: `mode-choice${offered ? '' : ' unavailable'}` }, [
      button,
      element('p', { className: 'mode-description', text: description, attributes: { id: `mode-${mode}-description` } }),
      offered ? null : picker,
    ]);
  };

  const fillPicker = (mode: 'rehearse' | 'demo', personas: Persona[]): void => {
    const parts = pickers.get(mode);
    if (!parts) return;
    if (personas.length === 0) {
      parts.badge.textContent = 'Not offered here';
      return;
    }
    parts.button.disabled = false;
    parts.button.closest('.mode-choice')?.classList.remove('unavailable');
    parts.badge.replaceWith(element('span', { className: 'mode-arrow', text: '↓', attributes: { 'aria-hidden': 'true' } }));
    const words = PICKER_WORDS[mode];
    const name = `persona-${mode}`;
    const form = element(
      'form',
      {
        on: {
          submit: (event) => {
            event.preventDefault();
            const chosen = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
            const persona = personas.find((item) => item.id === chosen);
            if (persona) options.onStart(mode, persona);
          },
        },
      },
      [
        element('fieldset', { className: 'persona-options' }, [
          element('legend', { text: words.legend }),
          ...personas.map((persona, index) => {
            const id = `${name}-${index}`;
            return element('div', { className: 'persona-option' }, [
              element('input', { attributes: { type: 'radio', name, id, value: persona.id, checked: index === 0, 'aria-describedby': `${id}-brief` } }),
              element('label', { attributes: { for: id } }, [
                element('span', { className: 'persona-name', text: persona.name }),
                persona.setting ? element('span', { className: 'persona-meta', text: [persona.setting, persona.difficulty ? difficultyInWords(persona.difficulty) : null, persona.source === 'trainer' ? 'written by a trainer' : null].filter(Boolean).join(' · ') }) : null,
                element('span', { className: 'persona-brief', text: persona.brief, attributes: { id: `${id}-brief` } }),
              ]),
            ]);
          }),
        ]),
        element('button', { className: 'button primary', text: words.start, attributes: { type: 'submit' } }),
      ],
    );
    replaceChildren(parts.picker, [form]);
  };

  const retention = element('p', { attributes: { id: 'retention' }, text: retentionSentence(30) });
  void fetchRetentionDays().then((days) => {
    if (days !== null) retention.textContent = retentionSentence(days);
  });

  const main = element('main', { className: 'start', attributes: { id: 'main', tabindex: '-1' } }, [
    element('header', { className: 'start-header' }, [
      element('p', { className: 'brand', text: 'Rapport' }),
      element('h1', { text: 'Think it through before you meet your coach.' }),
      element('p', {
        className: 'lead',
        text: 'Rapport is a calm reflection partner that walks you through the four steps of a coaching conversation: agreeing what it is for, building a partnership, making a plan and committing to it. It listens for what you need and drafts a short partnership statement in your own words, which you can edit, confirm and take with you.',
      }),
    ]),
    options.notice ? element('p', { className: 'notice', text: options.notice, attributes: { role: 'status' } }) : null,
    element('section', { className: 'modes', attributes: { 'aria-labelledby': 'modes-title' } }, [
      element('h2', { text: 'How would you like to begin?', attributes: { id: 'modes-title' } }),
      element('ul', { className: 'mode-list' }, [
        choice('coach', 'Reflect before a coaching session', 'You are the client; Rapport asks, listens and reflects back. About 15–20 minutes.'),
        choice('rehearse', 'Rehearse as a coach', 'You are the coach and Rapport plays a client with needs of their own; as you go, you can see how you are listening.'),
        choice('demo', 'Watch a demonstration', 'Rapport plays both sides of a coaching conversation while you watch, with each technique named.'),
      ]),
    ]),
    options.conversations ?? null,
    element('section', { className: 'privacy', attributes: { 'aria-labelledby': 'privacy-title' } }, [
      element('h2', { text: 'Where your words are kept', attributes: { id: 'privacy-title' } }),
      element('p', {
        text: 'The conversation is stored in this Rapport server’s database. It is never sent anywhere else — unless whoever runs this server has connected a language model, in which case your messages go to that model to phrase the replies. This browser keeps the list under “Your conversations” — each one’s first words, date and step, and the key to come back to it — and nothing leaves it for the list.',
      }),
      element('p', {
        text: 'You can delete a conversation at any time, here or with “Delete this conversation” at the top of it: everything of it is removed from the server, including any link you shared with a coach.',
      }),
      retention,
      element('p', {
        className: 'muted',
        text: 'Rapport is a reflection partner, not therapy or professional advice.',
      }),
    ]),
  ]);
  container.replaceChildren(main);
  // After leaving a conversation, put focus at the top of the new screen instead of losing it.
  if (options.notice) main.focus();
  void fetchPersonas().then((personas) => {
    if (!main.isConnected) return;
    fillPicker('rehearse', personas);
    fillPicker('demo', personas);
  });
}

/** The welcome's one sentence on retention (SESSION_RETENTION_DAYS on the server). */
function retentionSentence(days: number): string {
  const span = days === 1 ? 'a day' : `${days} days`;
  return `A conversation left untouched for ${span} is deleted from the server, with everything of it.`;
}
