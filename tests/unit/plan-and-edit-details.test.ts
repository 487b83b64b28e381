import { describe, expect, it } from 'vitest';
import { coachContent } from '../helpers/content.js';
import { findActions } from '../../server/understand/plan-slots.js';
import { readCorrection } from '../../server/understand/corrections.js';
import { endsWithFarewell } from '../../server/understand/intents.js';
import { splitSentences } from '../../server/understand/text.js';
import type { Statement } from '../../server/domain/schemas.js';

describe('details read from a plan message', () => {
  it('"the minimum counts" is no measure of counting (no "you\'ll count s")', () => {
    const actions = findActions("Sure, one more: the minimum counts. If all I do is 10 minutes it's still a tick.", 1, true);
    expect(actions.map((action) => action.measure ?? '').join(' ')).not.toMatch(/count\w* s\b/);
  });

  it('"I\'ll count how many calls I get" is still a measure', () => {
    expect(findActions("I'll count how many calls I get", 1, true)[0]?.measure).toBe('counting how many calls you get');
  });
});

describe('a goodbye on the way out', () => {
  it('"Great, that\'s what I needed. Cheers, off to a barrel tasting." ends with a farewell', () => {
    expect(endsWithFarewell(coachContent.intents, splitSentences("Great, that's what I needed. Cheers, off to a barrel tasting."))).toBe(true);
  });
});

describe('new words for words the statement never had', () => {
  const statement = { goals: ['run 3x a week through vintage, even if short'], needs: [], successIndicators: [], firstExperiment: 'schedule a run', text: 'I want to run 3x a week through vintage, even if short. My first experiment: schedule a run.' } as unknown as Statement;

  it('"Change \'3 runs every week\' to \'most weeks\'" asks which part instead of writing "most weeks" as the aim', () => {
    const reading = readCorrection(coachContent.corrections, "Mostly right. Change '3 runs every week' to 'most weeks' — there'll be a week or two where it's not happening.", statement);
    expect(reading).toMatchObject({ kind: 'change', unclear: true });
  });
});

describe('cutting the bit about something keeps the rest of the item as said', () => {
  const statement = {
    goals: ['be at home three nights a week without checking the WhatsApp group every ten minutes, and for the station to be fine'],
    needs: [],
    successIndicators: [],
    firstExperiment: '',
    text: 'I want to be at home three nights a week without checking the WhatsApp group every ten minutes, and for the station to be fine.',
  } as unknown as Statement;

  it('"take out the bit about not checking the WhatsApp" loses only that piece', () => {
    const reading = readCorrection(coachContent.corrections, "can you take out the bit about not checking the WhatsApp, because I'm not going to do that", statement);
    const goals = (reading as { edit?: { goals?: string[] } } | null)?.edit?.goals ?? [];
    expect(goals).toEqual(['be at home three nights a week, and for the station to be fine']);
  });
});
