/**
 * "Delete this conversation?": a modal dialog that asks before the session is deleted from the
 * server, and says why when it could not be.
 */
import { deleteSession } from './api.js';
import { element } from './dom.js';
import type { StoredSession } from './storage.js';

/** Opens the dialog; `onDeleted` runs once the server has deleted the session. */
export function openDeleteDialog(session: StoredSession, onDeleted: () => void): void {
  const problem = element('p', { className: 'dialog-problem', attributes: { role: 'alert' } });
  const cancel = element('button', { className: 'button quiet', text: 'Keep it', attributes: { type: 'button', autofocus: true } });
  const confirm = element('button', { className: 'button danger-solid', text: 'Delete', attributes: { type: 'button' } });
  const dialog = element('dialog', { className: 'dialog', attributes: { 'aria-labelledby': 'delete-title', 'aria-describedby': 'delete-description' } }, [
    element('h2', { text: 'Delete this conversation?', attributes: { id: 'delete-title' } }),
    element('p', {
      text: 'The messages, what the coach heard and the partnership statement are removed from the server. This cannot be undone. Download the statement first if you want to keep it.',
      attributes: { id: 'delete-description' },
    }),
    problem,
    element('div', { className: 'dialog-actions' }, [cancel, confirm]),
  ]);
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    confirm.textContent = 'Deleting…';
    try {
      await deleteSession(session.sessionId, session.token);
      dialog.close();
      onDeleted();
    } catch (error) {
      problem.textContent = error instanceof Error ? error.message : 'The conversation could not be deleted. Try again.';
      confirm.disabled = false;
      confirm.textContent = 'Delete';
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  cancel.focus();
}
