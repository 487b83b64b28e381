import { coachContent, phrases } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';
import { constraintReflection } from '../../server/phrase/constraint-reflections.js';
import { wholeClause } from '../../server/phrase/reflection-clauses.js';
import { fill } from '../../server/phrase/reflection-stems.js';
import { successClause } from '../../server/phrase/success-clauses.js';
import { summarize } from '../../server/phrase/summaries.js';
import { understand } from '../../server/understand/understand.js';
import { findActions, findObstacles } from '../../server/understand/plan-slots.js';
import { describeAction } from '../../server/policy/plan.js';
import { obstacleClause } from '../../server/policy/challenge.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';

/**
 * Polish of the offline coach, by class of problem: summaries made of whole clauses, stems filled
 * mid-sentence in lower case, success reflected as success, a new limit reflected first, an action's
 * "what" kept apart from its measure, and an obstacle challenged once before the close.
 */

const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z"])/).filter((piece) => piece.trim().length > 0);

describe('stems filled mid-sentence start lower-case (unless "I" or a name)', () => {
  const stems = [...phrases.reflections.simple, ...phrases.reflections.feeling, ...phrases.reflections.bridge, 'The way you see it, {b}.', 'So as you see it, {b}.', "You'd like {b}."];
  const values: [string, RegExp][] = [
    ['You learn best by doing it', /\byou learn best/],
    ['Your team never pushes back', /\byour team never/],
    ['The weekly report eats your Fridays', /\bthe weekly report/],
    ['It feels like betrayal', /\bit feels like/],
    ['Being honest with them is hard', /\bbeing honest/],
    ['I think', /\bI think/],
    ['Dev goes quiet on you', /\bDev goes quiet/],
    ['Priya keeps missing deadlines', /\bPriya keeps/],
    ['Monday mornings are chaos', /\bMonday mornings/],
    ['HR wants a plan', /\bHR wants/],
  ];
  for (const stem of stems) {
    if (!/\{[pb]\}/.test(stem) || /^\{/.test(stem)) continue;
    for (const [value, expected] of values) {
      it(`${stem} ← ${value}`, () => {
        const text = fill(stem, { p: value, b: value, feeling: 'anxious' });
        expect(text).toMatch(expected);
      });
    }
  }
  it('a capitalised placeholder still capitalises', () => {
    expect(fill('{Topic} keeps coming up.', { topic: 'the weekly report' })).toBe('The weekly report keeps coming up.');
  });
});

describe('success statements are reflected as success, never with a feeling stem', () => {
  const cases: [string, RegExp][] = [
    ['success would be having the conversation with Dev about his response times without dreading it for a week', /^you have the conversation with Dev about his response times without dreading it for a week$/],
    ["Success would be not having to check every ticket myself", /^you don't have to check every ticket yourself$/],
    ["I'd know it's working when my team solves problems without me", /^your team solves problems without you$/],
    ['success looks like fewer escalations landing on my desk', /^you see fewer escalations landing on your desk$/],
    ["a win would be being able to leave at six without guilt", /^you're able to leave at six without guilt$/],
    ["I'll know it worked if the board stops asking me for updates", /^the board stops asking you for updates$/],
    ['progress would be getting through a 1:1 without apologising', /^you get through a 1:1 without apologising$/],
    ["success is that I stop dreading Monday stand-ups", /^you stop dreading Monday stand-ups$/],
    ['success = delegating the rota and not checking it', /^you're delegating the rota and not checking it$/],
    ['success looks like my roadmap getting approved in the next planning cycle', /^you see your roadmap getting approved in the next planning cycle$/],
    ['success would be like, having one afternoon a week for a modelling project', /^you have one afternoon a week for a modelling project$/],
    ["I'd know it's working when nobody pings me after 7pm", /^nobody pings you after 7pm$/],
    ["success would be I'd leave before 5 twice a week", /^you leave before 5 twice a week$/],
    ["success is I would answer in the meeting first", /^you answer in the meeting first$/],
    ['success = home by 7 most nights', /^you're home by 7 most nights$/],
  ];
  for (const [text, expected] of cases) {
    it(text, () => expect(successClause(text)).toMatch(expected));
  }
  it('no success marker, no success clause', () => {
    expect(successClause('I was promoted last spring and it feels strange')).toBeNull();
  });

  const phrasings = [
    'success would be having the conversation with Dev about his response times without dreading it for a week',
    'success would be giving Maya the hard feedback without losing sleep over it',
    "I'd know it's working when I can say no to sales without feeling sick about it",
    'a win would be running the retro without being anxious the whole morning',
  ];
  for (const line of phrasings) {
    it(`in a conversation: ${line}`, async () => {
      const result = await runConversation(['I lead a support team of 9 and I want to get better at hard conversations', 'yes, 30 minutes', 'giving feedback to friends feels like betrayal', line]);
      const reply = result.turns.at(-1)!.text;
      expect(reply).not.toMatch(/feeling (?:anxious|stressed|scared|worried|afraid)[:,]/i);
      expect(reply).toMatch(/know it's working when|it's working when/);
      expect(reply).not.toMatch(/(?:when|that|, ) ?[A-Z][a-z]+ (?:have|learn|say)/);
    });
  }
});

describe('summaries are two or three whole sentences in second person', () => {
  function stateWith(partial: Partial<SessionState>): SessionState {
    return { ...initialState('coach'), step: 'create_partnership', ...partial };
  }
  const needs = [
    { id: 'n1', confirmed: false, category: 'feedback' as const, summary: 'giving and receiving honest feedback', evidence: ['giving them hard feedback feels like betrayal'], confidence: 0.8, seq: 3 },
    { id: 'n2', confirmed: false, category: 'delegation' as const, summary: 'handing work to others and trusting them with it', evidence: ["I end up redoing everything my team hands in because it's never quite right and I don't have time to explain"], confidence: 0.8, seq: 3 },
    { id: 'n3', confirmed: false, category: 'work_life_balance' as const, summary: 'a sustainable balance between work and the rest of your life', evidence: ['also I answer emails at 11pm most nights'], confidence: 0.8, seq: 3 },
  ];
  const goals = [
    { text: 'be the kind of lead who says the hard thing kindly, and to stop working evenings', quote: "I'd like to be the kind of lead who says the hard thing kindly, and to stop working evenings", seq: 5 },
    { text: 'hand the weekly report to Sam', quote: 'I want to hand the weekly report to Sam', seq: 5 },
    { text: 'stop being the bottleneck for every decision in the department, including the ones about rotas and leave and overtime and hiring', quote: 'x', seq: 5 },
  ];
  const strengths = [
    { text: "you're good at staying calm with angry customers, people trust you", quote: 'x', seq: 4 },
    { text: "you're organised", quote: 'x', seq: 4 },
  ];
  const purpose = { text: 'you run the customer support team at a software company, 9 people', quote: 'I run the customer support team at a software company, 9 people', seq: 1 };
  let index = 0;
  for (const need of needs) {
    for (const goal of [...goals, null]) {
      for (const strength of strengths) {
        const seed = index++;
        it(`need ${need.category}, goal ${goal?.text.slice(0, 20) ?? 'none'}, strength ${strength.text.slice(0, 15)}`, () => {
          const state = stateWith({ needs: [{ ...need }], goals: goal ? [goal] : [], strengths: [strength], agreement: { purpose, timeAvailable: null, consent: true } });
          const move = summarize(phrases, state, seed, []);
          expect(move).not.toBeNull();
          const text = move!.text;
          const parts = sentences(text);
          // One or two sentences of summary (the turn's reflection of the latest message comes in front).
          expect(parts.length).toBeGreaterThanOrEqual(1);
          expect(parts.length).toBeLessThanOrEqual(2);
          // A fact about the client is never dressed up as what they came to look at.
          expect(text).not.toMatch(/wanting to look at you run/);
          // No fragment cut mid-phrase, no first person.
          expect(text).not.toMatch(/\b(?:at a|of the|to the|with|a|the|and|at)\.\s*$/);
          expect(text.replace(/told me|Let me/g, '')).not.toMatch(/\b(?:I|my|me)\b/);
          for (const part of parts) expect(part.split(' ').length).toBeLessThanOrEqual(34);
          if (goal && goal.text.split(' ').length <= 14) expect(text).toContain(goal.text.replace(/, and to stop.*$/, ''));
        });
      }
    }
  }
  const cuts: [string, number, string | null][] = [
    ['you run the customer support team at a software company, 9 people', 8, null],
    ['you say yes to every escalation from sales so your own work happens at 10pm', 10, 'you say yes to every escalation from sales'],
    ['giving them hard feedback feels like betrayal', 14, 'giving them hard feedback feels like betrayal'],
    ['you redo the rota, check every shift and answer every question from the floor', 10, 'you redo the rota, check every shift'],
  ];
  for (const [text, max, expected] of cuts) {
    it(`whole clause: ${text} (${max})`, () => expect(wholeClause(text, max)).toBe(expected));
  }
});

describe('a new limit is reflected first, before any summary', () => {
  const limits: [string, RegExp][] = [
    ['our budget is frozen until Q3 so no new hires', /^No new hires, then — your budget is frozen until Q3\./],
    ["headcount is capped this year so I can't add anyone", /^You can't add anyone, then — headcount is capped this year\./],
    ['the budget is frozen until next April', /budget is frozen until next April/],
    ['I only have two hours a week for this', /only have two hours a week/],
  ];
  for (const [line, expected] of limits) {
    it(line, async () => {
      const lines = ['I manage a support team and want to get better at hard feedback', 'yes, 40 minutes', 'giving feedback to old friends feels like betrayal', "I'm good at staying calm, people trust me", "I'd like to be a lead who says the hard thing kindly", line];
      const result = await runConversation(lines);
      const reply = result.turns.at(-1)!.text;
      expect(reply).toMatch(expected);
      expect(reply).not.toMatch(/limited time/);
    });
  }
});

describe('a limit, reflected on its own terms', () => {
  const cases: [string, RegExp][] = [
    ['our budget is frozen until Q3 so no new hires', /^No new hires, then — your budget is frozen until Q3\.$/],
    ["runway is about 14 months so I can't hire a COO, it's me", /^You can't hire a COO, then — runway is about 14 months\.$/],
    ["we're two people short so there's no slack for training", /^There's no slack for training, then — you're two people short\.$/],
    ['I only have Wednesday afternoons for this', /only have Wednesday afternoons for this.*limit/],
    ['the training budget was cut in Q2', /training budget was cut in Q2.*limit/],
  ];
  for (const [quote, expected] of cases) {
    it(quote, () => {
      const understanding = { ...understand(coachContent, '', 7, initialState('coach')), constraints: [{ kind: 'budget' as const, summary: 'a limited budget', quote }] };
      expect(constraintReflection(phrases, understanding, 0, [])?.text).toMatch(expected);
    });
  }
  it('a passing mention of minutes is not reflected as a limit', () => {
    const understanding = { ...understand(coachContent, '', 7, initialState('coach')), constraints: [{ kind: 'time' as const, summary: 'limited time', quote: 'maybe this week I book 20 minutes with Dev' }] };
    expect(constraintReflection(phrases, understanding, 0, [])).toBeNull();
  });
});

describe("an action's what stops before its measure; no clause is said twice", () => {
  const cases: [string, string, RegExp][] = [
    ["I'll talk to Dev by Thursday and I'll know it went ok if we agree one change and he doesn't go quiet on me", 'talk to Dev by Thursday', /you'll know it worked if you agree one change and he doesn't go quiet on you/],
    ["I'll book the 1:1 with Maya by Friday and I'll know it went well if she leaves with one clear next step", 'book the 1:1 with Maya by Friday', /you'll know it worked if she leaves with one clear next step/],
    ["I will send the new rota by Monday, and I'd know it's working when nobody messages me about shifts", 'send the new rota by Monday', /you'll know it worked if nobody messages you about shifts/],
    ["I'll hand the report to Sam next week and I'll count how many times I step in", 'hand the report to Sam next week', /you'll see progress by counting how many times you step in/],
    ["I'll say no to two sales escalations this week so that my evenings stay free", 'say no to two sales escalations this week', /evenings stay free/],
  ];
  for (const [line, what, measure] of cases) {
    it(line, () => {
      const [action] = findActions(line, 9, true);
      expect(action).toBeDefined();
      expect(action!.what).toBe(what);
      const described = describeAction(action!);
      expect(described).toMatch(measure);
      // No clause twice.
      const clause = described.split(/, and /)[1] ?? '';
      expect(described.indexOf(clause)).toBe(described.lastIndexOf(clause));
      expect(described).not.toMatch(/by it went|see progress by it/);
    });
  }
});

describe('an obstacle voiced as the step completes is challenged once, then the close mentions it', () => {
  const obstacles = [
    'I might chicken out and make it a friendly chat instead. lets check in every Friday',
    "I could lose my nerve and let it slide. weekly check-ins on Mondays please",
    "Honestly I'll probably cave if he gets defensive. check in every two weeks",
    "The risk is I put it off when sales escalations pile up. let's check in every Friday",
  ];
  const base = [
    'I run a support team of 9 and want to get better at giving hard feedback',
    'sure, 40 mins',
    'giving feedback to friends feels like betrayal',
    'success would be having the talk with Dev without dreading it',
    'maybe this week I book 20 minutes with Dev and use a simple script',
    'yes that captures it',
    "I'll talk to Dev by Thursday and I'll know it went ok if we agree one change",
    "I'm in. confidence maybe 6",
  ];
  for (const line of obstacles) {
    it(line, async () => {
      expect(findObstacles(line, 1, false).length).toBeGreaterThan(0);
      const result = await runConversation([...base, line, "I'll open with the one change before any small talk"], { stopAtComplete: false });
      const coach = result.turns.filter((turn) => turn.role === 'coach');
      const challenge = coach.at(-2)!;
      expect(challenge.step).toBe('collaborate_challenge');
      expect(challenge.text).toMatch(/risk/);
      expect(challenge.text).toMatch(/What will you do in that moment|what will you do instead/i);
      const closing = coach.at(-1)!;
      expect(closing.step).toBe('complete');
      expect(closing.text).toMatch(/You named the risk that/);
      expect(closing.text).toMatch(/in that moment you'll open with the one change/);
      // Closing: 4–6 sentences around the quoted statement, no clause repeated.
      const outside = closing.text.replace(/"[^"]*"/g, '"…"');
      expect(sentences(outside).length).toBeGreaterThanOrEqual(4);
      expect(sentences(outside).length).toBeLessThanOrEqual(7);
      expect(closing.text).not.toMatch(/progress shows as: it went/);
    });
  }
  it('closes at once when no obstacle is voiced', async () => {
    const result = await runConversation([...base, "lets check in every Friday, nothing will stop me"], { stopAtComplete: false });
    expect(result.state.step === 'complete' || result.turns.at(-1)!.text.includes('?')).toBe(true);
  });
});

describe('the risk named in the closing, without its framing', () => {
  it.each([
    ['the obstacle is that you will be tempted to jump in and fix things', 'you will be tempted to jump in and fix things'],
    ['your biggest risk would be that you cave when a client complains', 'you cave when a client complains'],
    ['the main worry is the launch slipping', 'the launch slipping'],
    ['one likely obstacle is a critic walking in on Tuesday.', 'a critic walking in on Tuesday'],
    ['you might chicken out', 'you might chicken out'],
  ])('%s', (text, expected) => {
    expect(obstacleClause(text)).toBe(expected);
  });
});
