/**
 * A plain, read-only rendering of the statement used only by the print stylesheet, so "Print /
 * save as PDF" gives one clean page instead of a page of form fields.
 */
import { element, replaceChildren } from './dom.js';
import type { Statement } from './protocol.js';
import { statementParts } from './statement-fields.js';

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
  for (const part of statementParts(statement)) {
    if (part.kind === 'list') parts.push(element('h2', { text: part.title }), element('ul', {}, part.items.map((item) => element('li', { text: item }))));
    else if (part.key === 'text') parts.push(element('p', { className: 'print-lead', text: part.value }));
    else parts.push(element('h2', { text: part.title }), element('p', { text: part.value }));
  }
  replaceChildren(container, parts);
}
