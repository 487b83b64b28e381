import { coachContent, sentenceModels } from '../helpers/content.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSecondPerson } from '../../server/understand/paraphrase.js';
import { swapPerson } from '../../server/understand/person-swap.js';
import { paraphraseOf } from '../../server/understand/understand.js';

describe('toSecondPerson', () => {
  it.each([
    ["I feel like I'm drowning", "You feel like you're drowning"],
    ['my team never listens to me', 'your team never listens to you'],
    ['I am tired and I was angry', 'You are tired and you were angry'],
    ['I told myself we would fix our process', 'You told yourself you would fix your process'],
    ["I've been thinking; I'd like to try, I'll do it", "You've been thinking; you'd like to try, you'll do it"],
    ["Am I wrong? I wasn't ready.", "Are you wrong? You weren't ready."],
    ['Honestly I really was lost', 'Honestly you really were lost'],
    ["It's mine, not yours", "It's yours, not mine"],
    ['I\u2019m worried about my boss', "You're worried about your boss"],
    ['You said I should delegate.', 'I said you should delegate.'],
    ['I think you are right!', 'You think I am right!'],
    ['Can you help me?', 'Can I help you?'],
    ['I want you to tell me.', 'You want me to tell you.'],
    ['I told you everything', 'You told me everything'],
    ['you were great and you\'re kind', "I was great and I'm kind"],
    ['I hope you enjoyed it', 'You hope I enjoyed it'],
    ['Sam reports to me', 'Sam reports to you'],
    ['We keep missing our deadlines', 'You keep missing your deadlines'],
  ])('%s → %s', (input, expected) => {
    expect(toSecondPerson(input)).toBe(expected);
  });

  it('leaves text without first or second person untouched', () => {
    expect(toSecondPerson('The quarterly review is on Friday.')).toBe('The quarterly review is on Friday.');
  });

  it('is its own inverse for plain first-person sentences', () => {
    const sentence = 'I want my team to trust me with the roadmap';
    expect(swapPerson(swapPerson(sentence))).toBe(sentence);
  });

  it('keeps "thank you" addressed to the coach', () => {
    expect(toSecondPerson('thank you, I needed that')).toBe('thank you, you needed that');
  });
});

describe('paraphrase property', () => {
  const subjects = ['I', 'My manager', 'My team', 'We'];
  const verbs = ['feel stuck with', 'keep worrying about', 'want to fix', 'was angry about', 'am tired of', 'need help with'];
  const objects = ['my inbox', 'our planning', 'the reviews my boss asks me for', 'myself', 'my own deadlines', 'me and my peers'];
  const sentence = fc.tuple(fc.constantFrom(...subjects), fc.constantFrom(...verbs), fc.constantFrom(...objects)).map(([subject, verb, object]) => {
    const agreeing = subject === 'I' || subject === 'We' ? verb : verb.replace(/^am /, 'is ').replace(/^was /, 'was ').replace(/^(\w+)/, (word) => (word === 'is' || word === 'was' ? word : `${word}s`));
    return `${subject} ${agreeing} ${object}.`;
  });

  it('never leaves first-person "I", "my", "me" in a paraphrase of first-person sentences', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 4 }), (sentences) => {
        const swapped = toSecondPerson(sentences.join(' '));
        expect(swapped).not.toMatch(/\b(?:I|my|me|myself|we|our)\b/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('paraphraseOf', () => {
  it('picks the telling sentence, drops filler and ends without punctuation', () => {
    const paraphrase = paraphraseOf(coachContent.feelings, sentenceModels, 'Well, honestly. I feel like I\'m drowning in meetings and I can\'t delegate anything.');
    expect(paraphrase).toBe("you feel like you're drowning in meetings and you can't delegate anything");
  });

  it('returns an empty paraphrase for an empty message', () => {
    expect(paraphraseOf(coachContent.feelings, sentenceModels, '')).toBe('');
  });
});

describe('a time of day', () => {
  it.each([
    ["I leave at 6am and I'm back at 7pm", "You leave at 6am and you're back at 7pm"],
    ['at 5 am I am already up', 'at 5 am you are already up'],
  ])('keeps its "am": %s', (mine, yours) => {
    expect(toSecondPerson(mine)).toBe(yours);
  });
});
