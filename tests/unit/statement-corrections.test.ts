import { phrases, sentenceModels } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { withWordEdits } from '../../server/understand/apply.js';
import { findConstraints } from '../../server/understand/constraints.js';
import { findExperiment, findLearningPreference, findSuccessSignals } from '../../server/understand/slots.js';
import { summarize } from '../../server/phrase/summaries.js';
import { initialState } from '../../server/domain/session-state.js';
import { runConversation } from '../../eval/driver.js';

const draft = { text: 'I want to hold my ground without sounding defensive.', goals: ['hold my ground without sounding defensive'], needs: [], successIndicators: [], firstExperiment: '' };

describe('corrections of the draft in plain words', () => {
  it.each([
    "No, the goal is wrong. It's more about staying calm than holding my ground.",
    "It's about staying calm, not holding my ground.",
  ])('"%s" swaps the words in the draft, verbs matched', (message) => {
    const edited = withWordEdits(draft, message);
    expect(edited.text).toBe('I want to stay calm without sounding defensive.');
    expect(edited.goals).toEqual(['stay calm without sounding defensive']);
  });

  it('leaves the draft alone when the words to replace are not in it', () => {
    expect(withWordEdits(draft, "It's more about my team than about me.")).toEqual(draft);
  });

  it('makes the correction in the conversation and shows the draft again instead of confirming', async () => {
    const messages = [
      "I'd like to work on my confidence in client meetings.", 'An hour.', 'Yes.',
      'I get flustered when clients push back on price and I cave immediately.',
      'I want to hold my ground without sounding defensive.',
      "I'd know it's working if I close a deal without discounting.",
      "I could role-play a price objection with my colleague Tom before Thursday's call.",
    ];
    const before = await runConversation(messages);
    expect(before.state.statement?.text).toMatch(/hold my ground/);
    const result = await runConversation([...messages, "No, the goal is wrong. It's more about staying calm than holding my ground."]);
    expect(result.state.statement?.status).toBe('draft');
    expect(result.state.statement?.text).toMatch(/stay calm without sounding defensive/);
    expect(result.turns.at(-1)!.text).toContain(result.state.statement!.text);
  });
});

describe('limits and ways of learning said in passing', () => {
  it('hears "I can only go down 5%" as a limit, not as a first experiment', () => {
    const text = 'My sales director sets the discount rules, so I can only go down 5% anyway.';
    expect(findExperiment(text, 1, false)).toBeNull();
    expect(findConstraints(sentenceModels, text).map((hit) => hit.kind)).toContain('organizational');
  });

  it('reads "I learn by…" unasked as how they learn', () => {
    expect(findLearningPreference(sentenceModels, 'I learn by watching someone do it first.', 1, false)).not.toBeNull();
    expect(findLearningPreference(sentenceModels, 'My team learns a lot from the night shift.', 1, false)).toBeNull();
  });
});

describe('small phrasing fixes', () => {
  it('takes the sign of progress after "I\'d know it\'s better if…", without "better if"', () => {
    const [signal] = findSuccessSignals("i'd know it's better if i made a call in a meeting without checking with my boss first", 1, false);
    expect(signal?.text).toBe('you made a call in a meeting without checking with your boss first');
  });

  it('never says "matters" twice when naming a need that is about what matters', async () => {
    const result = await runConversation(['honestly i\'m exhausted. i got promoted to team lead 3 months ago and i\'m drowning', 'maybe 25 min', 'sure', "my old teammates still come to me for everything and i can't say no, then i do my own work at night"]);
    for (const turn of result.turns.filter((item) => item.role === 'coach')) expect(turn.text).not.toMatch(/\bmatters\b[^.]*\bmatters\b/);
  });
});

describe('a need about what matters, summed up', () => {
  it('is not said with "matters to you" in a summary either', () => {
    // The label is said only once the client confirmed the theme (a yes to the needs check).
    const state = {
      ...initialState('coach'),
      step: 'create_partnership' as const,
      needs: [{ id: 'need-prioritization', category: 'prioritization' as const, summary: 'focusing on what matters most', evidence: ['Everything is urgent.'], confidence: 0.9, confirmed: true, seq: 3 }],
      goals: [{ text: 'you want to leave by six', quote: 'I want to leave by six.', seq: 5 }],
    };
    const summary = summarize(phrases, state, 1, []);
    expect(summary?.text).toMatch(/focusing on what matters most/);
    expect(summary?.text).not.toMatch(/\bmatters\b[^.]*\bmatters\b/);
  });

  it('is never said in a summary while the client has not confirmed it', () => {
    const state = {
      ...initialState('coach'),
      step: 'create_partnership' as const,
      needs: [{ id: 'need-prioritization', category: 'prioritization' as const, summary: 'focusing on what matters most', evidence: ['Everything is urgent.'], confidence: 0.9, confirmed: false, seq: 3 }],
      goals: [{ text: 'you want to leave by six', quote: 'I want to leave by six.', seq: 5 }],
      strengths: [{ text: "you're calm with angry customers", quote: "I'm calm with angry customers", seq: 4 }],
    };
    const summary = summarize(phrases, state, 1, []);
    expect(summary?.text).toMatch(/leave by six/);
    expect(summary?.text).not.toMatch(/focusing on what matters most/);
  });
});

describe('corrections that name new words for a part in other forms', () => {
  const drafted = [
    'I want to overcome my fear of speaking in meetings, my english is not perfect.',
    'In planning meetings I stay quiet even when I know the answer.',
    "I'd know it's working when I make one comment in every planning meeting.",
    'I could talk to my director before the next planning meeting.',
  ];

  it('puts a person in by name where the words they replace stood, without "my" before the name', async () => {
    const { state } = await runConversation([...drafted, "Put Helen in by name in the first step. Not 'my director', it sounds like I'm avoiding her."]);
    expect(state.statement?.firstExperiment).toBe('talk to Helen before the next planning meeting');
    expect(state.statement?.status).toBe('draft');
  });

  it('rewrites the part whose words they refuse with the plainer words they give', async () => {
    const { state } = await runConversation([...drafted, "And please no words like 'overcome fear', is too dramatic. Put more simple: speak in the meetings even when my english is not perfect."]);
    expect(state.statement?.goals).toEqual(['speak in the meetings even when my english is not perfect']);
    expect(state.statement?.text).not.toMatch(/overcome/);
  });

  it('swaps "don\'t write A, write B" where A stands in the draft', async () => {
    const { state } = await runConversation([...drafted, "don't write 'planning meeting', write 'sprint planning'"]);
    expect(state.statement?.successIndicators.join(' ')).toMatch(/every sprint planning/);
  });

  it('asks which part when "too long, cut it" names none, rather than confirming or taking it as content', async () => {
    const { state, turns } = await runConversation([...drafted, 'too long, cut it']);
    expect(state.statement?.status).toBe('draft');
    expect(turns.at(-1)!.text).toMatch(/Which part/);
  });
});
