import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lexiconText } from '../../server/understand/lexicon.js';
import { cleanText, compileCleanLexicons, foldForMatching, originalOf, originalSpan, type CleanResult } from '../../server/understand/clean.js';
import { CLEAN_LEXICON_FILES, loadCleanLexicons } from '../../server/content/load-clean.js';
import { readLexiconDocument } from '../../server/content/lexicon-files.js';

/**
 * The normaliser (server/understand/clean.ts): every entry's [typed, cleaned] examples, chat
 * written for this test, and properties over real transcribed speech (the client turns of the
 * AnnoMI development conversations): no filler or stutter left, the client's words kept in order,
 * cleaning twice is cleaning once, and every cleaned character maps back to the original.
 */

const lexicons = loadCleanLexicons();
const clean = (text: string, hedges = false) => cleanText(text, lexicons, { hedges });

describe.each(Object.keys(CLEAN_LEXICON_FILES) as (keyof typeof CLEAN_LEXICON_FILES)[])('%s examples', (file) => {
  // A hedge entry's examples are cleaned as words about to be echoed (hedges removed); the others as read.
  const cases = lexicons[file].entries.flatMap((entry) => (entry.data.examples ?? []).map(([input, output]) => [entry.id, input, output, entry.data.stage === 'hedges'] as const));
  it('every entry shows what it does with at least one [typed, cleaned] example', () => {
    expect(lexicons[file].entries.filter((entry) => (entry.data.examples ?? []).length === 0).map((entry) => entry.id)).toEqual([]);
  });
  it.each(cases)('%s: %j → %j', (_id, input, output, hedges) => {
    const result = clean(input, hedges);
    expect(result.text).toBe(output);
    expect(result.changed).toBe(output !== input);
    expect(clean(output, hedges).text).toBe(output);
  });
});

describe('chat, as people type it', () => {
  it.each([
    ['ok. so whats next', 'Ok. So what\'s next?'],
    ['idk tbh, i guess i just dont have time rn', 'I don\'t know. To be honest, I guess I just don\'t have time right now'],
    ['ur right lol', 'You\'re right'],
    ['can u just give me a framework??', 'Can you just give me a framework?'],
    ['7 i guess', '7 I guess'],
    ['ill try tmrw', 'I\'ll try tomorrow'],
    ['its been a rough week!!!', 'It\'s been a rough week!'],
    ['thx, that helps', 'Thanks, that helps'],
    ['cant do mornings bc of the kids', 'Can\'t do mornings because of the kids'],
    ['i wont be able to', 'I won\'t be able to'],
    ['pls stop asking me that', 'Please stop asking me that'],
    ['hmm... not sure tbh', 'Not sure to be honest'],
    ['i’m done', 'I\'m done'],
    ['my boss is like, always on my back', 'My boss is like, always on my back'],
    ['honestly im kinda burnt out', 'Honestly I\'m kinda burnt out'.replace('kinda', 'kind of')],
    ['we- we need a plan. the the deadline is friday', 'We need a plan. The deadline is Friday'],
    ['whats the point, u know?', 'What\'s the point.'],
    ['I wanna delegate more but idk how', 'I want to delegate more but I don\'t know how'],
    ['wdym', 'What do you mean?'],
    ['jk im fine. gtg', 'Just kidding I\'m fine. Have to go'],
    ['ok\nso whats next', 'Ok\nSo what\'s next?'],
    ['i am agree with u but is difficult for me', 'I am agree with you but is difficult for me'],
    ['Um, can you just, like, give me a framework?', 'Can you just give me a framework?'],
    ['nah. not doing that', 'Nah. Not doing that'],
    ['I’m done', "I'm done"],
    ['  lots   of   space  ', 'Lots of space'],
  ])('%j → %j', (input, output) => {
    expect(clean(input).text).toBe(output);
  });

  it.each([
    'I like it.',
    "It's like a maze.",
    'I mean it.',
    'You know what I want.',
    'I feel ill.',
    'My id card expired.',
    'Do you know?',
    "I know that that's true.",
    'It was so-so.',
    'Mm-hmm.',
    'Uh-uh.',
    "I'm done.",
    'Are we done?',
    'I was like, no way.',
    'I had to re-read it.',
    'My co-workers are stick-thin.',
    "I'd like two.",
    'The company has its own rules.',
    'He lets me work from home.',
    "I'm in the U.S. office.",
    'It was a win-win.',
    'I need an X-ray and a T-shirt.',
    'My mother-in-law had had enough.',
    'No, no, no.',
    'It was like, fine.',
    'I have like no time.',
    'We are like a family.',
    'Ill health kept me off.',
    'I mean well.',
    'I will cause problems if I say it.',
    "What's the root cause?",
    'Things like that.',
  ])('%j stays as it is', (text) => {
    expect(clean(text)).toMatchObject({ text, changed: false, edits: [] });
  });

  it('hedges are kept for reading and removed only from words about to be echoed', () => {
    // "yeah, I guess" is not a clear yes: the reader must still see the hedge.
    expect(clean('Yeah, I guess.').text).toBe('Yeah, I guess.');
    expect(clean('Yeah. It kinda messes things up.').text).toBe('Yeah. It kind of messes things up.');
    expect(clean('Yeah. It kinda messes things up.', true).text).toBe('Yeah. It messes things up.');
    expect(clean("It's kind of an excuse, I guess, cause I could probably make the time.", true).text).toBe("It's an excuse, because I could probably make the time.");
    expect(clean('I guess so.', true).text).toBe('I guess so.');
    expect(clean('What kind of job is it?', true).text).toBe('What kind of job is it?');
  });

  it('a message of nothing but noise cleans to nothing', () => {
    expect(clean('Um.').text).toBe('');
    expect(clean('[laughs]').text).toBe('');
    expect(clean('  ').text).toBe('');
  });
});

describe('the client\'s own words', () => {
  it('a cleaned phrase maps back to what was typed, noise included', () => {
    const result = clean('So, um, I- I want to, like, quit tbh');
    expect(result.text).toBe('So, I want to quit to be honest');
    expect(originalOf(result, 'I want to quit')).toBe('I want to, like, quit');
    expect(originalOf(result, 'to be honest')).toBe('tbh');
    expect(originalOf(result, 'So')).toBe('So');
    expect(originalOf(result, 'nothing like this')).toBeNull();
  });
  it('expansions and capitals point at the typed word', () => {
    const result = clean("idk, i'm tired of it");
    expect(result.text).toBe("I don't know, I'm tired of it");
    expect(originalOf(result, "I don't know")).toBe('idk');
    expect(originalOf(result, "I'm tired")).toBe("i'm tired");
    expect(originalSpan(result, 0, 0)).toEqual({ start: 0, end: 0, text: '' });
  });
  it('every edit names its rule and the original span it replaced', () => {
    const result = clean('I-I like beer [laughs]');
    expect(result.edits.map((edit) => [edit.rule, edit.removed, edit.replacement])).toEqual(
      expect.arrayContaining([
        ['clean-fillers:bracketed-mark', '[laughs]', ''],
        ['clean-restarts:stutter-word', 'I-', ''],
      ]),
    );
  });
});

describe('the lexicons', () => {
  it('the core reads no file, socket, clock or environment', () => {
    const source = readFileSync(new URL('../../server/understand/clean.ts', import.meta.url), 'utf8');
    // compromise reads names in context (pure, no I/O): the only library beside zod.
    expect([...source.matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1])).toEqual(['./spelling-repair.js', 'compromise', 'zod', './lexicon.js']);
    expect(source).not.toMatch(/process\.env|Date\.now|new Date/);
  });
  it('a bad entry is a clear error naming the file and the entry', () => {
    const documents = {
      fillers: readLexiconDocument(CLEAN_LEXICON_FILES.fillers),
      restarts: readLexiconDocument(CLEAN_LEXICON_FILES.restarts),
      spelling: { description: 'd', entries: [{ id: 'x', words: ['u'], replace: 5, match: ['u'], noMatch: ['v'] }] },
    };
    expect(() => compileCleanLexicons(documents)).toThrow(/chat-spelling, entry x/);
  });
  it('matching reads a text exactly as lexiconText does', () => {
    const samples = ["Don't  STOP!!  soooo   tired’", "  I'm – fine… “ok” ", 'ﬁne\tand\nthen', "'cause i-i", 'café au lait'];
    for (const sample of samples) expect(foldForMatching(sample).text).toBe(lexiconText(sample));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aabbooO \n\t\'’-.,!?Éé“”1'.split('')), maxLength: 40 }), (text) => {
        const folded = foldForMatching(text);
        expect(folded.text).toBe(lexiconText(text));
        expect(folded.from.length).toBe(folded.text.length);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Real transcribed speech.

const ANNOMI = new URL('../../../shared/data/annomi-dev-dialogues.jsonl', import.meta.url).pathname;
const annomi: string[] = existsSync(ANNOMI)
  ? readFileSync(ANNOMI, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .flatMap((line) => (JSON.parse(line) as { turns: { role: string; text: string }[] }).turns)
      .filter((turn) => turn.role === 'client')
      .map((turn) => turn.text)
  : [];

/** A fixed sample of real client turns (kept in the test, so it runs without the data folder). */
const REAL_TURNS = [
  'Well, I-- If-if I was getting fallen down drunk or if I drink every night. Um, it\'s not like I get sloppy drunk or anything.',
  'Well, I-I like beer. I like the way it tastes, I like the way it makes me feel. Uh, like when I\'m around friends and it\'s not a problem.',
  'No, I don\'t- I don\'t, uh, really like the idea of taking pills. Uh, as a matter of fact, I don\'t even take aspirin.',
  'Um, per night, uh, like if we go out oh, it\'s a lot. It\'s like I can drink probably like seven or eight drinks like if I\'m going hard.',
  'Yeah. I-I just-- I can\'t shoplift anymore. You know, I got- I got caught again. And uh, you know, I-I got suspended, I got back to school, so I\'m-I\'m uh-- I\'m gonna mess up my whole life here, unless I can stop this.',
  'But I want to be like-- I don\'t want to be like stick-thin, but I really want to be like really healthy and really active.',
  'Is that-- I mean, do you have anything like that?',
  'I mean, I guess a little bit, you know, like-- I mean, she\'s the one that-that has me being here. We\'ve been fighting about it, you know.',
  'So I just like jumped off the stairs of the bus and I was wearing these like stilettos \'cause it was a 90s-themed pub crawl.',
  'Well, I mean, I s-- I-I-I smoke barely a pack a day.',
  'I-it was. A-and it was huge for me cause I\'d never really been a runner.',
  '[laughs] Yeah, I know. It\'s, um, it\'s been a lot, you know?',
];

const FILLER_LEFT = /(?<![\w-])(?:um+|uh+|erm+|hmm+)(?![\w-])|\[[^\]]*\]|--|(?<![\w-])(\w+)-\1(?![\w])/i;
const WORD_PAIRS = /\b(?:bye-bye|so-so|no-no|uh-uh|mm-mm|yeah-yeah|ha-ha|night-night)\b/gi;
const STOP = new Set('like know mean just really kind sort yeah well okay right then that this there what when with have been were they them their your about would could should because cause gonna wanna kinda gotta sorta dunno'.split(' '));

function contentWords(text: string): { word: string; start: number }[] {
  return [...text.matchAll(/[\p{L}’']+/gu)]
    .map((match) => ({ word: lexiconText(match[0]), start: match.index }))
    .filter(({ word }) => word.length >= 4 && !STOP.has(word));
}

function isSubsequence(needles: string[], haystack: string[]): boolean {
  let at = 0;
  for (const word of haystack) if (word === needles[at]) at++;
  return at === needles.length;
}

function checkTurn(result: CleanResult): void {
  // no filler, mark or stutter left
  expect(result.text.replace(WORD_PAIRS, '')).not.toMatch(FILLER_LEFT);
  // cleaning twice is cleaning once
  expect(clean(result.text).text).toBe(result.text);
  // a sentence starts with a capital
  expect(result.text).not.toMatch(/^\p{Ll}/u);
  // the client's words outside any edit are all there, in order
  const inside = (start: number) => result.edits.some((edit) => start >= edit.start && start < edit.end);
  const cleanedWords = contentWords(result.text).map(({ word }) => word);
  const kept = contentWords(result.original).filter(({ start }) => !inside(start)).map(({ word }) => word);
  expect(isSubsequence(kept, cleanedWords)).toBe(true);
  // a filler, stutter or cut-off removes no word that is not still there (a stutter's copy);
  // only a restart drops the speaker's abandoned start, and that is a few words at most
  result.edits.forEach((edit, index) => {
    const earlier = result.edits.slice(0, index);
    const own = contentWords(result.original)
      .filter(({ start }) => start >= edit.start && start < edit.end)
      .filter(({ start }) => !earlier.some((before) => start >= before.start && start < before.end));
    // a cut-off word ("bronchi-- bronchitis") is the start of a word that is still there
    const lost = own.filter(({ word }) => !cleanedWords.some((kept) => kept.startsWith(word)) && !lexiconText(edit.replacement).includes(word));
    if (edit.reparandum) expect(lost.length).toBeLessThanOrEqual(6);
    else if (!edit.rule.endsWith('-mark') && !edit.rule.startsWith('chat-spelling')) expect({ rule: edit.rule, lost: lost.map(({ word }) => word) }).toEqual({ rule: edit.rule, lost: [] });
  });
  // every cleaned character maps into the original, in order; untouched ones to themselves
  for (let i = 0; i < result.text.length; i++) {
    const start = result.starts[i]!;
    const end = result.ends[i]!;
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeLessThanOrEqual(result.original.length);
    if (i > 0) expect(start).toBeGreaterThanOrEqual(result.starts[i - 1]!);
    if (end - start === 1 && !inside(start)) expect(result.original[start]).toBe(result.text[i]);
  }
}

describe('real transcribed speech (AnnoMI client turns)', () => {
  it.each(REAL_TURNS)('%j', (text) => {
    const result = clean(text);
    expect(result.changed).toBe(true);
    checkTurn(result);
  });

  it('cleans the sample as a reader would', () => {
    expect(REAL_TURNS.slice(0, 12).map((text) => clean(text).text)).toEqual([
      "Well, if I was getting fallen down drunk or if I drink every night. It's not like I get sloppy drunk or anything.",
      "Well, I like beer. I like the way it tastes, I like the way it makes me feel. Like when I'm around friends and it's not a problem.",
      "No, I don't really like the idea of taking pills. As a matter of fact, I don't even take aspirin.",
      "Per night, like if we go out oh, it's a lot. It's like I can drink probably about seven or eight drinks like if I'm going hard.",
      "Yeah. I can't shoplift anymore. I got caught again. And I got suspended, I got back to school, so I'm going to mess up my whole life here, unless I can stop this.",
      "But I don't want to be like stick-thin, but I really want to be really healthy and really active.",
      'Do you have anything like that?',
      "I guess a little bit, she's the one that has me being here. We've been fighting about it.",
      "So I just jumped off the stairs of the bus and I was wearing these stilettos because it was a 90s-themed pub crawl.",
      'Well, I smoke barely a pack a day.',
      "It was. And it was huge for me because I'd never really been a runner.",
      "Yeah, I know. It's been a lot.",
    ]);
  });

  it.runIf(annomi.length > 0)('every client turn of the 57 conversations keeps its words, loses its noise and is stable', () => {
    expect(annomi.length).toBeGreaterThan(60);
    const failures: string[] = [];
    for (const text of annomi) {
      const result = clean(text);
      try {
        checkTurn(result);
      } catch (error) {
        failures.push(`${JSON.stringify(text)}\n→ ${JSON.stringify(result.text)}\n${(error as Error).message.split('\n').slice(0, 12).join('\n')}`);
      }
    }
    expect(failures.length === 0 ? '' : `${failures.length} of ${annomi.length} turns:\n\n${failures.slice(0, 6).join('\n\n')}`).toBe('');
  }, 60_000); // 2,024 turns: seconds alone, more on a loaded machine
});

// ---------------------------------------------------------------------------------------------
// Properties over generated text.

const PIECES = [
  'I', 'i', 'I-I', 'we- we', 'the the', 'and-and', 'um,', 'uh', 'erm', 'hmm', 'you know,', 'I mean,', 'like,', 'like', 'was like',
  '[laughs]', '(inaudible)', 'lol', 'wh-', 'tomo-', 'tomorrow', 'what', 'I was--', 'I had', 'dont', "don't", 'im', 'u', 'ur', 'idk',
  'tbh', 'ill', 'id', 'its', 'cause', 'gonna', 'work', 'my boss', 'team', 'deadline', 'it', 'is', 'hard', 'really', 'five', 'so',
  'but', 'and', ',', '.', '?', '!!', '...', '--', '-', '—', 'so-so', 'mm-hmm', 'e.g.', 'Dr.', 'quit', 'smoking',
];
const noisyText = fc.array(fc.constantFrom(...PIECES), { maxLength: 18 }).map((pieces) => pieces.join(' '));

/** Words that doubled with a hyphen are words of their own (so-so, night-night), not stutters. */
const WORD_PAIR_HALVES = /^(?:so|no|bye|night|yeah|ha|hee|mm|uh|huh|win|half|oh|ah|tom|yo|mo|ta|tick|ding|boo|hip|knock|hush|chop|pom|choo|goody|pooh|dum|hob|fifty|wee|tee|cha|ping|pong|zig|bling|ooh|aah|tut|tsk|pee)$/i;

describe('properties', () => {
  it('cleaning twice is cleaning once, and the map stays inside the original', () => {
    fc.assert(
      fc.property(noisyText, (text) => {
        const once = clean(text);
        expect(clean(once.text).text).toBe(once.text);
        expect(once.starts.length).toBe(once.text.length);
        for (let i = 0; i < once.text.length; i++) {
          expect(once.starts[i]!).toBeLessThanOrEqual(once.ends[i]!);
          expect(once.ends[i]!).toBeLessThanOrEqual(text.length);
          if (i > 0) expect(once.starts[i]!).toBeGreaterThanOrEqual(once.starts[i - 1]!);
        }
      }),
      { numRuns: 400 },
    );
  });

  /** Clean sentences: the sample's and, when the data folder is there, every AnnoMI client turn's, cleaned. */
  const cleanSentences = [...REAL_TURNS, ...annomi.filter((text) => text.length < 240)].map((text) => clean(text).text).filter((text) => text.length > 20).concat([
    'I want my team to own the deadline.',
    'My boss keeps changing the plan and I lose whole days.',
    "I'd know it's working when I leave at six twice a week.",
  ]);
  const NOISE = [' [laughs] ', ' um ', ' (inaudible) ', ' uh '];

  it('noise added between two words of a clean sentence is removed again', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cleanSentences), fc.nat(), fc.constantFrom(...NOISE), (sentence, at, noise) => {
        const gaps = [...sentence.matchAll(/(?<=[a-z]) (?=[a-z])/gi)].map((match) => match.index);
        fc.pre(gaps.length > 0);
        const gap = gaps[at % gaps.length]!;
        const noisy = sentence.slice(0, gap) + noise + sentence.slice(gap + 1);
        expect(clean(noisy).text).toBe(sentence);
      }),
      { numRuns: 500 },
    );
  });

  it('a stutter of a word is removed again', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cleanSentences), fc.nat(), fc.constantFrom('-', '- ', '-- '), (sentence, at, dash) => {
        const words = [...sentence.matchAll(/(?<![\w'’-])([A-Za-z]+)(?= [a-z])/g)].filter((match) => !WORD_PAIR_HALVES.test(match[1]!));
        fc.pre(words.length > 0);
        const word = words[at % words.length]!;
        const noisy = sentence.slice(0, word.index) + word[1] + dash + sentence.slice(word.index);
        expect(clean(noisy).text).toBe(sentence);
      }),
      { numRuns: 300 },
    );
  });
});

describe('names typed in lower case', () => {
  it.each([
    ['kyle could do deliveries, he is more organised than me', 'Kyle could do deliveries, he is more organised than me'],
    ['ask sue on thursday', 'Ask Sue on Thursday'],
    ['my manager mark never listens', 'My manager Mark never listens'],
  ])('get their capital: "%s"', (typed, cleaned) => {
    expect(clean(typed).text).toBe(cleaned);
  });

  it.each(['I will mark the papers tomorrow', 'I might sue them', 'We need the rose garden weeded', 'And if Hannah is asking my opinion, not only Marcus opinion.'])('a word that is only a word keeps its case: "%s"', (typed) => {
    expect(clean(typed).text).toBe(typed);
  });
});

describe('a word that a name-finder could take for a name', () => {
  it.each(['We stop at the half-hour mark', 'She hit the two-hour mark again'])('keeps its case after a time or a determiner: "%s"', (typed) => {
    expect(clean(typed).text).toBe(typed);
  });
});
