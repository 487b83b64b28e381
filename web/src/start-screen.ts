/**
 * The first screen: what Rapport is, the choice of mode, and where the conversation is kept.
 * Rehearse and demonstration are shown but not yet offered.
 */
import { element } from './dom.js';
import type { Mode } from './protocol.js';

export interface StartScreenOptions {
  onStart(mode: Mode): void;
  /** A sentence to show above the choices (e.g. after a deletion). */
  notice?: string;
}

export function renderStartScreen(container: HTMLElement, options: StartScreenOptions): void {
  const choice = (mode: Mode, title: string, description: string, available: boolean) =>
    element('li', { className: `mode-choice${available ? '' : ' unavailable'}` }, [
      element(
        'button',
        {
          className: 'mode-button',
          attributes: {
            type: 'button',
            disabled: !available,
            'aria-describedby': `mode-${mode}-description`,
            'data-mode': mode,
          },
          on: { click: () => options.onStart(mode) },
        },
        [
          element('span', { className: 'mode-title', text: title }),
          available ? element('span', { className: 'mode-arrow', text: '→', attributes: { 'aria-hidden': 'true' } }) : element('span', { className: 'soon', text: 'Coming soon' }),
        ],
      ),
      element('p', { className: 'mode-description', text: description, attributes: { id: `mode-${mode}-description` } }),
    ]);

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
        choice('coach', 'Reflect before a coaching session', 'You are the client; Rapport asks, listens and reflects back. About 15–20 minutes.', true),
        choice('rehearse', 'Rehearse as a coach', 'You are the coach and Rapport plays a client; afterwards you see how you listened. Not offered yet.', false),
        choice('demo', 'Watch a demonstration', 'Rapport plays both sides of a coaching conversation while you watch. Not offered yet.', false),
      ]),
    ]),
    element('section', { className: 'privacy', attributes: { 'aria-labelledby': 'privacy-title' } }, [
      element('h2', { text: 'Where your words are kept', attributes: { id: 'privacy-title' } }),
      element('p', {
        text: 'The conversation is stored in this Rapport server’s database. It is never sent anywhere else — unless whoever runs this server has connected a language model, in which case your messages go to that model to phrase the replies. Your browser keeps only a key to come back to the conversation.',
      }),
      element('p', {
        text: 'You can delete it at any time with “Delete this conversation” at the top of the conversation: everything of it is removed from the server.',
      }),
      element('p', {
        className: 'muted',
        text: 'Rapport is a reflection partner, not therapy or professional advice.',
      }),
    ]),
  ]);
  container.replaceChildren(main);
  // After leaving a conversation, put focus at the top of the new screen instead of losing it.
  if (options.notice) main.focus();
}
