/**
 * Chat spellings put right: "im", "dont", "thats", "u" read as the words they stand for, both when
 * the client's words are swapped into the coach's voice and when a sentence is read for its kind.
 */

/** Chat spellings and their standard forms: "im", "dont", "thats" read as the words they stand for. */
const CHAT_FORMS: Record<string, string> = {
  dont: "don't",
  cant: "can't",
  wont: "won't",
  doesnt: "doesn't",
  didnt: "didn't",
  isnt: "isn't",
  wasnt: "wasn't",
  arent: "aren't",
  werent: "weren't",
  havent: "haven't",
  hasnt: "hasn't",
  hadnt: "hadn't",
  shouldnt: "shouldn't",
  couldnt: "couldn't",
  wouldnt: "wouldn't",
  thats: "that's",
  whats: "what's",
  theres: "there's",
  youre: "you're",
  youve: "you've",
  wanna: 'want to',
  gonna: 'going to',
  gotta: 'have to',
  cuz: 'because',
  dunno: "don't know",
  coz: 'because',
  u: 'you',
};

/** Words after which "id" is "I'd" and not an ID: "id rather", "id like". */
const AFTER_ID = new Set('like love rather say be have want need prefer never probably really just hate go do'.split(' '));
/** Words after which "ur" is "you're" and not "your": "ur right", "ur not". */
const AFTER_UR = new Set('right wrong not going so too very doing being a an just welcome the always never kidding'.split(' '));

/** The standard spelling of a chat word at `index`, given the word after it; null when it is standard already. */
export function chatForm(lower: string, next: string | undefined): string | null {
  if (lower in CHAT_FORMS) return CHAT_FORMS[lower]!;
  if (lower === 'id' && next !== undefined && AFTER_ID.has(next)) return "i'd";
  if (lower === 'ur') return next !== undefined && AFTER_UR.has(next) ? "you're" : 'your';
  return null;
}

/** Lower-case, straight quotes, chat spellings put right ("im" → "i'm", "dont" → "don't"). */
export function standardWords(text: string): string {
  const lowered = text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, ' ').trim();
  const tokens = lowered.split(' ');
  return tokens
    .map((token, index) => {
      const bare = token.replace(/[^a-z0-9']/g, '');
      const tail = token.slice(token.indexOf(bare) + bare.length);
      const form = bare === 'im' ? "i'm" : bare === 'ive' ? "i've" : chatForm(bare, tokens[index + 1]?.replace(/[^a-z']/g, ''));
      return form === null ? token : form + tail;
    })
    .join(' ');
}
