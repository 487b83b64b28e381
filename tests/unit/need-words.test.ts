import { phrases } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../server/phrase/summaries.js';
import { initialState, type SessionState } from '../../server/domain/session-state.js';
import { runConversation } from '../../eval/driver.js';

/**
 * A need is named in the client's own words, or not at all unless the client confirmed the theme:
 * readers of transcripts mark a stock theme ("a sustainable balance between work and the rest of
 * your life", "second-guessing") put in the mouth of a client who never said it.
 */
const STOCK_THEMES = Object.values(phrases.reflections.needPhrases);
const SPOKEN_AS_THEIRS = new Set(['simple_reflection', 'complex_reflection', 'summary']);

async function reflectionsOf(messages: string[]): Promise<string[]> {
  const result = await runConversation(messages);
  return result.turns.flatMap((turn) => (turn.role === 'coach' && turn.plan ? turn.plan.moves.filter((move) => SPOKEN_AS_THEIRS.has(move.kind)).map((move) => move.text) : []));
}

describe('needs named in the client’s words', () => {
  it('links a need heard again to what the client said before, never to a stock theme', async () => {
    const said = await reflectionsOf([
      "I'd like to talk about my workload as a new team lead.",
      'About 30 minutes.',
      'Sure.',
      'I end up doing everything myself because nobody else knows the system.',
      'My boss is supportive, she checks in weekly.',
      'We ship a release every month.',
      // (Worded so the crisis model does not ask its check: "It happened again this week: I ended up
      // doing all the work myself" scores just over its alarm bar, a known false check, docs/safety.md.)
      'Same again this week: I did all the work myself because I cannot let go of it.',
    ]);
    expect(said.at(-1)).toMatch(/what you said (?:earlier|before): you end up doing everything yourself because nobody else knows the system\.$/);
    for (const text of said) for (const theme of STOCK_THEMES) expect(text).not.toContain(theme);
  });

  it('names the topic a terse client gave in their own word, not the theme behind it', async () => {
    const said = await reflectionsOf(['Delegation.', '20 min.', 'ok', 'Doing it all myself.', 'No time.', 'Team ships without me.']);
    expect(said.join(' ')).toMatch(/delegation (?:is still on your mind|matters to you)/);
    expect(said.join(' ')).not.toMatch(/handing work to others/);
  });
});

describe('summaries say a limit as the client put it', () => {
  function withLimit(evidence: string, summary: string): SessionState {
    return {
      ...initialState('coach'),
      step: 'create_partnership',
      goals: [{ text: 'you want to open a second shop', quote: 'I want to open a second shop.', seq: 3 }],
      constraints: [{ kind: 'bandwidth', summary, evidence: [evidence], seq: 4 }],
    };
  }

  it('a whole clause of theirs, not the kind of limit', () => {
    const text = summarize(phrases, withLimit('Money is tight, I cannot hire anyone until spring.', 'a limited budget'), 1, [])?.text ?? '';
    expect(text).toMatch(/money is tight, you cannot hire anyone until spring/);
    expect(text).not.toMatch(/limited budget/);
  });

  it('a short answer of theirs, said as theirs', () => {
    const text = summarize(phrases, withLimit('Only me.', 'limited capacity in the team'), 1, [])?.text ?? '';
    expect(text).toMatch(/as you put it: only you\./);
    expect(text).not.toMatch(/limited capacity/);
  });
});

describe('a topic named in their own words', () => {
  it('is a thing named, never a feeling', async () => {
    const { needTopicInOwnWords } = await import('../../server/phrase/need-words.js');
    expect(needTopicInOwnWords(['Delegation.'])).toBe('delegation');
    expect(needTopicInOwnWords(['annoyed i guess. bit embarrassed.'])).toBeNull();
    expect(needTopicInOwnWords(['too tired'])).toBeNull();
  });
});
