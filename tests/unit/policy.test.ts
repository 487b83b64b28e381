import { coachContent, phrases } from '../helpers/content.js';
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyUnderstanding } from '../../server/understand/apply.js';
import { openingPlan, planTurn } from '../../server/policy/plan-turn.js';
import { PromptBankError } from '../../server/phrase/prompt-bank.js';
import { loadPromptBank } from '../../server/content/load-content.js';
import { recordCoachTurn } from '../../server/policy/record.js';
import { understand } from '../../server/understand/understand.js';
import { offlineEngine } from '../../server/phrase/offline-engine.js';
import type { StepId } from '../../server/domain/steps.js';
import { type SessionState, initialState } from '../../server/domain/session-state.js';
import { clientTurn, recordPlan } from '../../server/app/turn.js';

function inStep(step: StepId, patch: Partial<SessionState> = {}): SessionState {
  return { ...initialState('coach'), step, ...patch };
}

/** One client turn through understand → apply → plan → record. */
/** One client turn through the server's own loop (understand, apply, machine, policy), then the coach's words recorded. */
function turn(state: SessionState, text: string, seq: number) {
  const result = clientTurn(coachContent, state, { text, seq });
  return { plan: result.plan, state: recordPlan(result.state, result.plan, result.plan.moves.map((move) => move.text).join(' ')), understanding: result.understanding };
}

const questions = (kinds: string[]) => kinds.filter((kind) => kind.endsWith('question') || kind === 'needs_check');

describe('opening and agreement', () => {
  it('opens with what this is, its boundaries and confidentiality, then asks the purpose', () => {
    const plan = openingPlan(coachContent, initialState('coach'));
    const text = plan.moves.map((move) => move.text).join(' ');
    expect(plan.moves[0]!.kind).toBe('structuring');
    expect(text).toMatch(/AI coach/);
    expect(text).toMatch(/isn't therapy/);
    expect(text).toMatch(/kept on this server/);
    expect(text).toMatch(/delete/);
    expect(text).toMatch(/twenty minutes/);
    expect(text).toMatch(/partnership statement/);
    expect(plan.moves.at(-1)!.questionId).toBe('agreement.purpose.1');
  });

  it('reflects the purpose and moves on to the partnership in the same turn', () => {
    const state = recordCoachTurn(initialState('coach'), openingPlan(coachContent, initialState('coach')));
    const result = turn(state, 'I want to talk about delegating to my new team.', 2);
    expect(result.plan.moves[0]!.kind).toBe('simple_reflection');
    expect(result.plan.moves[0]!.text).toMatch(/delegating to your new team/);
    expect(result.state.agreement.consent).toBe(true);
    expect(result.state.step).toBe('create_partnership');
    expect(result.plan.moves.at(-1)!.text).toMatch(/\?$/);
  });

  it('answers "is this a bot?" honestly and asks again what to focus on, without reflecting the question', () => {
    const state = recordCoachTurn(initialState('coach'), openingPlan(coachContent, initialState('coach')));
    const result = turn(state, 'is this a bot?', 2);
    const text = result.plan.moves.map((move) => move.text).join(' ');
    expect(text).toMatch(/AI/);
    expect(text).not.toMatch(/is this a bot/i);
    expect(result.plan.moves.at(-1)!.questionId).toMatch(/^agreement\.purpose/);
    expect(result.state.step).toBe('clarify_agreement');
  });
});

describe('partnership step', () => {
  const base = inStep('create_partnership', { agreement: { purpose: { text: 'delegation', quote: 'delegation', seq: 2 }, timeAvailable: null, consent: true } });

  // The coach's last two turns were reflections with no question: this turn asks.
  const afterReflection: SessionState = { ...base, turnsInStep: 2, recentCoachTexts: ['So that matters a lot to you.', 'It sounds like your team matters to you.'] };

  it('reflects first, then asks at most one open question', () => {
    const { plan } = turn(afterReflection, "I want my team to own their releases, but I'm scared quality will slip.", 5);
    const kinds = plan.moves.map((move) => move.kind);
    expect(kinds[0]).toMatch(/reflection/);
    expect(questions(kinds)).toHaveLength(1);
    // An open question, or a needs check when the needs detector heard a need only half-way (its confidence is the detector's call).
    expect(kinds.at(-1)).toMatch(/^(?:open_question|needs_check)$/);
  });

  it('names both sides of an ambivalence in a complex reflection', () => {
    const { plan } = turn(base, "I want my team to own their releases, but I'm scared quality will slip.", 5);
    const complex = plan.moves.find((move) => move.kind === 'complex_reflection');
    expect(complex?.text).toMatch(/your team to own their releases/);
    expect(complex?.text).toMatch(/quality will slip/);
  });

  it('names a newly heard need in the words the client used, never as a stock theme', () => {
    // The need is voiced in a sentence the simple reflection did not give back: it is named with the client's words.
    const { plan } = turn(base, 'I end up doing everything myself. My manager wants a report every day, I am exhausted and nobody helps.', 5);
    expect(plan.moves.some((move) => move.kind === 'complex_reflection' && /you end up doing everything yourself/.test(move.text))).toBe(true);
    // "Handing work to others and trusting them with it" was never said by this client: it is not put in their mouth.
    for (const text of ['I end up doing everything myself and I am exhausted.', 'I end up doing everything myself. My manager wants a report every day, I am exhausted and nobody helps.']) {
      expect(turn(base, text, 5).plan.moves.map((move) => move.text).join(' ')).not.toMatch(/handing work to others|sustainable balance/);
    }
  });

  it('checks a need heard with medium confidence instead of assuming it', () => {
    const { plan } = turn(afterReflection, 'Morale on the team has dropped since the reorg.', 5);
    const check = plan.moves.find((move) => move.kind === 'needs_check');
    expect(check?.questionId).toBe('needs_check.team_development');
    expect(check?.text).toMatch(/\?$/);
  });

  it('confirms a checked need when the client says yes', () => {
    const first = turn(afterReflection, 'Morale on the team has dropped since the reorg.', 5);
    const second = turn(first.state, 'Yes, exactly.', 7);
    expect(second.state.needs.find((need) => need.category === 'team_development')?.confirmed).toBe(true);
  });

  it('never asks the same question twice and never repeats a reflection verbatim', () => {
    let state = base;
    const said: string[] = [];
    const asked: string[] = [];
    const lines = ['I am not sure.', 'I am not sure.', 'I am not sure.', 'Hard to say.', 'I am not sure.', 'I am not sure.', 'Hmm.', 'I am not sure.', 'Not sure.', 'I am not sure.', 'I am not sure.'];
    lines.forEach((line, index) => {
      const result = turn(state, line, 10 + index * 2);
      for (const move of result.plan.moves) {
        if (move.questionId) {
          expect(asked).not.toContain(move.questionId);
          asked.push(move.questionId);
        }
        if (move.kind.endsWith('reflection')) {
          expect(said).not.toContain(move.text);
          said.push(move.text);
        }
      }
      state = result.state;
    });
  });

  it('summarises every fourth turn', () => {
    let state = base;
    const lines = ['I want to delegate the weekly report.', 'My team is stretched thin.', "I'd know it's working when I leave by six.", 'I learn by doing.'];
    let last = turn(state, lines[0]!, 3);
    for (let index = 1; index < lines.length; index++) {
      state = last.state;
      last = turn(state, lines[index]!, 3 + index * 2);
    }
    // What was just said is reflected first; the summary follows and pulls the threads together.
    const summary = last.plan.moves.find((move) => move.kind === 'summary');
    expect(summary?.text).toMatch(/delegate the weekly report/);
    expect(last.plan.moves.findIndex((move) => move.kind === 'summary')).toBeLessThanOrEqual(1);
  });

  it('proposes the statement once goals, needs, a success signal and an experiment are known, and asks to confirm or edit', () => {
    let state = base;
    const lines = [
      'I want to delegate the weekly report because I end up doing everything myself.',
      "I'd know it's working when I leave by six twice a week.",
      'I could try handing the report to Sam for the next two weeks.',
    ];
    let result = turn(state, lines[0]!, 3);
    state = result.state;
    result = turn(state, lines[1]!, 5);
    state = result.state;
    result = turn(state, lines[2]!, 7);
    const proposal = result.plan.moves.find((move) => move.label === 'proposes the partnership statement');
    expect(proposal?.text).toMatch(/delegate the weekly report/);
    expect(result.plan.moves.at(-1)!.questionId).toMatch(/^statement\.confirm/);
    const confirmed = turn(result.state, "Yes, that's right.", 9);
    expect(confirmed.state.statement?.status).toBe('confirmed');
  });

  it('on a refused move, says what is missing and drafts the statement', () => {
    const state = inStep('create_partnership', { goals: [{ text: 'delegate more', quote: 'I want to delegate more.', seq: 3 }] });
    const plan = planTurn(coachContent, state, null, { refused: { to: 'construct_plan', missing: ['a draft partnership statement'] } });
    expect(plan.moves[0]!.text).toMatch(/still need a draft partnership statement/);
    expect(plan.statement?.status).toBe('draft');
    expect(plan.moves.some((move) => move.questionId?.startsWith('statement.confirm'))).toBe(true);
  });
});

describe('plan and challenge steps', () => {
  it('challenges a vague action, then asks for a date and a measure', () => {
    let state = inStep('construct_plan', { asked: ['plan.action.1'] });
    let result = turn(state, "I'll try to delegate more.", 3);
    expect(result.plan.moves.at(-1)!.label).toBe('challenges a vague action');
    state = result.state;
    result = turn(state, "I'll hand the Monday report to Sam.", 5);
    expect(result.plan.moves.at(-1)!.questionId).toMatch(/^plan\.by_when/);
    result = turn(result.state, 'By Friday.', 7);
    expect(result.plan.moves.at(-1)!.questionId).toMatch(/^plan\.measure/);
    expect(result.state.plan[0]!.byWhen).toBe('By Friday');
  });

  it('asks commitment, confidence, then what would raise a low confidence', () => {
    let state = inStep('collaborate_challenge', { plan: [{ what: 'hand the report to Sam', byWhen: 'by Friday', measure: 'no edits', support: null, quote: 'x', seq: 2 }] });
    let result = turn(state, 'Sounds fine.', 3);
    expect(result.plan.moves.at(-1)!.questionId).toMatch(/^challenge\.commitment/);
    state = result.state;
    result = turn(state, "I'm committed.", 5);
    expect(result.plan.moves.at(-1)!.questionId).toBe('challenge.confidence.1');
    result = turn(result.state, 'About a 5.', 7);
    expect(result.state.confidence).toBe(5);
    expect(result.plan.moves.at(-1)!.questionId).toBe('challenge.confidence_raise.1');
  });

  it('challenges an assumption grounded in the client\'s own plan', () => {
    const state = inStep('collaborate_challenge', {
      plan: [{ what: 'hand the report to Sam', byWhen: 'by Friday', measure: 'no edits', support: null, quote: 'x', seq: 2 }],
      commitment: { text: 'committed', quote: 'committed', seq: 3 },
      confidence: 8,
      obstacles: [{ text: 'fires', quote: 'fires', seq: 4 }],
      asked: ['challenge.obstacles.1', 'challenge.obstacles.2'],
    });
    const plan = planTurn(coachContent, state, null, {});
    const challenge = plan.moves.find((move) => move.label === 'respectfully challenges an assumption');
    expect(challenge?.text).toMatch(/hand the report to Sam, by Friday/);
  });

  it('closes with a summary quoting the statement and the plan', () => {
    const state = inStep('complete', {
      statement: { goals: ['delegate'], needs: [], successIndicators: [], firstExperiment: '', constraints: [], learningPreference: null, text: 'I want to delegate the report.', sources: [], status: 'confirmed' },
      plan: [{ what: 'hand the report to Sam', byWhen: 'by Friday', measure: 'no edits', support: null, quote: 'x', seq: 2 }],
      commitment: { text: 'committed', quote: 'committed', seq: 3 },
      confidence: 8,
      checkIn: { text: 'every two weeks', quote: 'every two weeks', seq: 4 },
    });
    const plan = planTurn(coachContent, state, null, { transition: { from: 'collaborate_challenge', to: 'complete', reason: 'exit criteria met' } });
    const text = plan.moves.map((move) => move.text).join(' ');
    expect(text).toMatch(/I want to delegate the report/);
    expect(text).toMatch(/hand the report to Sam/);
    expect(text).toMatch(/every two weeks/);
    expect(text).toMatch(/8 out of 10/);
  });
});

describe('determinism, engine and prompt bank', () => {
  it('gives the same plan for the same input', () => {
    const state = inStep('create_partnership');
    const first = turn(state, 'I keep getting pulled into every decision.', 4).plan;
    const second = turn(state, 'I keep getting pulled into every decision.', 4).plan;
    expect(second).toEqual(first);
  });

  it('rotates wording with the turn', () => {
    const state = inStep('create_partnership');
    const texts = new Set([3, 5, 7, 9].map((seq) => turn(state, 'My team keeps missing deadlines.', seq).plan.moves[0]!.text));
    expect(texts.size).toBeGreaterThan(1);
  });

  it('streams the plan text in sentences and finishes with the moves', async () => {
    const plan = openingPlan(coachContent, initialState('coach'));
    const parts = [];
    for await (const part of offlineEngine.phrase({ state: initialState('coach'), recent: [], message: null, plan })) parts.push(part);
    const deltas = parts.filter((part) => part.type === 'text-delta');
    const finish = parts.at(-1);
    expect(deltas.length).toBeGreaterThan(1);
    expect(finish?.type).toBe('finish');
    if (finish?.type === 'finish') {
      expect(deltas.map((part) => (part.type === 'text-delta' ? part.text : '')).join('')).toBe(finish.text);
      expect(finish.moves.map((move) => move.kind)).toEqual(plan.moves.map((move) => move.kind));
    }
  });

  it('names the file and the field when a prompt file is invalid', () => {
    const directory = mkdtempSync(join(tmpdir(), 'prompts-'));
    cpSync(join(process.cwd(), 'content/phrases'), directory, { recursive: true });
    const reflections = JSON.parse(readFileSync(join(directory, 'reflections.json'), 'utf8'));
    reflections.simple = [];
    writeFileSync(join(directory, 'reflections.json'), JSON.stringify(reflections));
    expect(() => loadPromptBank(directory)).toThrow(PromptBankError);
    expect(() => loadPromptBank(directory)).toThrow(/reflections\.json: field simple/);
  });

  it('rejects duplicate question ids', () => {
    const directory = mkdtempSync(join(tmpdir(), 'prompts-'));
    cpSync(join(process.cwd(), 'content/phrases'), directory, { recursive: true });
    const bank = JSON.parse(readFileSync(join(directory, 'questions.json'), 'utf8'));
    bank.questions.push({ ...bank.questions[0], text: 'Another wording?' });
    writeFileSync(join(directory, 'questions.json'), JSON.stringify(bank));
    expect(() => loadPromptBank(directory)).toThrow(/questions\.json: field questions\.\d+\.id: duplicate id/);
  });
});
