import type { HistoryItem, Statement } from '../domain/schemas.js';
import type { SharedStatement } from '../app/share-links.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function list(title: string, items: string[]): string {
  if (items.length === 0) return '';
  return `<h2>${escapeHtml(title)}</h2><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

function paragraph(title: string, text: string | null | undefined): string {
  return text ? `<h2>${escapeHtml(title)}</h2><p>${escapeHtml(text)}</p>` : '';
}

const LEARNING: Record<string, string> = {
  action: 'By trying things out',
  reflection: 'By thinking things through',
  feedback: 'Through feedback from others',
  mix: 'A mix of trying, reflecting and feedback',
};

/** The statement in plain headings: no field names, ids, turn numbers or anything else internal. */
function statementSection(statement: Statement): string {
  return (
    `<p class="lead">${escapeHtml(statement.text)}</p>` +
    list('Goals', statement.goals) +
    list('What I need', statement.needs) +
    list('How I will know it is working', statement.successIndicators) +
    paragraph('First experiment', statement.firstExperiment) +
    list('Constraints', statement.constraints) +
    paragraph('How I like to learn', statement.learningPreference ? (LEARNING[statement.learningPreference] ?? statement.learningPreference) : null)
  );
}

function transcriptSection(history: HistoryItem[]): string {
  const turns = history
    .map((item) => `<li class="${item.role}"><span class="who">${item.role === 'coach' ? 'Rapport (coach)' : 'Client'}</span> <span>${escapeHtml(item.text)}</span></li>`)
    .join('');
  return `<section aria-labelledby="transcript-title"><h2 id="transcript-title">The conversation</h2><ol class="transcript">${turns}</ol></section>`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Rapport</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/shared-page.css">
</head>
<body>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

/** The read-only page a coach sees behind a share link. */
export function sharedPage(shared: SharedStatement): string {
  const until = new Date(shared.expiresAt).toUTCString().replace(/ GMT$/, ' UTC');
  const statement = shared.statement
    ? `<section aria-labelledby="statement-title"><h1 id="statement-title">Partnership statement</h1><p class="note">Confirmed by the client and shared with you, read-only. This link works until ${escapeHtml(until)}.</p>${statementSection(shared.statement)}</section>`
    : `<h1>Partnership statement</h1><p>The client is changing their statement and has not confirmed it again yet. Ask them to share it once they have.</p>`;
  return page('Partnership statement', statement + (shared.transcript ? transcriptSection(shared.transcript) : ''));
}

/** The same page for an unknown, revoked or expired link: nothing says which. */
export function sharedPageGone(): string {
  return page('Link not available', '<h1>This link is not available</h1><p>It may have expired or been withdrawn by the person who shared it. Ask them for a new one.</p>');
}

/** The shared page's stylesheet (the server's CSP allows styles from this origin only). */
export const SHARED_PAGE_CSS = `:root{color-scheme:light dark;--text:#1c1c1e;--muted:#55585e;--background:#fbfaf7;--line:#d6d3cc;--accent:#2d5f8a}
@media (prefers-color-scheme:dark){:root{--text:#ecebe8;--muted:#b5b3ad;--background:#17181a;--line:#3b3d41;--accent:#8dbbe3}}
body{margin:0;background:var(--background);color:var(--text);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:42rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.125rem;margin:1.75rem 0 .5rem}
.note{color:var(--muted);font-size:.95rem}
.lead{font-size:1.2rem;border-left:4px solid var(--accent);padding-left:1rem}
ul,ol{padding-left:1.25rem}
.transcript{list-style:none;padding:0}
.transcript li{padding:.5rem 0;border-top:1px solid var(--line)}
.who{font-weight:600}
`;
