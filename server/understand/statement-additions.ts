/**
 * A client asking for something to go into the draft statement: "can we add that I'll check in with
 * Priya every Friday?", "please add something about saying no", "I'd like to add: my manager backs this".
 * The part to add is kept verbatim (it is the client's own sentence for their own statement).
 */
import type { Slot } from '../domain/session-state.js';
import { capitalizeI, contentWords } from './text.js';

const LEAD = String.raw`^(?:(?:oh|ok|okay|yes|yeah|yep|great|good|right|and|also|actually|one more thing|one last thing|sorry|but|hmm|um)[,.!:;]?\s+)*`;
const WHAT = String.raw`(?:\s+(?:in|on))?(?:\s+(?:something|a line|a bit|a sentence|a note|a point))?(?:\s+(?:about|that|saying|to say|on))?\s*[:,\-–—]?\s*(?:that\s+)?`;
const MARKED = String.raw`(?:\s*:\s*|\s+that\s+|\s+(?:something|a line|a bit|a sentence|a note|a point)\s+(?:about|that|saying|on)\s+)`;
const ASKS = [
  new RegExp(`${LEAD}(?:can|could|would|may|should|shall) (?:we|you|i) (?:also |please |just )*(?:add|include|put in|mention|write in|note)${WHAT}(.+)$`, 'i'),
  new RegExp(`${LEAD}(?:please )?(?:also )?(?:add|include|put in|mention)${WHAT}(.+)$`, 'i'),
  // "I want to add more people to my team" is not about the statement: these need "that", ":" or "a line".
  new RegExp(`${LEAD}i(?:'d| would) (?:like|love|want) to (?:also )?(?:add|include|put in)${MARKED}(.+)$`, 'i'),
  new RegExp(`${LEAD}i (?:want|need) to (?:also )?add${MARKED}(.+)$`, 'i'),
];
/** What may trail the addition without being part of it: "...to it?", "...as well, please." */
const TRAILING = /(?:\s*,?\s*(?:to (?:it|the statement|the draft|that|this)|in (?:there|the statement)|as well|too|please|if (?:that's|that is|it's) (?:ok|okay|alright|all right|possible)))+\s*[?.!]*\s*$|\s*[?.!]+\s*$/i;

/** The addition asked for, or null. `own` and `quote` are the client's words, with at least one content word ("more sleep", not "something"). */
export function findStatementAddition(text: string, seq: number): Slot | null {
  const trimmed = text.trim();
  for (const pattern of ASKS) {
    const match = pattern.exec(trimmed);
    if (!match) continue;
    const raw = match[1]!.replace(TRAILING, '').trim();
    if (contentWords(raw).length === 0) return null;
    // "add something about feeling less guilty": a topic reads as a phrase; a sentence keeps its subject.
    const own = capitalizeI(raw);
    return { text: own, quote: raw, seq, own };
  }
  return null;
}
