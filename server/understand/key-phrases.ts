import nlp from 'compromise';

/**
 * The few noun phrases that carry a message ("my direct reports", "the weekly status report"):
 * used to ground reflections and summaries in the client's own words. compromise tags the words;
 * a plain `#Adjective? #Noun+` match costs a fraction of its full noun-phrase chunker, and long
 * messages are cut to their first sentences to keep a turn well under ten milliseconds.
 */

const PRONOUN_ONLY = /^(?:i|me|my|our|your|their|his|its|you|we|us|they|them|it|this|that|he|she|him|her|something|anything|everything|nothing|someone|everyone|anyone|thing|things|lot|bit|way|time|kind|sort|stuff|week|day|today|couple)$/i;
const MAX_CHARACTERS = 400;

export function findKeyPhrases(text: string, limit = 5): string[] {
  const phrases = (nlp(text.slice(0, MAX_CHARACTERS)).match('#Adjective? #Noun+').not('#Pronoun').out('array') as string[])
    .map((phrase) => phrase.replace(/[.,!?;:"]+/g, '').trim().toLowerCase())
    .filter((phrase) => phrase.length > 2 && !PRONOUN_ONLY.test(phrase));
  const unique = [...new Set(phrases)];
  // Longer phrases first: "weekly status report" says more than "report".
  return unique.sort((first, second) => second.split(' ').length - first.split(' ').length).slice(0, limit);
}
