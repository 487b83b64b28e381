import { toSecondPerson } from './paraphrase.js';
import { lowerStart, wholeClause } from './reflection-clauses.js';
import { contentWords, splitSentences, stripFinalPunctuation } from './text.js';

/** A success signal the client states, as a clause that follows "you'd know it's working when …". */

const SUCCESS_LEAD = /\b(?:success (?:would|will|to me would)? ?(?:be|look like|looks like|mean|means|is)|(?:a win|progress|winning|success) ?(?:=|:|would be|will be|is)|i(?:'d| would|'ll| will) know (?:(?:that )?(?:it's|it is|it|this|that)(?: (?:was|is|has|had))? ?(?:been )?(?:working|worked|succeeded|paid off|landed)? ?)?(?:when|if|because)|it(?:'d| would) be (?:a win|a success|progress|good|great) if|the (?:sign|proof|signal) (?:would be|is|will be)|what good looks like is|good would look like)\s*(?:that\s+|:\s*|-\s*)?/i;
const GERUND_BASE: Record<string, string> = { having: 'have', getting: 'get', making: 'make', feeling: 'feel', going: 'go', doing: 'do', seeing: 'see', saying: 'say', taking: 'take', giving: 'give', leaving: 'leave', spending: 'spend', knowing: 'know', hearing: 'hear', running: 'run', finishing: 'finish', handing: 'hand', sleeping: 'sleep', leading: 'lead', coming: 'come', writing: 'write', using: 'use', closing: 'close', shipping: 'ship', stopping: 'stop', sending: 'send', asking: 'ask', telling: 'tell', holding: 'hold', keeping: 'keep', walking: 'walk', trusting: 'trust', letting: 'let' };
const SUBJECT_START = /^(?:you|you're|you've|you'd|he|he's|she|she's|they|they're|we|we're|it|it's|there|there's|the|your|his|her|their|our|this|that|these|those|people|everyone|everybody|nobody|no one|someone|one|each|every|all|most|half|[A-Z][a-z]+ (?:is|was|has|does|doesn't|can|will|says|stops|starts|gets|answers|comes|takes))\b/;
const HAS_VERB = /\b(?:is|are|was|were|am|has|have|had|do|does|did|don't|doesn't|didn't|can|can't|could|will|won't|would|no longer|\w+(?:ed|es))\b|\b(?:you|they|we|he|she) [a-z]+\b/i;

/**
 * A success signal as a clause after "when": "success would be having the conversation with Dev
 * without dreading it" → "you have the conversation with Dev without dreading it". Null when the
 * text states no success signal.
 */
export function successClause(text: string): string | null {
  for (const sentence of splitSentences(text)) {
    const match = SUCCESS_LEAD.exec(sentence);
    if (!match) continue;
    // "Success is, in the meeting I…": the comma after the lead is not part of the clause.
    let after = sentence.slice(match.index + match[0].length).trim().replace(/^[,:;–—-]+\s*/, '');
    for (let guard = 0; guard < 4; guard++) after = after.replace(/^(?:like|kind of|sort of|i guess|i think|maybe|probably|honestly|basically|just|um+|uh+)\b[,\s]*/i, '');
    const rest = wholeClause(toSecondPerson(after), 24);
    if (!rest || contentWords(rest).length < 2) continue;
    return successWhen(rest);
  }
  return null;
}

/** A success signal (already in the coach's voice) as a clause that can follow "when". */
export function successWhen(signal: string): string {
  const rest = lowerStart(stripFinalPunctuation(signal.trim()));
  const notHaving = /^not having to\s+/i.exec(rest);
  if (notHaving) return `you don't have to ${rest.slice(notHaving[0].length)}`;
  const being = /^being\s+/i.exec(rest);
  if (being) return `you're ${rest.slice(being[0].length)}`;
  const gerund = /^(not\s+)?([a-z]+ing)\b/i.exec(rest);
  if (gerund && !/^(?:nothing|everything|something|anything|morning|evening|meeting|thing|king|ring|spring|string|during)$/i.test(gerund[2]!)) {
    const base = GERUND_BASE[gerund[2]!.toLowerCase()];
    const tail = rest.slice(gerund[0].length);
    if (base) return `you ${gerund[1] ? "don't " : ''}${base}${tail}`;
    return `you're ${gerund[1] ?? ''}${gerund[2]}${tail}`;
  }
  // "your roadmap getting approved": a subject with an -ing verb is something you'd see happen.
  const ing = /^((?:\S+ ){1,4}?)([a-z]+ing)\b/i.exec(rest);
  if (ing && !/\b(?:is|are|was|were|am|be|been|keep|keeps|stop|stops|start|starts|'re|'s)\b|'re\b|'s\b/i.test(ing[1]!) && !/^(?:you|he|she|they|we|it)\b/i.test(rest)) return `you see ${rest}`;
  if (SUBJECT_START.test(rest) && HAS_VERB.test(rest)) return rest;
  return `you see ${rest}`;
}
