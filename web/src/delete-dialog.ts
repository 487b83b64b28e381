/**
 * Dialogs that ask before anything is deleted from the server, and say why when it could not be:
 * "Delete this conversation?" and, through the same `openConfirmDialog`, "Delete all".
 */
import { deleteSession } from './api.js';
import { element } from './dom.js';
import type { StoredSession } from './storage.js';

export interface ConfirmDialog {
  id: string;
  title: string;
  description: string;
  keepLabel: string;
  confirmLabel: string;
  /** Does the deletion; resolves to a problem to show (the dialog stays open) or null when done. */
  act: () => Promise<string | null>;
  /** Runs once the dialog closed after a successful `act`. */
  onDone: () => void;
}

/** A modal dialog with a keep and a confirm button; the confirm button runs `act`. */
export function openConfirmDialog(options: ConfirmDialog): void {
  const problem = element('p', { className: 'dialog-problem', attributes: { role: 'alert' } });
  const cancel = element('button', { className: 'button quiet', text: options.keepLabel, attributes: { type: 'button', autofocus: true } });
  const confirm = element('button', { className: 'button danger-solid', text: options.confirmLabel, attributes: { type: 'button' } });
  const dialog = element('dialog', { className: 'dialog', attributes: { 'aria-labelledby': `${options.id}-title`, 'aria-describedby': `${options.id}-description` } }, [
    element('h2', { text: options.title, attributes: { id: `${options.id}-title` } }),
    element('p', { text: options.description, attributes: { id: `${options.id}-description` } }),
    problem,
    element('div', { className: 'dialog-actions' }, [cancel, confirm]),
  ]);
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    confirm.textContent = 'Deleting…';
    const failure = await options.act();
    if (failure) {
      problem.textContent = failure;
      confirm.disabled = false;
      confirm.textContent = options.confirmLabel;
      return;
    }
    dialog.close();
    options.onDone();
  });
  document.body.append(dialog);
  dialog.showModal();
  cancel.focus();
}

/** Opens the dialog; `onDeleted` runs once the server has deleted the session. */
export function openDeleteDialog(session: StoredSession, onDeleted: () => void): void {
  openConfirmDialog({
    id: 'delete',
    title: 'Delete this conversation?',
    description: 'The messages, what the coach heard and the partnership statement are removed from the server. This cannot be undone. Download the statement first if you want to keep it.',
    keepLabel: 'Keep it',
    confirmLabel: 'Delete',
    act: async () => {
      try {
        await deleteSession(session.sessionId, session.token);
        return null;
      } catch (error) {
        return error instanceof Error ? error.message : 'The conversation could not be deleted. Try again.';
      }
    },
    onDone: onDeleted,
  });
}
