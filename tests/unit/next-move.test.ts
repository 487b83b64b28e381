import { describe, expect, it } from 'vitest';
import { coachContent } from '../helpers/content.js';
import { clientTurn, recordPlan } from '../../server/app/turn.js';
import { type SessionState, initialState } from '../../server/domain/session-state.js';
import { findProcessQuestion } from '../../server/understand/intents.js';
import { findTopic } from '../../server/policy/topic-question.js';
import { hasAct } from '../../server/domain/understanding.js';
import type { Statement } from '../../server/domain/schemas.js';

/**
 * The next move follows the client: no question for what they just gave, a question about their
 * own topic before a stock one, a brief honest answer to a question put to the coach, and no
 * "confirm or tell me what to change" again after a reply that neither confirms nor changes the
 * draft. Each runs the server's own turn (understand, apply, machine, policy, verifier).
 */

/** One client turn through the server's loop; the coach's words recorded as said. */
function turn(state: SessionState, text: string, seq: number) {
  const result = clientTurn(coachContent, state, { text, seq });
  const reply = result.plan.moves.map((move) => move.text).join(' ');
  return { plan: result.plan, reply, understanding: result.understanding, state: recordPlan(result.state, result.plan, reply) };
}

/** Partnership under way: purpose and consent given, one reflection (no question) said last. */
function partnership(patch: Partial<SessionState> = {}): SessionState {
  return {
    ...initialState('coach'),
    step: 'create_partnership',
    agreement: { purpose: { text: 'your week', quote: 'my week', seq: 2 }, timeAvailable: null, consent: true },
    turnsInStep: 1,
    recentCoachTexts: ['Thank you for saying that.', 'So the week runs away from you.'],
    ...patch,
  };
}

const questionsOf = (plan: { moves: { text: string; questionId?: string }[] }) => plan.moves.filter((move) => move.text.trim().endsWith('?'));
const stockLines = coachContent.phrases.templates.statementExhausted;

describe('the question follows the client\'s own words', () => {
  const topicWords = coachContent.topicWords;

  it('finds a clear topic: a whole noun phrase of theirs with a definite or possessive word, in the coach\'s person', () => {
    expect(findTopic(topicWords, 'Honestly, what drags me down is the night shift handover.')).toBe('the night shift handover');
    expect(findTopic(topicWords, 'I keep rewriting my quarterly report, over and over.')).toBe('your quarterly report');
    // From a development transcript.
    expect(findTopic(topicWords, 'Problem is I do everything. The orders, the flour supplier, the rotas.')).toBe('the flour supplier');
  });

  it('passes over what is not a topic: people, vague heads, numbers, idioms, the coaching itself', () => {
    for (const text of ['I keep arguing with my older brother.', "That's a good point, I hadn't thought of it.", 'I have a few drinks like everybody else my age.', 'The usual suspects, really.', 'Can you change the goal?', 'I have 17 years of it.']) {
      expect(findTopic(topicWords, text), text).toBeNull();
    }
  });

  it('asks about the topic rather than the next stock question, and the verifier lets it through', () => {
    const { plan } = turn(partnership(), 'What eats my whole Monday is the weekly status report.', 5);
    const asked = questionsOf(plan);
    expect(asked).toHaveLength(1);
    // About the topic by name, or by "that" when the reflection just before has named it.
    const reflected = plan.moves.some((move) => move.kind.endsWith('reflection') && move.text.includes('weekly status report'));
    expect(asked[0]!.text).toMatch(reflected ? /\bthat\?$/ : /the weekly status report/);
    expect(coachContent.phrases.questionsById.get(asked[0]!.questionId!)?.topic).toBe(true);
  });

  it('without a topic, asks the stock question of the slot', () => {
    const { plan } = turn(partnership(), 'It is just all a bit much lately, honestly.', 5);
    const asked = questionsOf(plan);
    expect(asked).toHaveLength(1);
    expect(coachContent.phrases.questionsById.get(asked[0]!.questionId ?? '')?.topic).not.toBe(true);
  });
});

describe('never asks for what the client just gave', () => {
  it('a need said this turn is not asked for again: the question moves to what is missing', () => {
    const { plan, understanding } = turn(partnership({ goals: [{ text: 'leave by six', quote: 'leave by six', seq: 3 }] }), "I can't say no to anyone, so I end up doing everyone else's work as well as mine.", 5);
    expect(understanding?.needs.length).toBeGreaterThan(0);
    expect(questionsOf(plan).map((move) => move.questionId ?? '').filter((id) => id.startsWith('partnership.reality.'))).toEqual([]);
  });

  it('a question just answered at length is not asked again from another angle, even when the answer fills nothing', () => {
    const state = partnership({ asked: ['partnership.success.1'], recentCoachTexts: ['Thanks.', "What will tell you that you're making progress?"] });
    const { plan } = turn(state, 'Everyone on the floor keeps coming to me with the same small problems every single day.', 5);
    expect(questionsOf(plan).map((move) => move.questionId ?? '').filter((id) => id.startsWith('partnership.success.'))).toEqual([]);
  });
});

describe('a question put to the coach gets a brief honest answer, then one question', () => {
  const read = (text: string) => findProcessQuestion(coachContent.intents, text);

  it('reads the kinds, in full sentences, chat and non-native forms', () => {
    expect(read('So, uh, are you saying I drink too much?')).toBe('challenge');
    expect(read('u saying im lazy?')).toBe('challenge');
    expect(read('I only said mornings are hard. Are you sure?')).toBe('challenge');
    expect(read('Okay. What about side effects?')).toBe('information');
    expect(read('how much it cost?')).toBe('information');
    expect(read('Do you think I should tell her?')).toBe('opinion');
    expect(read('I send my opinion on Slack before. This will work, no?')).toBe('opinion');
    expect(read('Cutting back, like-- what do you mean?')).toBe('clarify');
    expect(read('I think I should tell her.')).toBeNull();
    expect(read('How much does it cost me to keep saying yes to everything?')).toBeNull();
  });

  it.each([
    ['So, are you saying I am bad at my job?', 'challenge'],
    ['What about the cost?', 'information'],
    ['Do you think I should tell my manager first?', 'opinion'],
  ] as const)('%s', (text, kind) => {
    const { plan } = turn(partnership(), text, 5);
    const answers = coachContent.phrases.templates.directAnswer[kind];
    expect(answers).toContain(plan.moves[0]!.text);
    expect(questionsOf(plan)).toHaveLength(1);
    // The question itself is not reflected back as if it were content.
    expect(plan.moves.filter((move) => move.kind.endsWith('reflection'))).toEqual([]);
  });

  it('"what are my options?" is a request for advice, and "are we done here?" inside a longer message a wish to stop', () => {
    const options = turn(partnership(), 'Okay. Well, what are my options?', 5);
    expect(options.understanding?.acts.some((act) => act.type === 'process_question' && act.question === 'advice')).toBe(true);
    const done = turn(partnership(), 'It was fine. Like, are we done here? I have a class at ten.', 5);
    expect(hasAct(done.understanding, 'wants_stop')).toBe(true);
  });
});

describe('after a non-committal reply to the draft', () => {
  const statement: Statement = {
    goals: ['leave work by six most days'],
    needs: ['a sustainable balance between work and the rest of my life'],
    successIndicators: ['I leave by six three days a week'],
    firstExperiment: 'block my calendar from half five on Tuesday',
    constraints: [],
    learningPreference: null,
    text: 'I want to leave work by six most days. I\'ll know it\'s working by this: I leave by six three days a week. My first experiment: block my calendar from half five on Tuesday.',
    sources: [],
    status: 'draft',
  };
  const shown = `Here's a draft partnership statement in your words: "${statement.text}" How well does that capture it, and what would you change or add?`;
  const drafted = partnership({
    statement,
    goals: [{ text: 'leave work by six most days', quote: 'leave work by six most days', seq: 3 }],
    successSignals: [{ text: 'you leave by six three days a week', quote: 'I leave by six three days a week', seq: 5 }],
    experiment: { text: 'block your calendar from half five on Tuesday', quote: 'block my calendar from half five on Tuesday', seq: 7 },
    needs: [{ id: 'n1', category: 'work_life_balance', summary: 'balance', evidence: ['I never get home'], confidence: 0.9, confirmed: false, seq: 3 }],
    asked: ['statement.confirm.1'],
    turnsInStep: 5,
    recentCoachTexts: ['So evenings matter.', shown],
    statementShown: { text: statement.text, reply: shown },
    statementShownFull: { text: statement.text, reply: shown },
  });

  it('asks about one part, then offers to keep it as it stands, never "confirm or change" again; a yes then confirms', () => {
    const first = turn(drafted, 'hmm maybe', 9);
    expect(stockLines.some((line) => first.reply.includes(line))).toBe(false);
    expect(questionsOf(first.plan).map((move) => move.questionId)).toEqual(['statement_part.success']);
    // The part is quoted, or named when its words would not read well inside the question.
    expect(first.reply).toMatch(/leave by six three days a week|sign that it's working|how you'll know it's working/);

    const second = turn(first.state, 'i guess, sort of', 11);
    expect(stockLines.some((line) => second.reply.includes(line))).toBe(false);
    expect(questionsOf(second.plan).map((move) => move.questionId)).toEqual(['statement_part.keep']);

    const third = turn(second.state, 'yes', 13);
    expect(third.state.statement?.status).toBe('confirmed');
  });

  it('a draft with a part missing, its questions used up, is not put to confirm: the part is asked for, then the offer to stop', () => {
    const partial = { ...statement, firstExperiment: '', text: statement.text.replace(/ My first experiment:.*$/, '') };
    const state: SessionState = { ...drafted, statement: partial, experiment: null, asked: ['statement.confirm.1', 'partnership.experiment.1', 'partnership.experiment.2'], recentCoachTexts: ['So evenings matter.', `Here it is: "${partial.text}"`], statementShown: { text: partial.text, reply: `Here it is: "${partial.text}"` } };
    const first = turn(state, 'mm-hmm', 9);
    expect(stockLines.some((line) => first.reply.includes(line))).toBe(false);
    expect(first.reply).toContain(coachContent.phrases.templates.statementGapExperiment);
    const second = turn(first.state, 'ok', 11);
    expect(questionsOf(second.plan).map((move) => move.questionId)).toEqual(['statement_part.close']);
    const third = turn(second.state, 'yes', 13);
    expect(third.state.step).toBe('complete');
  });
});
