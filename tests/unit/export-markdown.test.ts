import { describe, expect, it } from 'vitest';
import { statementMarkdown, transcriptMarkdown } from '../../server/http/markdown.js';
import type { Statement } from '../../server/domain/schemas.js';
import { coachContent } from '../helpers/content.js';

const statement: Statement = {
  goals: ['delegate the weekly report'],
  needs: ['handing work to others and trusting them with it'],
  successIndicators: ['I leave by six twice a week'],
  firstExperiment: 'hand the report to Sam on Friday',
  constraints: ['no budget for training this year'],
  learningPreference: 'action',
  text: "I want to delegate the weekly report. I'll know it's working by this: I leave by six twice a week. My first experiment: hand the report to Sam on Friday.",
  sources: [
    { field: 'goals', quote: 'i want to delegate the weekly report', seq: 2 },
    { field: 'successIndicators', quote: "I'd know it works when I leave by six twice a week", seq: 6 },
    { field: 'firstExperiment', quote: 'hand the report to Sam on Friday', seq: 8 },
  ],
  status: 'confirmed',
};

describe('the statement a client takes to their coach', () => {
  const markdown = statementMarkdown(statement);

  it('reads as written for people: headings in words, the learning preference in words', () => {
    expect(markdown).toMatch(/^## What I want$/m);
    expect(markdown).toMatch(/^## How I'll know it's working$/m);
    expect(markdown).toMatch(/^## My first experiment$/m);
    expect(markdown).toMatch(/^## How I like to learn\n\nBy doing$/m);
    expect(markdown).toMatch(/_Confirmed_/);
  });

  it('names no internal field and no turn number', () => {
    expect(markdown).not.toMatch(/successIndicators|firstExperiment|learningPreference|\bgoals —|\(turn \d+\)/);
  });

  it('keeps the client\'s own words as they typed them', () => {
    expect(markdown).toContain('“i want to delegate the weekly report”');
  });
});

describe('the transcript export', () => {
  it('uses step titles, not step ids', () => {
    const markdown = transcriptMarkdown([{ seq: 1, role: 'coach', text: 'Welcome.', step: 'clarify_agreement', at: '2026-12-05T12:00:00.000Z' }], coachContent.steps);
    expect(markdown).toMatch(/^## Clarify the agreement$/m);
    expect(markdown).not.toMatch(/clarify_agreement/);
    expect(markdown).toMatch(/^\*\*Coach:\*\* Welcome\.$/m);
  });
});
