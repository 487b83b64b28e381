import type { PlanAction, Slot } from '../domain/session-state.js';
import { toSecondPerson } from './paraphrase.js';
import { parsedTerms } from './term-parses.js';
import { contentWords, lowerFirst, normalize, shorten, splitSentences, stripFinalPunctuation, stripLeadingFiller } from './text.js';
import { lexiconText } from './lexicon.js';
import { splitOnSpaces } from './spaces.js';

/**
 * The later steps' slots: plan actions (what, by when, support, measure), commitment, confidence
 * on a 0–10 scale, obstacles and the check-in rhythm. Dates and rhythms are read as the client
 * said them ("by Friday", "every two weeks"): the coach repeats them, it does not reinterpret them.
 */

const DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)';
const NUMBER = '(?:\\d+|one|two|three|four|five|six|a couple of|a few|a)';
const BY_WHEN = new RegExp(
  [
    `\\b(?:by|before|on|until|this|next|coming) (?:the )?(?:end of (?:the |this |next )?(?:day|week|month|quarter|sprint|year|q[1-4])|${DAY}(?: the \\d{1,2}(?:st|nd|rd|th))?|${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}|tomorrow|tonight|week|month|quarter|sprint|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?)\\b`,
    `\\b(?:within|in|over) (?:the next )?${NUMBER} (?:days?|weeks?|months?|sprints?)\\b`,
    `\\b(?:end of (?:the |this |next )?(?:day|week|month|quarter|sprint|year)|eow|eom|eod|tomorrow|today|tonight)\\b`,
    `\\b(?:before|by) (?:the|our|my) (?:(?:next|team|board|quarterly|all-hands|weekly|monthly) )*(?:meeting|offsite|review|check-in|one-on-one|1:1|deadline|launch|retro)\\b`,
    `\\b\\d{4}-\\d{2}-\\d{2}\\b`,
    `\\b${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?\\b`,
    `\\b(?:(?:by|on|before|until) )?(?:${DAY} )?the \\d{1,2}(?:st|nd|rd|th)\\b`,
    `\\b(?:by|before|in|until) (?:early |mid-?|late )?${MONTH}\\b`,
    `\\b(?:start(?:ing)?|from) (?:on )?(?:this |next )?(?:${DAY}|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\\b`,
    `\\b(?:this|next|on) (?:mon|tue|tues|wed|thu|thur|thurs|fri)\\b`,
    `\\bmid-${MONTH}\\b`,
    // "Monday after the morning briefing.": a day that opens the answer is when.
    `^\\s*${DAY}\\b`,
    // A recurring slot answers "when" too: "every Thursday meeting", "each Monday morning".
    `\\b(?:every|each) ${DAY}(?: (?:morning|afternoon|evening|meeting|stand-?up))?\\b`,
  ].join('|'),
  'i',
);

const MEASURE = /\b(?:i(?:'ll| will| would|'d) know (?:(?:that )?(?:it's|it is|it|this|that)(?: (?:went|was|has gone|has worked|worked|works|is))? ?(?:working|done|ok|okay|well|fine|right|better|a success|successful)? ?)?(?:when|if|because|by)?|measured? (?:by|it by|with)|track(?:ing)?\b|count(?:ing)?\b|so that|which (?:means|shows)|progress (?:will|would) (?:show|look like|be)|success (?:will|would) be|as shown by|evidence (?:will|would) be|(?:fewer|less|more) than|at least \d+|\d+ ?(?:%|percent)|(?:survey|score|rating|feedback|numbers?|metrics?|kpis?)\b|(?:see|notice|check) (?:whether|if|that)|when (?:they|my team|people|i) (?:can|have|are|no longer)|the sign (?:will|would) be)\s*/i;

const SUPPORT = /\b(?:(?:with|get|getting|ask for|need) (?:some )?(?:help|support|input|backing) (?:from|of)|ask (?:my|our|the) (?:manager|boss|mentor|coach|colleagues?|peers?|hr|team|partner|director|lead)|(?:my|our|the) (?:manager|boss|mentor|coach|colleague|peer|partner|hr team|director|buddy) (?:can|will|could|would|has offered to) (?:help|support|back|review|give)|support from|(?:a|an|the) (?:course|book|workshop|training|template|checklist|tool|podcast)|pair(?:ing)? (?:up )?with|an accountability (?:partner|buddy))\b/i;

const ACTION = /\b(?:i(?:'ll| will| am going to|'m going to| plan to| intend to| can| could| want to| need to| commit to)|first,? i(?:'ll| will)?|my (?:first |next )?(?:action|step) (?:is|will be)(?: to)?|the first (?:thing|step) (?:is|will be)(?: to)?|then i(?:'ll| will)?|and i(?:'ll| will))\s+/i;

/** Words that make an action a direction rather than a step, worth a gentle challenge. */
const VAGUE = /\b(?:more|better|less|try to|try and|some|a bit|somehow|work on|focus on|improve|be (?:more|better)|think about|look into|consider|maybe|hopefully|at some point|eventually|when i can|if i (?:have|get) time)\b/i;
/** Something an observer could check: a number, a named person, a specific object ("the Monday report"). */
const CONCRETE = /\d|\b(?:the|my|your|our|a|an|each|every|one|two|three)\b|\s[A-Z][a-z]+/;

/** Whether an action's wording is too vague to act on ("be better at delegating"). */
export function isVagueAction(what: string): boolean {
  if (splitOnSpaces(what.trim()).length < 3) return true;
  return VAGUE.test(what) && !CONCRETE.test(what);
}

const GERUNDS: Record<string, string> = { count: 'counting', track: 'tracking', log: 'logging', measure: 'measuring', record: 'recording', tally: 'tallying' };

function matchText(pattern: RegExp, sentence: string): string | null {
  const match = pattern.exec(sentence);
  return match ? match[0].trim() : null;
}

function afterMatch(pattern: RegExp, sentence: string): string | null {
  const match = pattern.exec(sentence);
  if (!match) return null;
  const rest = stripFinalPunctuation(sentence.slice(match.index + match[0].length).trim());
  // "count how many new starters are still here": the counting is the measure, so it stays in it.
  const counting = /^(?:i(?:'ll| will| can)? ?)?(count|track|log|measure|record|tally)(?:ing)?$/i.exec(match[0].trim());
  if (counting && rest.length > 0) return `${GERUNDS[counting[1]!.toLowerCase()]} ${lowerFirst(toSecondPerson(shorten(rest, 18)))}`;
  return lowerFirst(rest.length > 0 ? toSecondPerson(shorten(rest, 18)) : toSecondPerson(stripFinalPunctuation(sentence)));
}

const SHORT_FORMS: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', tues: 'Tuesday', wed: 'Wednesday', weds: 'Wednesday', thu: 'Thursday', thur: 'Thursday', thurs: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday', wk: 'week', wks: 'weeks', hr: 'hour', hrs: 'hours', mins: 'minutes', tmrw: 'tomorrow', tmr: 'tomorrow', eow: 'the end of the week', eom: 'the end of the month', eod: 'the end of the day', asap: 'as soon as possible' };

/** A date or measure as the coach says it back: chat short forms spelled out ("next mon" → "next Monday", "4 wks" → "4 weeks"), days capitalised. */
export function tidyWhen(text: string): string {
  return text
    .replace(/\b[A-Za-z]+\b/g, (word) => SHORT_FORMS[word.toLowerCase()] ?? word)
    .replace(/\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi, (day) => day.charAt(0).toUpperCase() + day.slice(1).toLowerCase());
}

/** The "by when" the client named, verbatim ("by Friday", "within two weeks"), if any. */
export function findByWhen(text: string): string | null {
  return matchText(BY_WHEN, text);
}

/**
 * Plan actions named in one message. An answer that only adds a date, a measure or support to the
 * action under discussion comes back with `what: ''`, for the merge to attach to the latest action.
 */
/** Answers that name no step even in reply to "what will you do?": a rating, a verdict, a yes. */
const NOT_A_STEP = /^(?:(?:not bad|fine|good|great|ok(?:ay)?|sure|yes|yeah|yep|i'm in|committed|minus|plus|confidence|(?:one |small |quick )?edit|swap|replace|change the word)\b|\d+(?:\/10)?\b)/i;

/** Whether the sentence goes on from an obstacle just named ("The obstacle is… I will physically vibrate."). */
function followsObstacle(sentences: string[], sentence: string): boolean {
  const index = sentences.indexOf(sentence);
  return index > 0 && OBSTACLE.test(sentences[index - 1]!);
}

/** Words before a day that belong to the when ("this weekend", "next Friday", "on Monday"). */
const DAY_MARKS: ReadonlySet<string> = new Set(['this', 'next', 'on']);
/** Nouns after a day that say when in the day, not what thing the day names. */
const PARTS_OF_DAY: ReadonlySet<string> = new Set(['morning', 'afternoon', 'evening', 'night', 'noon', 'lunchtime']);

/** A weekday named inside a step ("… in person Friday before noon"), with "this", "next" or "on" before it: its when. */
function dayInStep(what: string): string | null {
  const terms = parsedTerms(what).filter((term) => term.text !== '');
  // Not a day that names a thing ("the Monday report", "our Friday meeting"): a noun after it other than a time of day.
  const at = terms.findIndex((term, index) => {
    const next = terms[index + 1];
    return term.tags.includes('WeekDay') && !(next !== undefined && next.tags.includes('Noun') && !next.tags.includes('Date') && !PARTS_OF_DAY.has(next.text.toLowerCase()));
  });
  if (at < 0) return null;
  const before = terms[at - 1]?.text.toLowerCase();
  const day = terms[at]!.text;
  return before && DAY_MARKS.has(before) ? `${before} ${day}` : day;
}

export function findActions(text: string, seq: number, expected: boolean, strict = false): PlanAction[] {
  const actions: PlanAction[] = [];
  const sentences = splitSentences(text);
  for (const sentence of sentences) {
    // "I'll cave if a patient deteriorates": what could get in the way, not a step of the plan.
    if (OBSTACLE.test(sentence) && !findByWhen(sentence)) continue;
    // A check-in rhythm ("for check in, maybe after each Thursday") is the challenge step's, not an action.
    if (CHECK_IN_CONTEXT.test(sentence) && CHECK_IN.test(sentence)) continue;
    // The sentence after an obstacle goes on about the obstacle, not a step.
    if (followsObstacle(sentences, sentence)) continue;
    const byWhen = findByWhen(sentence);
    const measurePattern = strict ? EXPLICIT_MEASURE : MEASURE;
    const measure = measurePattern.test(sentence) ? afterMatch(measurePattern, sentence) : null;
    const support = matchText(SUPPORT, sentence) ? toSecondPerson(stripFinalPunctuation(matchText(SUPPORT, sentence)!)) : null;
    const found = ACTION.exec(sentence);
    // "…, otherwise I'll slide back": the consequence they fear, not a step they will take.
    // Nor is something they say they say ("…and say 'I will check later'"): quoted words are not their plan.
    const before = found ? sentence.slice(0, found.index) : '';
    const quoted = ((before.match(/(?:^|\s)['"‘“]/g) ?? []).length) > ((before.match(/[^\s]['"’”](?=[\s.,!?])/g) ?? []).length);
    const actionMatch = found && (/\b(?:otherwise|or else|if not|or i'?ll)\s*,?\s*$/i.test(before) || quoted) ? null : found;
    let what = '';
    if (actionMatch && !/^(?:know|see|notice|measure|track|count|log|record|tally|keep (?:a )?(?:list|log|tally|count))\b/i.test(sentence.slice(actionMatch.index + actionMatch[0].length))) {
      what = toSecondPerson(stripFinalPunctuation(shorten(actionWhat(sentence.slice(actionMatch.index + actionMatch[0].length)), 20)));
    } else if (expected && !byWhen && !measure && !support && sentence.split(' ').length >= 4 && !sentence.trim().endsWith('?') && !NOT_A_STEP.test(sentence)) {
      what = lowerFirst(toSecondPerson(stripFinalPunctuation(shorten(stripLeadingFiller(sentence), 20))));
    }
    if (!what && !byWhen && !measure && !support) continue;
    // "I'll go sit down with Ray in person Friday before noon": a day inside the step is its when.
    const when = byWhen ?? (what ? dayInStep(what) : null);
    const last = actions[actions.length - 1];
    // A sentence that only adds details belongs to the action just named.
    if (!what && last) {
      last.byWhen ??= when;
      last.measure ??= measure;
      last.support ??= support;
      last.quote = `${last.quote} ${sentence}`;
      continue;
    }
    // Ahead of the plan step only a dated step or an explicit measure counts: "I'll ..." alone is everyday talk there.
    if (strict && !when && !measure) continue;
    if (strict && !what && !DETAIL_START.test(stripLeadingFiller(sentence))) continue;
    // "Every Thursday meeting. I will write in my notebook…": details said first belong to the action that follows.
    if (what && last && !last.what && last.seq === seq && last.quote === sentences[sentences.indexOf(sentence) - 1]) {
      actions[actions.length - 1] = { what, byWhen: when ?? last.byWhen, support: support ?? last.support, measure: measure ?? last.measure, quote: `${last.quote} ${sentence}`, seq };
      continue;
    }
    actions.push({ what, byWhen: when, support, measure, quote: sentence, seq });
  }
  return actions.slice(0, 3);
}

/**
 * The "what" of an action stops where its measure starts: "talk to Dev by Thursday and I'll know it
 * went ok if …" → "talk to Dev by Thursday". The measure is kept apart, so no clause is said twice.
 */
export function actionWhat(rest: string): string {
  const text = rest.trim();
  const cut = MEASURE_START.exec(text);
  if (!cut || cut.index === 0) return text;
  const head = text.slice(0, cut.index).replace(/[\s,;:—–-]+$/u, '').replace(/\s+(?:and|so|then|,)$/i, '').replace(/[\s,;:]+$/u, '');
  return splitOnSpaces(head).length >= 2 ? head : text;
}

/** Where a measure clause begins inside an action sentence ("… and I'll know it went ok if …", "…, so that …"). */
const MEASURE_START = /(?:,\s*|\s+)(?:(?:and|so|then)\s+)?(?:i(?:'ll| will| would|'d) know\b|progress (?:=|is|will be|would be|shows)|(?:and )?(?:i(?:'ll| will) )?(?:count|track|measure)(?:ing)? (?:how|whether|if|the)\b|so that\b|which (?:means|shows)\b|the (?:sign|measure) (?:will|would) be\b)/i;

/** A measure named in so many words ("progress = …", "I'll know because …", "I'll count …", "aiming for zero …"). */
const EXPLICIT_MEASURE = /\b(?:progress (?:=|is|will be|would be|shows (?:as|in)|looks like)|(?:the )?measure (?:is|will be|=)|i(?:'ll| will| would|'d) know (?:(?:that )?(?:it's|it is|it|this|that)(?: (?:went|was|has gone|has worked|worked|is))? ?(?:working|done|ok|okay|well|fine|right|better|a success|successful)? )?(?:because|when|if|by)|i(?:'ll| will| can)? ?(?:count|track|log|measure|record|tally)(?:ing)?\b|aim(?:ing)? for (?:zero|no|fewer|less|at least|under|\d+)\b|target (?:is|=|of)|(?:fewer|less|more) [a-z ]{1,30}? (?:on|each|per|every|a) (?:\w+days?|week|month|shift|sprint|service|night)\b)\s*/i;
/** A details-only sentence ahead of the plan step must open like one ("Starting Friday", "By the 14th", "I'll track …"). */
const DETAIL_START = /^(?:start\w*|from|by|before|on|next|this|tomorrow|in|within|i(?:'ll| will| can)|track\w*|count\w*|progress|measure\w*|aim\w*|first|then|and)\b/i;

const COMMITMENT = /^committed\b|\b(?:i(?:'m| am) (?:fully |really |totally |very |100% |completely )?committed|i(?:'ll| will) do it,? though|i commit|i(?:'ll| will) (?:definitely |really )?do (?:it|this|that|them)|count on (?:me|it)|i promise|(?:i'm|i am) (?:all )?in\b|100 ?%|absolutely|definitely|i(?:'m| am) (?:going to|gonna) do (?:it|this)|i(?:'m| am) (?:ready|determined|serious)|i (?:really )?mean (?:it|to)|yes,? i(?:'ll| will| am))\b/i;
const HALF_COMMITMENT = /\b(?:i(?:'ll| will) try|probably|i guess|maybe|kind of|sort of|i hope so|we'll see)\b/i;

/** A commitment said in so many words, trusted before the challenge step asks for it. */
const EXPLICIT_COMMITMENT = /^committed\b|\b(?:i(?:'m| am) (?:fully |really |totally |very |100% |completely )?committed|i commit\b|count on me|i promise|i(?:'ll| will) do it,? though|i(?:'m| am) (?:going to|gonna) do (?:it|this))/i;

/** Commitment to the plan; a hedge ("I'll try, I guess") is kept but marked as such. */
export function findCommitment(text: string, seq: number, expected: boolean, strict = false): Slot | null {
  const sentences = splitSentences(text);
  for (const sentence of sentences) {
    if (strict) {
      if (EXPLICIT_COMMITMENT.test(sentence)) return { text: lowerFirst(toSecondPerson(stripFinalPunctuation(stripLeadingFiller(sentence)))) || 'you are committed', quote: sentence, seq };
      continue;
    }
    if (COMMITMENT.test(sentence) || (expected && /^(?:yes|yeah|yep|sure|ok|okay|i am|very)\b/i.test(sentence.trim()))) {
      return { text: lowerFirst(toSecondPerson(stripFinalPunctuation(stripLeadingFiller(sentence)))) || 'you are committed', quote: sentence, seq };
    }
    if (expected && HALF_COMMITMENT.test(sentence)) {
      return { text: `a tentative yes: ${toSecondPerson(stripFinalPunctuation(sentence))}`, quote: sentence, seq };
    }
  }
  // Asked how committed they are, a plain answer is the commitment in their words ("Next Monday, the
  // 3rd. I will write idea on Sunday evening…"): the question is not asked again in other words.
  // Only a question, a no or a don't-know is no commitment.
  if (expected) {
    const answer = sentences.find((sentence) => !sentence.trim().endsWith('?') && contentWords(sentence).length >= 2 && !refuses(sentence));
    if (answer) return { text: lowerFirst(toSecondPerson(stripFinalPunctuation(stripLeadingFiller(answer)))), quote: answer, seq };
  }
  return null;
}

/** First words of an answer that commits to nothing ("not really", "nah", "idk"). */
const NO_FIRST: ReadonlySet<string> = new Set(['no', 'not', 'nope', 'nah', 'never', 'idk', 'dunno', 'unsure', 'hardly']);
/** After "I": holding back ("I don't know", "I doubt it", "I can't say"). */
const HOLDS_BACK: ReadonlySet<string> = new Set(['dont', 'doubt', 'cant', 'wont']);

function refuses(sentence: string): boolean {
  const [first, second, third] = lexiconText(sentence).split(' ');
  if (first === undefined || NO_FIRST.has(first)) return true;
  if (first === 'i' && second !== undefined && HOLDS_BACK.has(second)) return true;
  // "I'm not sure", "I am not"
  return (first === 'im' && second === 'not') || (first === 'i' && second === 'am' && third === 'not');
}

const NUMBER_WORDS: Record<string, number> = { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const SCALE_NUMBER = '(\\d{1,2}(?:\\.5)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)';

/** Confidence on the 0–10 scale ("about a 7", "seven out of ten", "8/10"); null when none was given. */
export function findConfidence(text: string, expected: boolean, strict = false): number | null {
  const lower = normalize(text);
  if (strict) {
    const match = new RegExp(`\\b${SCALE_NUMBER}\\s*(?:/|out of|from|of)\\s*(?:10|ten)\\b|\\bconfiden\\w*\\s*(?:is |at |of |about |around |maybe |=|:)?\\s*(?:an? )?${SCALE_NUMBER}\\b`).exec(lower);
    const raw = match?.[1] ?? match?.[2];
    if (!raw) return null;
    const value = raw in NUMBER_WORDS ? NUMBER_WORDS[raw]! : Number(raw);
    return Number.isFinite(value) && value >= 0 && value <= 10 ? value : null;
  }
  // The number named with the word "confidence" first: "I'll do a ten-minute debrief. Confidence seven." is a 7.
  const patterns = [
    new RegExp(`\\b${SCALE_NUMBER}\\s*(?:/|out of|from|of)\\s*(?:10|ten)\\b`),
    new RegExp(`\\bconfiden\\w*[^.?!]*?\\b${SCALE_NUMBER}\\b`),
    new RegExp(`\\b(?:about|around|maybe|probably|roughly|say|solid|honestly|a)\\s+(?:an?\\s+)?${SCALE_NUMBER}\\b(?![\\s-]*(?:minutes?|mins?|hours?|days?|weeks?|months?|years?|people|%|percent))`),
    new RegExp(`\\b(?:i'd say|i would say|i'm at|i am at|it's|its)\\s+(?:an?\\s+)?${SCALE_NUMBER}\\b`),
  ];
  if (expected) patterns.push(new RegExp(`^(?:\\w+\\s+){0,3}${SCALE_NUMBER}\\b`));
  for (const pattern of patterns) {
    const match = pattern.exec(lower);
    if (!match) continue;
    const raw = match[1]!;
    const value = raw in NUMBER_WORDS ? NUMBER_WORDS[raw]! : Number(raw);
    if (Number.isFinite(value) && value >= 0 && value <= 10) return value;
  }
  return null;
}

const OBSTACLE = /\b(?:i(?:'ll| will| might| would| may| could)(?: just| probably| likely| totally| still| end up)? (?:cave|give in|crack|fold|revert|slip|let it slide|drop it|go back to|chicken out|bottle it|bottle out|back out|back down|wimp out|lose my nerve|get cold feet|put it off|avoid it|avoid (?:him|her|them|the conversation)|water it down|soften it|make it a (?:\w+ )?chat|talk myself out of it|forget|not (?:do|follow through|get round to))|(?:i'm|i am) (?:scared|afraid|worried) i(?:'ll| will| might)|(?:biggest |main |real )?risk is|tell myself just this once|just this once|get(?:s|ting)? in the way|obstacles?|risks?|derail\w*|the hard(?:est)? part|what could stop me|if i get (?:busy|swamped|pulled)|fall(?:ing)? back into|old habits?|tempt\w*|distract\w*|slip\w*|the danger|excuses?|(?:my|the) worry is|could go wrong|might (?:not|fail|forget)|i (?:tend|usually) to|crunch time|urgent (?:stuff|things|requests)|fires? (?:come|pop) up|when things get (?:busy|hectic))\b/i;

/** Obstacles: what is likely to get in the way of the plan. */
const OBSTACLE_HEADING = /^(?:(?:the )?(?:biggest |main |real )?(?:obstacle|risk|problem)s?(?: is)?|what(?:'ll| will| would| might| could)? (?:get|gets|is getting) in the way(?: is)?|what could go wrong)\s*[.?!:…,-]*\s*/i;

export function findObstacles(text: string, seq: number, expected: boolean): Slot[] {
  const obstacles: Slot[] = [];
  for (const sentence of splitSentences(text)) {
    if (OBSTACLE.test(sentence) || (expected && sentence.split(' ').length >= 4)) {
      // "What will get in the way... the brand managers": the heading repeats the question, the rest is the obstacle.
      const body = stripLeadingFiller(sentence).replace(OBSTACLE_HEADING, '').trim();
      if (body.split(' ').length < 2) continue;
      obstacles.push({ text: lowerFirst(toSecondPerson(stripFinalPunctuation(shorten(body, 22)))), quote: sentence, seq });
    }
  }
  return obstacles.slice(0, 2);
}

const CHECK_IN = /\b(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:s| (?:mornings|afternoons|evenings|nights))\b|every (?:other )?(?:\d+ |two |three |couple of |few )?(?:days?|weeks?|months?|monday|tuesday|wednesday|thursday|friday|morning|evening|sprint)s?|(?:bi-?)?weekly|fortnightly|monthly|daily|once (?:a|every) (?:week|fortnight|month)|twice a (?:week|month)|each (?:monday|tuesday|wednesday|thursday|friday|week|sprint|month)|on (?:mondays|tuesdays|wednesdays|thursdays|fridays))(?:[ ,]+(?:on|at|every) (?:\w+days?|\d{1,2}(?::\d{2})?\s?(?:am|pm)?|the \w+|mornings?|afternoons?))?/i;

/** Words that make a rhythm a check-in rather than the rhythm of the action itself ("every Friday I'll block…"). */
const CHECK_IN_CONTEXT = /\bcheck(?:ing)?[- ]?ins?\b|\bcatch(?:ing)? up\b|\btouch(?:ing)? base\b|\bfollow(?:ing)?[- ]up\b|\breview (?:it|this|progress|how)\b|\b(?:talk|meet|speak) (?:again|with you)\b|\bcheck on (?:it|this|progress)\b/i;

/** The check-in rhythm the client names ("every two weeks", "weekly on Mondays"); `needsContext` asks for a check-in word too. */
export function findCheckIn(text: string, seq: number, needsContext = false): Slot | null {
  for (const sentence of splitSentences(text)) {
    if (needsContext && !CHECK_IN_CONTEXT.test(sentence)) continue;
    const match = CHECK_IN.exec(sentence);
    if (match) return { text: match[0].trim(), quote: sentence, seq };
  }
  return null;
}

/** Support as said inside a clause: "My manager" and "Support from Sue" lowered, a name ("Declan") kept. */
export function supportWords(support: string): string {
  const first = support.split(' ')[0]!.toLowerCase();
  return NO_NAME_OPENERS.has(first) ? lowerFirst(support) : support;
}

/** The first words of a support that are no name (how the readers and the client begin one). */
const NO_NAME_OPENERS: ReadonlySet<string> = new Set(['support', 'with', 'get', 'getting', 'ask', 'asking', 'need', 'my', 'your', 'our', 'the', 'a', 'an', 'pair', 'pairing', 'help', 'some', 'maybe', 'probably', 'prob', 'his', 'her', 'their']);
