import nlp from 'compromise';

/**
 * Turns the client's words into the coach's voice ("I feel like I'm drowning" → "you feel like
 * you're drowning", "you said" → "I said") so reflections mirror the client without parroting.
 * compromise tags each word, which lets us tell subject "you" (→ "I") from object "you" (→ "me")
 * and fix the verb that agrees with the swapped pronoun ("I was" → "you were").
 */

interface Unit {
  pre: string;
  text: string;
  post: string;
  lower: string;
  tags: Set<string>;
}

interface TermJson {
  text: string;
  tags: string[];
}

const SIMPLE_SWAPS: Record<string, string> = {
  i: 'you',
  me: 'you',
  my: 'your',
  mine: 'yours',
  myself: 'yourself',
  we: 'you',
  us: 'you',
  our: 'your',
  ours: 'yours',
  ourselves: 'yourselves',
  your: 'my',
  yours: 'mine',
  yourself: 'myself',
  yourselves: 'ourselves',
  "i'm": "you're",
  "i've": "you've",
  "i'd": "you'd",
  "i'll": "you'll",
  "we're": "you're",
  "we've": "you've",
  "we'd": "you'd",
  "we'll": "you'll",
  "you're": "I'm",
  "you've": "I've",
  "you'd": "I'd",
  "you'll": "I'll",
  im: "you're",
  ive: "you've",
};

const PREPOSITIONS = new Set(['to', 'for', 'with', 'at', 'about', 'from', 'by', 'of', 'on', 'like', 'than', 'without', 'around', 'behind', 'against', 'toward', 'towards']);
const SKIPPABLE = new Set(['really', 'just', 'also', 'always', 'never', 'still', 'often', 'sometimes', 'not', 'actually', 'honestly', 'probably', 'definitely', 'usually', 'even']);

const TOKEN = /([A-Za-z]+(?:['\u2019\u02bc][A-Za-z]+)*)|([^A-Za-z]+)/g;

/** Words a "you" before them makes a subject of: auxiliaries, modals and common verbs. */
const VERB_AFTER_YOU = new Set(
  "are were was am can could will would should shall might may must do does did have has had don't didn't can't won't wouldn't couldn't shouldn't haven't hasn't aren't weren't need want know think said say says told tell get got see make keep feel felt seem seemed asked ask mean meant like liked made help helped understand understood wanted needed gave give took take look looked sound sounded".split(' '),
);
const NOT_VERB_AFTER_YOU = new Set('and or but to for with at in on about from the a an that this it so too all guys both know-how'.split(' '));

/**
 * Splits `text` into word units with the text between them (kept verbatim), tagging each word
 * with compromise only when a "you" needs telling apart (subject or object) and the next word is
 * not one our short lists already know; everything else is pure string work, which keeps a turn
 * well under a millisecond here.
 */
function toUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let pending = '';
  for (const match of text.matchAll(TOKEN)) {
    if (match[2] !== undefined) {
      const last = units[units.length - 1];
      if (last) last.post += match[2];
      else pending += match[2];
      continue;
    }
    const word = match[1]!;
    units.push({ pre: pending, text: word, post: '', lower: word.toLowerCase().replace(/[\u2019\u02bc]/g, "'"), tags: new Set() });
    pending = '';
  }
  if (pending && units.length === 0) units.push({ pre: '', text: '', post: pending, lower: '', tags: new Set() });
  const needsTags = units.some((unit, index) => unit.lower === 'you' && units[index + 1] && !VERB_AFTER_YOU.has(units[index + 1]!.lower) && !NOT_VERB_AFTER_YOU.has(units[index + 1]!.lower));
  if (needsTags) tagWithCompromise(text, units);
  for (const unit of units) {
    if (VERB_AFTER_YOU.has(unit.lower)) unit.tags.add('Verb');
    if (/^(?:can|could|will|would|should|shall|might|may|must)$/.test(unit.lower)) unit.tags.add('Modal');
    if (/^(?:am|are|is|was|were|do|does|did|have|has|had)$/.test(unit.lower)) unit.tags.add('Auxiliary');
  }
  return units;
}

/** Copies compromise's part-of-speech tags onto our units, word by word, in order. */
function tagWithCompromise(text: string, units: Unit[]): void {
  const sentences = nlp(text).json({ terms: { text: true, tags: true } }) as { terms: TermJson[] }[];
  let cursor = 0;
  for (const sentence of sentences) {
    for (const term of sentence.terms) {
      if (term.text === '') continue;
      const lower = term.text.toLowerCase().replace(/[\u2019\u02bc]/g, "'").replace(/[^a-z']/g, '');
      for (let index = cursor; index < Math.min(units.length, cursor + 4); index++) {
        if (units[index]!.lower === lower) {
          for (const tag of term.tags) units[index]!.tags.add(tag);
          cursor = index + 1;
          break;
        }
      }
    }
  }
}

/** The subject a verb at `index` agrees with: the nearest pronoun before it (skipping adverbs) or just after it (questions). */
function subjectOf(units: Unit[], index: number): string | null {
  for (let back = index - 1; back >= 0 && back >= index - 3; back--) {
    const word = units[back]!.lower;
    if (SKIPPABLE.has(word)) continue;
    return word;
  }
  return null;
}

function isVerbLike(unit: Unit | undefined): boolean {
  if (!unit) return false;
  return unit.tags.has('Verb') || unit.tags.has('Modal') || unit.tags.has('Auxiliary') || unit.tags.has('Copula');
}

function swapYou(units: Unit[], index: number): string {
  const previous = units[index - 1];
  let next = units[index + 1];
  let lookahead = index + 1;
  while (next && SKIPPABLE.has(next.lower) && lookahead < index + 3) next = units[++lookahead];
  if (previous && PREPOSITIONS.has(previous.lower) && !isVerbLike(next)) return 'me';
  if (isVerbLike(next) && !(next?.tags.has('Gerund') ?? false)) return 'I';
  // "Can you help", "are you sure": a question-inverted subject.
  if (previous && (previous.tags.has('Modal') || previous.tags.has('Auxiliary') || previous.tags.has('Copula')) && index - 1 === 0) return 'I';
  return 'me';
}

function swapVerb(units: Unit[], index: number): string | null {
  const word = units[index]!.lower;
  const subject = subjectOf(units, index);
  const after = units[index + 1]?.lower ?? null;
  const firstPerson = subject === 'i' || after === 'i';
  const secondPerson = subject === 'you' || after === 'you';
  switch (word) {
    case 'am':
      return 'are';
    case "am't":
      return "aren't";
    case 'was':
      return firstPerson ? 'were' : secondPerson ? 'was' : null;
    case "wasn't":
      return firstPerson ? "weren't" : null;
    case 'were':
      return secondPerson ? 'was' : null;
    case "weren't":
      return secondPerson ? "wasn't" : null;
    case 'are':
      return secondPerson ? 'am' : null;
    case "aren't":
      return secondPerson ? 'am not' : null;
    default:
      return null;
  }
}

function matchCase(original: string, replacement: string, sentenceStart: boolean): string {
  if (replacement === 'I' || replacement.startsWith("I'")) return replacement;
  if (sentenceStart && /^[A-Z]/.test(original)) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/**
 * Swaps first and second person in `text`, keeping everything else (punctuation, spacing, names)
 * as the client wrote it. Applying it twice gives back the original wording in the common cases,
 * which lets the statement be rendered in the client's own voice from the coach's rendering.
 */
export function swapPerson(text: string): string {
  const cached = SWAPPED.get(text);
  if (cached !== undefined) return cached;
  const swapped = swapPersonUncached(text);
  if (SWAPPED.size >= SWAP_CACHE_SIZE) SWAPPED.delete(SWAPPED.keys().next().value!);
  SWAPPED.set(text, swapped);
  return swapped;
}

/** Swapped texts by input: a turn swaps the same slot texts again (statement drafts, summaries); bounded. */
const SWAPPED = new Map<string, string>();
const SWAP_CACHE_SIZE = 2000;

function swapPersonUncached(text: string): string {
  if (!/\b(?:i|me|my|mine|myself|we|us|our|ours|ourselves|you|your|yours|yourself|yourselves|am|im|ive)\b/i.test(text.replace(/[\u2019\u02bc]/g, "'"))) return text;
  const units = toUnits(text);
  let output = '';
  let sentenceStart = true;
  units.forEach((unit, index) => {
    let replacement: string | null = null;
    // "I'd like us to …": the client and the coach together, so "us" stays ("you'd like us to …").
    if ((unit.lower === 'us' || unit.lower === 'we') && includesCoach(units, index)) replacement = unit.lower === 'us' ? 'us' : null;
    else if (unit.lower === 'you') replacement = units[index - 1]?.lower === 'thank' ? null : swapYou(units, index);
    else if (unit.lower in SIMPLE_SWAPS) replacement = SIMPLE_SWAPS[unit.lower]!;
    else replacement = swapVerb(units, index);
    // A first-person subject after a verb that now reads "you" ("am I" → "are you").
    const rendered = replacement === null ? unit.text : matchCase(unit.text, replacement, sentenceStart);
    output += unit.pre + rendered + unit.post;
    sentenceStart = /[.!?]\s*$/.test(unit.post);
  });
  return output;
}

/** "I'd like us to", "can we", "shall we", "let us": a "we" that means the client and the coach. */
function includesCoach(units: Unit[], index: number): boolean {
  const before = units.slice(Math.max(0, index - 3), index).map((unit) => unit.lower);
  if (units[index]!.lower === 'us') return before.some((word) => /^(?:i'd|i|let|want|like|love|help)$/.test(word)) && before.some((word) => /^(?:i'd|i|let)$/.test(word));
  const previous = before[before.length - 1];
  return previous === 'can' || previous === 'could' || previous === 'shall' || previous === 'should' ? index <= 2 : false;
}

/** The client's words in the coach's voice, for reflections: "I'm stuck with my team" → "you're stuck with your team". */
export function toSecondPerson(text: string): string {
  return swapPerson(text);
}

/** The coach's rendering back in the client's voice, for the partnership statement. */
export function toFirstPerson(text: string): string {
  return swapPerson(text);
}

const OWN_FRAMING = /^(?:(?:you|i)(?:'d| would) (?:really )?(?:like|love) (?:to|us to)|(?:you|i) (?:really )?(?:want|need|hope|wish|plan) (?:to|us to)|(?:you're|i'm|you are|i am) (?:hoping|looking|trying|wanting) to|(?:to )?(?:talk|think|chat) (?:about|through)|(?:get )?(?:some )?help (?:with|on)|(?:to )?focus on)\s+/i;

/**
 * "You'd like to focus on …" for a topic, "you'd like to …" for an action, without the client's
 * own "I'd like to" inside it ("you'd like to focus on you'd like to get ready…").
 */
export function wishClause(text: string): string {
  const cached = WISHES.get(text);
  if (cached !== undefined) return cached;
  const wish = wishClauseUncached(text);
  if (WISHES.size >= SWAP_CACHE_SIZE) WISHES.delete(WISHES.keys().next().value!);
  WISHES.set(text, wish);
  return wish;
}

const WISHES = new Map<string, string>();

function wishClauseUncached(text: string): string {
  let clause = text.trim();
  for (let guard = 0; guard < 3 && OWN_FRAMING.test(clause); guard++) clause = clause.replace(OWN_FRAMING, '');
  if (!clause) return text;
  const first = (nlp(clause).terms().json() as { terms: { tags: string[] }[] }[])[0]?.terms[0]?.tags ?? [];
  const verb = first.includes('Verb') && !first.includes('Gerund') && !first.includes('Noun');
  return verb ? `you'd like to ${clause}` : `you'd like to focus on ${clause}`;
}
