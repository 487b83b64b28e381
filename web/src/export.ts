/**
 * Taking the statement away: Markdown (the server's rendering, or one built here when the server
 * cannot give it), JSON, the clipboard, and the print stylesheet for a one-page PDF.
 */
import { fetchStatementMarkdown } from './api.js';
import type { Statement } from './protocol.js';
import { statementParts } from './statement-fields.js';

/** Markdown built from the statement as the page holds it. */
function statementToMarkdown(statement: Statement): string {
  const lines: string[] = ['# Partnership statement', ''];
  lines.push(`_${statement.status === 'confirmed' ? 'Confirmed' : 'Draft, not yet confirmed'}_`, '');
  for (const part of statementParts(statement)) {
    if (part.kind === 'list') lines.push(`## ${part.title}`, '', ...part.items.map((item) => `- ${item}`), '');
    else if (part.key === 'text') lines.push(part.value, '');
    else lines.push(`## ${part.title}`, '', part.value, '');
  }
  if (statement.sources.length > 0) {
    lines.push('## In your words', '');
    for (const quote of new Set(statement.sources.map((source) => source.quote).filter((quote) => quote.trim() !== ''))) lines.push(`- “${quote}”`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The server's Markdown when it answers, else the local rendering; the source is returned too. */
export async function statementMarkdown(
  sessionId: string,
  token: string,
  statement: Statement,
): Promise<{ markdown: string; from: 'server' | 'page' }> {
  const fromServer = await fetchStatementMarkdown(sessionId, token);
  if (fromServer !== null) return { markdown: fromServer, from: 'server' };
  return { markdown: statementToMarkdown(statement), from: 'page' };
}

export function downloadText(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers start reading the blob only after the click handler returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function copyText(content: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(content);
    return true;
  } catch {
    // Clipboard API refused (permissions, non-secure origin): fall back to a selected textarea.
    const area = document.createElement('textarea');
    area.value = content;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    area.remove();
    return copied;
  }
}

export function statementFilename(extension: string): string {
  const date = new Date().toISOString().slice(0, 10);
  return `partnership-statement-${date}.${extension}`;
}
