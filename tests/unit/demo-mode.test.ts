import { coachContent, shippedContent } from '../helpers/content.js';
import { describe, expect, it } from 'vitest';
import { planText } from '../../server/phrase/offline-engine.js';
import { FeedbackReportSchema } from '../../server/domain/schemas.js';
import { demoClientLine, demoProgress, MAX_DEMO_EXCHANGES } from '../../server/app/demo.js';
import { annotateForTrainers } from '../../server/persona/demo-annotations.js';
import { NEED_CATEGORIES } from '../../server/domain/schemas.js';

const annotations = shippedContent.demoAnnotations;
const TECHNIQUE_NOTES = annotations.techniques;
import { feedbackFor } from '../../server/app/feedback-report.js';
import { initialState } from '../../server/domain/session-state.js';
import type { StoredEvent } from '../../server/store/store.js';
import { clientTurn, openingTurn, recordPlan } from '../../server/app/turn.js';

const classifier = shippedContent.classifier;

function event(seq: number, role: 'coach' | 'client', text: string): StoredEvent {
  return { seq, role, text, step: 'clarify_agreement', at: '', kind: 'message', clientMessageId: null, replyTo: null, payload: null };
}

/** A whole demo without I/O: the persona's lines and the offline coach's annotated plans. */
function playDemo(personaId: string) {
  const persona = shippedContent.personas.get(personaId)!;
  let state = initialState('demo', personaId);
  const opening = openingTurn(coachContent, state);
  state = recordPlan(state, opening, planText({ plan: opening }));
  const events = [event(1, 'coach', planText({ plan: opening }))];
  const plans = [];
  while (!demoProgress(state).done) {
    const last = events.at(-1)!;
    const { label } = classifier.classify({ text: last.text, previousClient: state.rehearsal!.lastClientLine });
    const chosen = demoClientLine(persona, state, { text: last.text, label, seq: last.seq });
    events.push(event(events.length + 1, 'client', chosen.line));
    const turn = clientTurn(coachContent, { ...state, rehearsal: chosen.rehearsal }, { text: chosen.line, seq: events.length });
    const plan = annotateForTrainers(turn.plan, annotations);
    plans.push(plan);
    state = recordPlan(turn.state, plan, planText({ plan }));
    events.push(event(events.length + 1, 'coach', planText({ plan })));
  }
  return { state, events, plans };
}

describe('demo mode, played purely', () => {
  it.each(shippedContent.personas.personas.map((persona) => persona.id))('%s reaches the close with a confirmed statement, never repeating a client line', async (id) => {
    const { state, events, plans } = playDemo(id);
    expect(state.step).toBe('complete');
    expect(demoProgress(state).exchanges).toBeLessThan(MAX_DEMO_EXCHANGES);
    expect(state.statement?.status).toBe('confirmed');
    const clientLines = events.filter((item) => item.role === 'client').map((item) => item.text);
    expect(new Set(clientLines).size).toBe(clientLines.length);
    for (const plan of plans) for (const move of plan.moves) expect(move.note).toContain(TECHNIQUE_NOTES[move.kind]);
    // Words people use: no internal id (strategic_thinking, work_life_balance) and no bare category name after "need:".
    const shown = plans.flatMap((plan) => plan.moves.map((move) => `${move.label ?? ''} ${move.note ?? ''}`)).join('\n');
    expect(shown).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    for (const category of NEED_CATEGORIES) expect(shown).not.toMatch(new RegExp(`need: ${category}\\b`));
    const report = FeedbackReportSchema.parse(await feedbackFor(state, events, shippedContent.personas, shippedContent.classifier));
    expect(report.statementCoCreated).toBe(true);
    expect(report.needsTotal).toBe(shippedContent.personas.get(id)!.needs.length);
  });

  it('annotates every move for trainers and keeps the note the policy set', () => {
    const plan = annotateForTrainers({
      step: 'create_partnership',
      moves: [
        { kind: 'complex_reflection', text: 'It sounds like…' },
        { kind: 'summary', note: 'draft', text: 'Here is a draft…' },
        { kind: 'needs_check', label: 'checks a possible need: communication', text: 'I wonder…' },
        { kind: 'complex_reflection', label: 'links back to the need: strategic_thinking', text: 'You said…' },
      ],
    }, annotations);
    expect(plan.moves[0]!.note).toBe(TECHNIQUE_NOTES.complex_reflection);
    expect(plan.moves[1]!.note).toBe(`${TECHNIQUE_NOTES.summary} (draft)`);
    expect(plan.moves[2]!.label).toBe('checks a possible need: getting their message across');
    expect(plan.moves[3]!.label).toBe('links back to the need: thinking about the longer term');
  });
});
