/**
 * The welcome screen's "Your conversations": the list kept in this browser (kept-conversations.ts),
 * each with Resume and Delete, and Delete all. Deleting removes the conversation from the server
 * as well as from this list: delete means gone.
 */
import { deleteSession } from './api.js';
import { openConfirmDialog, openDeleteDialog } from './delete-dialog.js';
import { announce, element, replaceChildren } from './dom.js';
import { forgetConversation, keptConversations, type KeptConversation } from './kept-conversations.js';
import { STEP_LABELS } from './labels.js';
import type { StepId } from './protocol.js';

export interface ConversationsSectionOptions {
  onResume(conversation: KeptConversation): void;
}

const MODE_WORDS: Record<string, string> = { coach: 'Reflection', rehearse: 'Rehearsal', demo: 'Demonstration' };
const STATEMENT_WORDS: Record<KeptConversation['statement'], string> = { none: 'no statement yet', draft: 'statement drafted', confirmed: 'statement confirmed' };

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'an earlier day' : date.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function conversationsSection(options: ConversationsSectionOptions): HTMLElement {
  const list = element('ul', { className: 'kept-list' });
  const status = element('p', { className: 'kept-status', attributes: { role: 'status' } });
  const deleteAll = element('button', { className: 'button quiet danger small', text: 'Delete all conversations', attributes: { type: 'button' }, on: { click: () => confirmDeleteAll() } });
  const empty = element('p', { className: 'muted', text: 'None yet. The conversations you start here will be listed here.' });
  const section = element('section', { className: 'kept', attributes: { 'aria-labelledby': 'kept-title' } }, [
    element('h2', { text: 'Your conversations', attributes: { id: 'kept-title' } }),
    element('p', {
      text: 'Kept in this browser only: there is no account, and another browser or device does not see them. Deleting one here also deletes it from the server.',
    }),
    empty,
    list,
    deleteAll,
    status,
  ]);

  const render = (): void => {
    const conversations = keptConversations();
    empty.hidden = conversations.length > 0;
    list.hidden = conversations.length === 0;
    deleteAll.hidden = conversations.length === 0;
    replaceChildren(list, conversations.map((conversation) => item(conversation)));
  };

  const item = (conversation: KeptConversation): HTMLElement => {
    const started = when(conversation.startedAt);
    const step = STEP_LABELS[conversation.step as StepId]?.title ?? conversation.step;
    const context = ` the conversation of ${started}`;
    return element('li', { className: 'kept-item', attributes: { 'data-session': conversation.sessionId } }, [
      element('p', { className: 'kept-purpose', text: conversation.purpose ? `“${conversation.purpose}”` : 'No message written yet' }),
      element('p', { className: 'kept-meta', text: `${MODE_WORDS[conversation.mode] ?? 'Conversation'} · started ${started} · step reached: ${step} · ${STATEMENT_WORDS[conversation.statement]}` }),
      element('div', { className: 'kept-actions' }, [
        element('button', { className: 'button small', attributes: { type: 'button' }, on: { click: () => options.onResume(conversation) } }, ['Resume', element('span', { className: 'visually-hidden', text: context })]),
        element(
          'button',
          {
            className: 'button quiet danger small',
            attributes: { type: 'button' },
            on: {
              click: () =>
                openDeleteDialog(conversation, () => {
                  forgetConversation(conversation.sessionId);
                  render();
                  status.textContent = 'The conversation was deleted from the server and from this list.';
                  section.querySelector<HTMLElement>('.kept-list button, h2')?.focus();
                }),
            },
          },
          ['Delete', element('span', { className: 'visually-hidden', text: context })],
        ),
      ]),
    ]);
  };

  const confirmDeleteAll = (): void => {
    openConfirmDialog({
      id: 'delete-all',
      title: 'Delete all your conversations?',
      description: 'Every conversation listed here is removed from the server — messages, what the coach heard, statements and any links shared with a coach. This cannot be undone.',
      keepLabel: 'Keep them',
      confirmLabel: 'Delete all',
      act: async () => {
        let failed = 0;
        for (const conversation of keptConversations()) {
          try {
            await deleteSession(conversation.sessionId, conversation.token);
            forgetConversation(conversation.sessionId);
          } catch {
            failed += 1;
          }
        }
        render();
        return failed > 0 ? `${failed} could not be deleted (the server did not answer). They are still listed; try again.` : null;
      },
      onDone: () => {
        status.textContent = 'All your conversations were deleted from the server and from this browser.';
        announce('All your conversations were deleted.');
        section.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
        section.querySelector<HTMLElement>('h2')?.focus();
      },
    });
  };

  render();
  return section;
}
