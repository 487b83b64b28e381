/**
 * Helpline numbers and sites in a safety message as real links. The server lists, on the safety
 * move, each link's text as it stands in the message and its address (`tel:` or `https:`); the
 * page finds those words in the text and makes them anchors, built as DOM nodes (never markup).
 */
import { element } from './dom.js';
import type { Move } from './protocol.js';

type Link = NonNullable<Move['links']>[number];

/** The message's text in order, each piece either plain or one link's words. */
export function linkPieces(text: string, links: Link[]): { text: string; href?: string }[] {
  const safe = links.filter((link) => link.text.length > 0 && /^(?:tel:\+?\d+|https:\/\/\S+)$/.test(link.href));
  const pieces: { text: string; href?: string }[] = [];
  let at = 0;
  while (at < text.length) {
    // The next link's words that start earliest (the longest at the same place), standing as a whole word or number.
    let best: { index: number; link: Link } | null = null;
    for (const link of safe) {
      let index = text.indexOf(link.text, at);
      while (index >= 0 && !standsAlone(text, index, link.text.length)) index = text.indexOf(link.text, index + 1);
      if (index < 0) continue;
      if (!best || index < best.index || (index === best.index && link.text.length > best.link.text.length)) best = { index, link };
    }
    if (!best) break;
    if (best.index > at) pieces.push({ text: text.slice(at, best.index) });
    pieces.push({ text: best.link.text, href: best.link.href });
    at = best.index + best.link.text.length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/** Not part of a longer word or number ("112" inside "1120" is not the emergency number). */
function standsAlone(text: string, index: number, length: number): boolean {
  const before = text[index - 1] ?? ' ';
  const after = text[index + length] ?? ' ';
  return !/[\p{L}\p{N}-]/u.test(before) && !/[\p{L}\p{N}]/u.test(after) && !(after === '-' && /\d/.test(text[index + length + 1] ?? ''));
}

/** The links a message's safety moves carry (none for any other message). */
export function helpLinks(moves: Move[]): Link[] {
  return moves.filter((move) => move.label?.startsWith('safety')).flatMap((move) => move.links ?? []);
}

/** The message text as nodes: plain text, and an anchor for each link (https opens in a new tab). */
export function linkedText(text: string, links: Link[]): (Node | string)[] {
  return linkPieces(text, links).map((piece) => {
    if (!piece.href) return piece.text;
    const web = piece.href.startsWith('https:');
    return element('a', {
      className: 'help-link',
      text: piece.text,
      attributes: { href: piece.href, ...(web ? { target: '_blank', rel: 'noopener noreferrer' } : {}) },
    });
  });
}
