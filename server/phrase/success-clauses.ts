import { toSecondPerson } from '../understand/paraphrase.js';
import { lowerStart, wholeClause } from './reflection-clauses.js';
import { contentWords, splitSentences, stripFinalPunctuation } from '../understand/text.js';
import { wordPatterns } from '../understand/word-patterns.js';
import successClauses from '../../content/lexicon/success-clauses.json' with { type: 'json' };

/** A success signal the client states, as a clause that follows "you'd know it's working when …". */

const GERUND_BASE: Record<string, string> = { having: 'have', getting: 'get', making: 'make', feeling: 'feel', going: 'go', doing: 'do', seeing: 'see', saying: 'say', taking: 'take', giving: 'give', leaving: 'leave', spending: 'spend', knowing: 'know', hearing: 'hear', running: 'run', finishing: 'finish', handing: 'hand', sleeping: 'sleep', leading: 'lead', coming: 'come', writing: 'write', using: 'use', closing: 'close', shipping: 'ship', stopping: 'stop', sending: 'send', asking: 'ask', telling: 'tell', holding: 'hold', keeping: 'keep', walking: 'walk', trusting: 'trust', letting: 'let' };
/** The words of a success sign and of the clause it becomes: content/lexicon/success-clauses.json. */
const W = wordPatterns('success-clauses', successClauses, ['success-lead', 'hedge', 'if-start', 'not-having', 'being', 'would', 'state-word', 'not-a-gerund', 'subject-start', 'has-verb', 'verb-before-ing', 'pronoun-start'] as const);
/** A subject is matched case by case: a capital tells a name ("Dev says …"). */
const SUBJECT_START = new RegExp(W['subject-start'].source, 'u');

/**
 * A success signal as a clause after "when": "success would be having the conversation with Dev
 * without dreading it" → "you have the conversation with Dev without dreading it". Null when the
 * text states no success signal.
 */
export function successClause(text: string): string | null {
  for (const sentence of splitSentences(text)) {
    const match = W['success-lead'].exec(sentence);
    if (!match) continue;
    // "Success is, in the meeting I…": the comma after the lead is not part of the clause.
    let after = sentence.slice(match.index + match[0].length).trim().replace(/^[,:;–—-]+\s*/, '');
    for (let guard = 0; guard < 4; guard++) after = after.replace(W.hedge, '');
    const rest = wholeClause(toSecondPerson(after), 24);
    // The sign must say something beyond the lead: "I'd know it's working when it works" says nothing.
    const leadStems = new Set(contentWords(match[0]).map((word) => word.slice(0, 4)));
    if (!rest || contentWords(rest).every((word) => leadStems.has(word.slice(0, 4)))) continue;
    return successWhen(rest);
  }
  return null;
}

/** Whether a sign already opens with its own "if" or "when" ("if I could take a proper week off"). */
export function opensWithWhen(signal: string): boolean {
  return W['if-start'].test(lowerStart(signal.trim()));
}

/** A success signal (already in the coach's voice) as a clause that can follow "when". */
export function successWhen(signal: string): string {
  const rest = lowerStart(stripFinalPunctuation(signal.trim()));
  // "if you could go on holiday": the sign already says when; "when you see if …" does not read.
  const opening = W['if-start'].exec(rest);
  if (opening) return successWhen(rest.slice(opening[0].length));
  const notHaving = W['not-having'].exec(rest);
  if (notHaving) return `you don't have to ${rest.slice(notHaving[0].length)}`;
  // "you'd leave before 5 twice a week": it's working when you do, not "when you see you'd leave".
  const would = W.would.exec(rest);
  if (would) return `you ${rest.slice(would[0].length)}`;
  // "home by 7 most nights", "done by five": where they are, not something to see.
  if (W['state-word'].test(rest)) return `you're ${rest}`;
  const being = W.being.exec(rest);
  if (being) return `you're ${rest.slice(being[0].length)}`;
  const gerund = /^(not\s+)?([a-z]+ing)\b/i.exec(rest);
  if (gerund && !W['not-a-gerund'].test(gerund[2]!)) {
    const base = GERUND_BASE[gerund[2]!.toLowerCase()];
    const tail = rest.slice(gerund[0].length);
    if (base) return `you ${gerund[1] ? "don't " : ''}${base}${tail}`;
    return `you're ${gerund[1] ?? ''}${gerund[2]}${tail}`;
  }
  // "your roadmap getting approved": a subject with an -ing verb is something you'd see happen.
  const ing = /^((?:\S+ ){1,4}?)([a-z]+ing)\b/i.exec(rest);
  if (ing && !W['verb-before-ing'].test(ing[1]!) && !W['pronoun-start'].test(rest)) return `you see ${rest}`;
  if (SUBJECT_START.test(rest) && W['has-verb'].test(rest)) return rest;
  return `you see ${rest}`;
}
