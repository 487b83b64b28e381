/**
 * A plain, read-only rendering of the statement used only by the print stylesheet, so "Print /
 * save as PDF" gives one clean page instead of a page of form fields.
 */
import { element, replaceChildren } from './dom.js';
import { learningLabel } from './labels.js';
import type { Statement } from './protocol.js';
import { STATEMENT_FIELDS, textValue } from './statement-fields.js';

export function renderPrintStatement(container: HTMLElement, statement: Statement | null): void {
  if (!statement) {
    replaceChildren(container, []);
    return;
  }
  const parts: HTMLElement[] = [
    element('h1', { text: 'Partnership statement' }),
    element('p', {
      className: 'print-meta',
      text: `${statement.status === 'confirmed' ? 'Confirmed' : 'Draft'} · ${new Date().toLocaleDateString()} · Rapport`,
    }),
  ];
  for (const field of STATEMENT_FIELDS) {
    if (field.kind === 'list') {
      const items = statement[field.key];
      if (items.length === 0) continue;
      parts.push(element('h2', { text: field.title }), element('ul', {}, items.map((item) => element('li', { text: item }))));
    } else {
      let value = textValue(statement, field.key).trim();
      if (!value) continue;
      if (field.key === 'learningPreference') value = learningLabel(value);
      if (field.key === 'text') parts.push(element('p', { className: 'print-lead', text: value }));
      else parts.push(element('h2', { text: field.title }), element('p', { text: value }));
    }
  }
  replaceChildren(container, parts);
}
