import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_DIRECTORY } from '../../server/content/lexicon-files.js';
import { shippedContent } from '../helpers/content.js';
import { parseReplyRules, ReplyRulesSchema } from '../../server/llm/reply-rules.js';
import { clientLanguage, ReplyGuard, splitSentences } from '../../server/phrase/llm-guard.js';
import type { CoachPlan } from '../../server/domain/coach-plan.js';

const rules = shippedContent.templates.guard;
const document = JSON.parse(readFileSync(join(CONTENT_DIRECTORY, 'llm/guard.json'), 'utf8'));
const asks: CoachPlan = { step: 'create_partnership', moves: [{ kind: 'simple_reflection', text: '.' }, { kind: 'open_question', text: '?' }] };

/** Feeds a reply in small pieces, as a stream would, and returns what the client would have seen and the rule broken. */
function stream(reply: string, plan: CoachPlan = asks, language = 'en'): { shown: string; rejected: string | null } {
  const guard = new ReplyGuard(rules, { plan, language });
  let shown = '';
  for (let index = 0; index < reply.length; index += 7) {
    const step = guard.push(reply.slice(index, index + 7));
    shown += step.release;
    if (step.rejected) return { shown, rejected: step.rejected };
  }
  const end = guard.finish('stop');
  return { shown: shown + end.release, rejected: end.rejected };
}

describe('content/llm/guard.json', () => {
  it('is valid, and every pattern catches its examples and spares its counter-examples', () => {
    expect(ReplyRulesSchema.safeParse(document).success).toBe(true);
    for (const pattern of rules.patterns) {
      const entry = document.patterns.find((item: { id: string }) => item.id === pattern.id);
      for (const sentence of entry.mustMatch) expect(pattern.regex.test(sentence), `${pattern.id} must catch "${sentence}"`).toBe(true);
      for (const sentence of entry.mustNotMatch) expect(pattern.regex.test(sentence), `${pattern.id} must spare "${sentence}"`).toBe(false);
    }
  });

  it('refuses to load a pattern that misses one of its own examples, naming both', () => {
    const broken = structuredClone(document);
    broken.patterns[0].mustMatch.push('A perfectly ordinary sentence.');
    expect(() => parseReplyRules(broken)).toThrow(/as_an_ai: misses "A perfectly ordinary sentence\."/);
  });
});

describe('the reply guard', () => {
  it('lets a good reply through whole, a sentence at a time', () => {
    expect(stream('It sounds like the reports weigh on you. What would lighten them?')).toEqual({
      shown: 'It sounds like the reports weigh on you. What would lighten them?',
      rejected: null,
    });
  });

  it('holds back a sentence until it is complete, so a half sentence is never shown', () => {
    const guard = new ReplyGuard(rules, { plan: asks, language: 'en' });
    expect(guard.push('It sounds like the rep').release).toBe('');
    expect(guard.push('orts weigh on you. What wou').release).toBe('It sounds like the reports weigh on you. ');
  });

  it.each([
    ['As an AI language model, I think you should delegate more.', 'as_an_ai'],
    ['Here is a plan:\n1. Delegate the report\n2. Rest', 'list'],
    ['## Next steps\nTalk to her.', 'heading'],
    ['Try this:\n```\ncode\n```', 'code'],
    ['That is hard. What drains you? And what helps?', 'too_many_questions'],
    ['That is hard. You should take a holiday.', 'advice'],
    ["I'm sorry, but I can't help with that.", 'refusal'],
    ['Das klingt wirklich schwer für Sie, und ich verstehe das.', 'other_language'],
  ])('rejects %j (%s) before showing the sentence that breaks the rule', (reply, rule) => {
    const { shown, rejected } = stream(reply);
    expect(rejected).toBe(rule);
    expect(reply.startsWith(shown)).toBe(true);
    if (shown !== '') expect(stream(shown).rejected).toBeNull();
  });

  it('rejects a question in a reflection-only turn, and a reply over the word cap', () => {
    const reflection: CoachPlan = { step: 'create_partnership', moves: [{ kind: 'complex_reflection', text: '.' }] };
    expect(stream('It sounds heavy. What else?', reflection).rejected).toBe('question_not_planned');
    expect(stream('It sounds heavy and long. '.repeat(30)).rejected).toBe('too_long');
  });

  it('rejects a reply cut at the token limit and one that changes the statement', () => {
    const guard = new ReplyGuard(rules, { plan: asks, language: 'en' });
    guard.push('It sounds like letting go');
    expect(guard.finish('length').rejected).toBe('cut_at_limit');
    const statement = { goals: [], needs: [], successIndicators: [], firstExperiment: '', constraints: [], learningPreference: null, text: 'I will hand over the Monday report by June.', sources: [], status: 'draft' as const };
    const proposing: CoachPlan = { step: 'create_partnership', moves: [{ kind: 'summary', text: '.' }, { kind: 'closed_question', text: '?' }], statement };
    expect(stream('Here is a draft: "I will hand over the reports soon." Does that fit?', proposing).rejected).toBe('statement_differs');
    expect(stream('Here is a draft: "I will hand over the Monday report by June." Does that fit?', proposing).rejected).toBeNull();
  });

  it('reads the client language from their words, English when unsure', () => {
    expect(clientLanguage("I can't let go of the reports and it is wearing me down", rules.languages)).toBe('en');
    expect(clientLanguage("Je n'arrive pas à lâcher les rapports et je suis épuisé", rules.languages)).toBe('fr');
    expect(clientLanguage('ok', rules.languages)).toBe('en');
  });

  it('splits into sentences that join back into the text', () => {
    const text = 'One. Two?\nThree! Four… five';
    expect(splitSentences(text).join('')).toBe(text);
    expect(splitSentences(text)).toHaveLength(5);
  });
});
