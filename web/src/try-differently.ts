/**
 * Rehearse: "Try this differently" under each of the person's own turns. It opens a branch of the
 * rehearsal holding everything before that turn (POST /api/sessions/:id/branch), with the turn's
 * words in the composer to rework; the first try stays as it was, and the listening feedback of
 * the branch compares the two.
 */
import { branchSession } from './api.js';
import { element } from './dom.js';
import type { StoredSession } from './storage.js';

export interface TryDifferentlyOptions {
  session(): StoredSession | null;
  onBranched(session: StoredSession, draft: string): void;
}

/** Watches the transcript and gives each accepted turn of the person's its button. */
export function offerTryDifferently(transcript: HTMLElement, options: TryDifferentlyOptions): MutationObserver {
  const decorate = () => {
    for (const bubble of transcript.querySelectorAll<HTMLElement>('.message.mine[data-seq]')) {
      if (bubble.querySelector('.try-differently')) continue;
      bubble.append(buttonFor(bubble, options));
    }
  };
  const observer = new MutationObserver(decorate);
  observer.observe(transcript, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-seq'] });
  decorate();
  return observer;
}

function buttonFor(bubble: HTMLElement, options: TryDifferentlyOptions): HTMLElement {
  const problem = element('span', { className: 'try-differently-problem', attributes: { role: 'alert' } });
  const button = element('button', {
    className: 'button small quiet',
    text: 'Try this differently',
    attributes: { type: 'button', title: 'Start again from just before this turn; this rehearsal is kept as it is' },
    on: {
      click: () => {
        const session = options.session();
        const seq = Number(bubble.dataset.seq);
        if (!session || !Number.isInteger(seq) || seq < 2) return;
        button.disabled = true;
        problem.textContent = '';
        branchSession(session.sessionId, session.token, seq - 1)
          .then((created) => options.onBranched({ ...created, mode: 'rehearse' }, bubble.dataset.text ?? ''))
          .catch((error: Error) => {
            button.disabled = false;
            problem.textContent = `This turn could not be tried again: ${error.message}`;
          });
      },
    },
  });
  return element('div', { className: 'try-differently' }, [button, problem]);
}
