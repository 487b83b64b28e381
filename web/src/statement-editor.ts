/**
 * The partnership statement, editable in place. Each change is sent as `statement.edit` with only
 * the field that changed; lists are sent whole. While a field has focus, incoming `state` frames do
 * not redraw the fields (the person's typing is never overwritten); the redraw happens when focus
 * leaves them.
 */
import { element, replaceChildren } from './dom.js';
import { learningLabel } from './labels.js';
import type { Statement, StatementEdit } from './protocol.js';
import { STATEMENT_FIELDS, sourceBelongsTo, textValue, type FieldDescription, type ListField } from './statement-fields.js';

export interface StatementEditorOptions {
  onRequestDraft(): void;
  onEdit(edit: StatementEdit): void;
  onConfirm(): void;
  onShowTurn(seq: number): void;
  onDownloadMarkdown(): void;
  onCopyMarkdown(): void;
  onDownloadJson(): void;
  onPrint(): void;
}

export class StatementEditor {
  readonly root: HTMLElement;
  private readonly status: HTMLSpanElement;
  private readonly intro: HTMLParagraphElement;
  private readonly fields: HTMLDivElement;
  private readonly draftButton: HTMLButtonElement;
  private readonly confirmButton: HTMLButtonElement;
  private readonly exportGroup: HTMLDivElement;
  private readonly notice: HTMLParagraphElement;
  private readonly confirmedNote: HTMLParagraphElement;
  private statement: Statement | null = null;
  private renderedSignature = '';
  private busy = false;

  constructor(private readonly options: StatementEditorOptions) {
    this.status = element('span', { className: 'status-badge', attributes: { hidden: true } });
    this.intro = element('p', {
      className: 'panel-intro',
      text: 'When the coach has heard enough, it drafts a short statement of what you want from coaching — in your words. You can edit every part, then confirm it.',
    });
    this.fields = element('div', { className: 'statement-fields' });
    this.fields.addEventListener('focusout', (event) => {
      const next = event.relatedTarget;
      if (!(next instanceof Node) || !this.fields.contains(next)) window.setTimeout(() => this.renderFieldsIfChanged(), 0);
    });
    this.draftButton = element('button', {
      className: 'button',
      text: 'Draft statement',
      attributes: { type: 'button' },
      on: { click: () => this.options.onRequestDraft() },
    });
    this.confirmButton = element('button', {
      className: 'button primary',
      text: 'Confirm',
      attributes: { type: 'button', hidden: true },
      on: { click: () => this.options.onConfirm() },
    });
    const exportButton = (text: string, action: () => void) =>
      element('button', { className: 'button quiet small', text, attributes: { type: 'button' }, on: { click: action } });
    this.exportGroup = element('div', { className: 'export-group', attributes: { role: 'group', 'aria-label': 'Take the statement with you', hidden: true } }, [
      exportButton('Download Markdown', () => this.options.onDownloadMarkdown()),
      exportButton('Copy Markdown', () => this.options.onCopyMarkdown()),
      exportButton('Download JSON', () => this.options.onDownloadJson()),
      exportButton('Print or save as PDF', () => this.options.onPrint()),
    ]);
    this.confirmedNote = element('p', { className: 'confirmed-note', text: '✓ You confirmed this statement. You can still change any part of it.', attributes: { hidden: true } });
    this.notice = element('p', { className: 'statement-notice', attributes: { role: 'status' } });
    this.root = element('section', { className: 'panel statement', attributes: { id: 'statement', 'aria-labelledby': 'statement-title' } }, [
      element('div', { className: 'panel-head' }, [
        element('h2', { className: 'panel-title', text: 'Partnership statement', attributes: { id: 'statement-title' } }),
        this.status,
      ]),
      this.intro,
      this.fields,
      this.confirmedNote,
      element('div', { className: 'statement-actions' }, [this.confirmButton, this.draftButton]),
      this.exportGroup,
      this.notice,
    ]);
  }

  /** Say something about the statement (saved, copied, downloaded) in the panel's status line. */
  tell(text: string): void {
    this.notice.textContent = text;
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.draftButton.disabled = busy;
  }

  update(statement: Statement | null): void {
    this.statement = statement;
    const confirmed = statement?.status === 'confirmed';
    this.status.hidden = statement === null;
    this.status.textContent = confirmed ? 'Confirmed' : 'Draft';
    this.status.classList.toggle('is-confirmed', confirmed);
    this.intro.hidden = statement !== null;
    this.draftButton.textContent = statement ? 'Redraft from the conversation' : 'Draft statement';
    this.draftButton.className = statement ? 'button quiet' : 'button primary';
    this.draftButton.disabled = this.busy;
    this.confirmButton.hidden = statement === null || confirmed;
    this.confirmedNote.hidden = !confirmed;
    this.exportGroup.hidden = statement === null;
    this.renderFieldsIfChanged();
  }

  private renderFieldsIfChanged(): void {
    if (this.fields.contains(document.activeElement)) return;
    const statement = this.statement;
    const signature = JSON.stringify(statement ? { ...statement, status: undefined } : null);
    if (signature === this.renderedSignature) return;
    this.renderedSignature = signature;
    replaceChildren(this.fields, statement ? STATEMENT_FIELDS.map((field) => this.fieldBlock(field, statement)) : []);
  }

  private fieldBlock(field: FieldDescription, statement: Statement): HTMLElement {
    const id = `statement-${field.key}`;
    const editor = field.kind === 'list' ? this.listEditor(field.key, field.itemName, statement[field.key], id) : this.textEditor(field, statement, id);
    // A seq of 0 means the part has no client turn to point at (e.g. a need heard before v1 kept seqs).
    const sources = statement.sources.filter((source) => source.seq > 0 && source.quote && sourceBelongsTo(source.field, field.key));
    return element('div', { className: `statement-field field-${field.key}` }, [
      element(field.kind === 'list' ? 'h3' : 'label', {
        className: 'field-title',
        text: field.title,
        attributes: field.kind === 'list' ? { id: `${id}-title` } : { for: id },
      }),
      element('p', { className: 'field-help', text: field.help, attributes: { id: `${id}-help` } }),
      editor,
      sources.length > 0
        ? element('div', { className: 'sources' }, [
            element('span', { className: 'sources-label', text: 'From your words:' }),
            ...sources.map((source) =>
              element(
                'button',
                { className: 'source', attributes: { type: 'button', 'data-seq': String(source.seq) }, on: { click: () => this.options.onShowTurn(source.seq) } },
                [element('span', { className: 'visually-hidden', text: 'Show the turn where you said ' }), `“${truncate(source.quote, 70)}”`],
              ),
            ),
          ])
        : null,
    ]);
  }

  private textEditor(field: Extract<FieldDescription, { kind: 'text' }>, statement: Statement, id: string): HTMLElement {
    if (field.key === 'learningPreference') return this.learningEditor(statement.learningPreference, id);
    const attributes = { id, 'aria-describedby': `${id}-help`, maxlength: field.key === 'text' ? '2000' : '500', placeholder: field.placeholder };
    const control = field.multiline
      ? element('textarea', { className: 'field-input', attributes: { ...attributes, rows: field.key === 'text' ? '4' : '2' } })
      : element('input', { className: 'field-input', attributes: { ...attributes, type: 'text' } });
    control.value = textValue(statement, field.key);
    control.addEventListener('change', () => {
      const value = control.value.trim();
      const edit: StatementEdit =
        field.key === 'learningPreference' ? { learningPreference: value || null } : { [field.key]: value };
      this.options.onEdit(edit);
    });
    return control;
  }

  /** The four known preferences as a choice; a value written some other way is kept as an option. */
  private learningEditor(current: string | null, id: string): HTMLSelectElement {
    const choices = ['action', 'reflection', 'feedback', 'mix'];
    const select = element('select', { className: 'field-input', attributes: { id, 'aria-describedby': `${id}-help` } }, [
      element('option', { text: 'Not decided yet', attributes: { value: '' } }),
      ...choices.map((choice) => element('option', { text: learningLabel(choice), attributes: { value: choice } })),
      current && !choices.includes(current) ? element('option', { text: current, attributes: { value: current } }) : null,
    ]);
    select.value = current ?? '';
    select.addEventListener('change', () => this.options.onEdit({ learningPreference: select.value || null }));
    return select;
  }

  private listEditor(key: ListField, itemName: string, items: string[], id: string): HTMLElement {
    const list = element('ul', { className: 'edit-list', attributes: { 'aria-labelledby': `${id}-title`, id } });
    // Enter and leaving the field can both ask to send: only a list that really changed is sent.
    let lastSent = JSON.stringify(items);
    const send = () => {
      const values = [...list.querySelectorAll<HTMLTextAreaElement>('textarea')].map((input) => input.value.trim()).filter((value) => value.length > 0);
      const signature = JSON.stringify(values);
      if (signature === lastSent) return;
      lastSent = signature;
      this.options.onEdit({ [key]: values });
    };
    const addItem = (value: string, focus: boolean) => {
      // A textarea, so a long goal wraps and stays readable; CSS sizes it to its content.
      const input = element('textarea', {
        className: 'field-input item-input',
        attributes: { rows: '1', maxlength: '500', 'aria-label': `${capitalize(itemName)} ${list.children.length + 1}` },
        on: {
          change: send,
          keydown: (event) => {
            // An item is one line: Enter commits it (the change is sent when the field is left).
            if (event.key === 'Enter' && !event.isComposing) {
              event.preventDefault();
              send();
            }
          },
        },
      });
      input.value = value;
      const remove = element('button', {
        className: 'icon-button',
        text: '×',
        attributes: { type: 'button', 'aria-label': `Remove ${itemName}: ${truncate(value || 'empty', 60)}` },
        on: {
          click: () => {
            const row = remove.closest('li');
            const next = row?.nextElementSibling?.querySelector('textarea') ?? row?.previousElementSibling?.querySelector('textarea') ?? addButton;
            row?.remove();
            next.focus();
            send();
          },
        },
      });
      list.append(element('li', { className: 'edit-item' }, [input, remove]));
      if (focus) input.focus();
    };
    const addButton = element('button', {
      className: 'link-button add-item',
      text: `+ Add a ${itemName}`,
      attributes: { type: 'button' },
      on: { click: () => addItem('', true) },
    });
    for (const item of items) addItem(item, false);
    return element('div', { className: 'list-editor' }, [list, addButton]);
  }
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
