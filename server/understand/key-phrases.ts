import nlp from 'compromise';

/**
 * The few noun phrases that carry a message ("my direct reports", "the weekly status report"):
 * used to ground reflections and summaries in the client's own words. compromise tags the words;
 * a plain `#Adjective? #Noun+` match costs a fraction of its full noun-phrase chunker, and long
 * messages are cut to their first sentences to keep a turn well under ten milliseconds.
 */

const PRONOUN_ONLY = /^(?:i|me|my|our|your|their|his|its|you|we|us|they|them|it|this|that|he|she|him|her|something|anything|everything|nothing|someone|everyone|anyone|thing|things|lot|bit|way|time|kind|sort|stuff|week|day|today|couple)$/i;
const MAX_CHARACTERS = 400;

/** A phrase without the punctuation compromise leaves on its words. */
function tidyPhrase(phrase: string): string {
  return phrase.replace(/[.,!?;:"]+/g, '').trim();
}

export function findKeyPhrases(text: string, limit = 5): string[] {
  const phrases = (nlp(text.slice(0, MAX_CHARACTERS)).match('#Adjective? #Noun+').not('#Pronoun').out('array') as string[])
    .map((phrase) => tidyPhrase(phrase).toLowerCase())
    .filter((phrase) => phrase.length > 2 && !PRONOUN_ONLY.test(phrase));
  const unique = [...new Set(phrases)];
  // Longer phrases first: "weekly status report" says more than "report".
  return unique.sort((first, second) => second.split(' ').length - first.split(' ').length).slice(0, limit);
}

/**
 * Noun phrases with the word that anchors them ("your second shop", "two shops", "the weekly
 * status report"), as written: what a short reflection can name when the client's clause cannot be
 * echoed. Only a whole phrase counts: one that ends where the client's clause ends (a comma, a full
 * stop), so "the concrete" of "the concrete pour" and "that people" of "that people see" are left
 * out. A bare noun ("bakery") is left out too: said back alone it reads as broken English. Times
 * and dates ("this week", "two years") are not what the client is talking about.
 */
export function findAnchoredPhrases(text: string, limit = 3, minWords = MIN_WORDS): string[] {
  const doc = nlp(text.slice(0, MAX_CHARACTERS));
  const matches = doc.match(ANCHORED).json() as { text: string; terms: { text: string; post: string; tags: string[] }[] }[];
  // After a preposition a phrase is often half of an idiom ("off the table", "in the way"): not the client's topic.
  const afterPreposition = new Set((doc.match(`(#Preposition|#Particle) ${ANCHORED}`).json() as { text: string }[]).map((match) => tidyPhrase(match.text.split(' ').slice(1).join(' '))));
  const phrases = matches
    .filter((match) => {
      const first = match.terms[0];
      const last = match.terms[match.terms.length - 1];
      if (!first || !last || POINTING.has(first.text.toLowerCase())) return false;
      // A capital inside is a name or a title ("the road Jack" of a song): not a phrase to name back.
      if (match.terms.slice(1).some((term) => term.text.charAt(0) !== term.text.charAt(0).toLowerCase())) return false;
      // Whole: it ends at a comma or a full stop; not a time or a date.
      return [...last.post].some((char) => PHRASE_ENDS.includes(char)) && !match.terms.some((term) => term.tags.includes('Date'));
    })
    .map((match) => tidyPhrase(match.text))
    .filter((phrase) => !afterPreposition.has(phrase))
    .filter((phrase) => phrase.split(' ').length >= minWords && phrase.split(' ').length <= 6 && !PRONOUN_ONLY.test(phrase.split(' ').pop() ?? ''));
  const unique = [...new Set(phrases)];
  return unique.sort((first, second) => second.split(' ').length - first.split(' ').length).slice(0, limit);
}

/** A phrase worth naming has a word beside its determiner and its noun ("the weekly status report", "your old manager"); "the result" says nothing. */
const MIN_WORDS = 3;
const ANCHORED = '(#Determiner|#Possessive|#Value) #Adjective? #Adjective? #Noun+';
/** Words that point rather than anchor ("that people see…" is a clause, not a phrase). */
const POINTING = new Set(['that', 'this', 'these', 'those', 'which', 'what', 'whatever', 'any', 'every', 'each', 'no']);
const PHRASE_ENDS = ',.;!?';

/** A noun phrase that is the subject of a verb ("the night shifts are…", "my team lead keeps…"): whole, since the verb ends it. */
const SUBJECT = '(#Determiner|#Possessive) #Adjective? #Adjective? #Noun+ (#Verb|#Copula|#Auxiliary|#Modal)';

/**
 * Noun phrases that open a clause as its subject, as written, without the verb after them: "the
 * night shifts" of "the night shifts are killing me". A phrase after a preposition ("in the way
 * it is") is half of an idiom, and a pointing word ("that people see") opens a clause, not a
 * phrase: both are left out, as in `findAnchoredPhrases`.
 */
export function findSubjectPhrases(text: string, limit = 3, minWords = MIN_WORDS): string[] {
  const doc = nlp(text.slice(0, MAX_CHARACTERS));
  const matches = doc.match(SUBJECT).json() as { terms: { text: string; post: string; tags: string[] }[] }[];
  const afterPreposition = new Set((doc.match(`(#Preposition|#Particle) ${SUBJECT}`).json() as { terms: { text: string }[] }[]).map((match) => tidyPhrase(match.terms.slice(1, -1).map((term) => term.text).join(' '))));
  const phrases = matches
    // A "verb" that ends its clause is often the last noun of a compound read as a verb ("the concrete pour,"): not a subject and its verb.
    .filter((match) => ![...(match.terms[match.terms.length - 1]?.post ?? '')].some((char) => PHRASE_ENDS.includes(char)))
    .map((match) => match.terms.slice(0, -1))
    .filter((terms) => {
      const first = terms[0];
      const last = terms[terms.length - 1];
      if (!first || !last || POINTING.has(first.text.toLowerCase())) return false;
      // A comma inside is two phrases; a capital inside is a name or a title.
      if (terms.slice(0, -1).some((term) => [...term.post].some((char) => PHRASE_ENDS.includes(char)))) return false;
      if (terms.slice(1).some((term) => term.text.charAt(0) !== term.text.charAt(0).toLowerCase())) return false;
      // "the smoking's" (a contraction), "the stereotype-" (a cut), "your like backup" (a filler): not a whole phrase.
      return !terms.some((term) => term.tags.includes('Date') || term.tags.includes('Pronoun') || term.tags.includes('Verb') || term.text.includes("'") || term.text.includes('’') || term.text.includes('-') || term.text.toLowerCase() === 'like');
    })
    .map((terms) => tidyPhrase(terms.map((term) => term.text).join(' ')))
    .filter((phrase) => !afterPreposition.has(phrase))
    .filter((phrase) => phrase.split(' ').length >= minWords && phrase.split(' ').length <= 6 && !PRONOUN_ONLY.test(phrase.split(' ').pop() ?? ''));
  return [...new Set(phrases)].slice(0, limit);
}
