import type { SessionState } from '../domain/session-state.js';
import type { DateWords } from './date-words.js';
import { dayInTimeZone, resolveDateWords, type CalendarDay, type Repeat } from './resolve-date.js';

export const CALENDAR_KEYS = ['experiment', 'check-in'] as const;
export type CalendarKey = (typeof CALENDAR_KEYS)[number];

/**
 * One thing for the client's calendar: the first experiment or the agreed check-ins, with the one
 * line the client wrote. `date` is null when their words gave no day; the page then asks for one
 * (`reason` says why) instead of guessing.
 */
export interface CalendarItem {
  key: CalendarKey;
  /** The client's own line, verbatim (or as they edited it in the statement). */
  line: string;
  date: CalendarDay | null;
  repeat: Repeat | null;
  /** The words the date was read from, or how the client chose it. */
  from: 'words' | 'chosen' | null;
  reason?: 'vague' | 'no_date';
}

export interface CalendarInput {
  state: SessionState;
  /** When a client turn was said (ISO time), so "next Friday" counts from that day. */
  saidAt(seq: number): string | undefined;
  timeZone: string;
  rules: DateWords;
  /** Days the client chose on the page for items their words left open. */
  chosen: Partial<Record<CalendarKey, CalendarDay>>;
  now: Date;
}

/** The experiment and check-in items of a session, dates resolved in the client's time zone. */
export function calendarItems(input: CalendarInput): CalendarItem[] {
  const { state } = input;
  const referenceOf = (seq: number) => dayInTimeZone(new Date(input.saidAt(seq) ?? input.now.toISOString()), input.timeZone);
  const items: CalendarItem[] = [];

  const experimentLine = state.statement?.firstExperiment?.trim() || state.experiment?.quote.trim() || '';
  if (experimentLine) {
    // Where the client may have said when: the experiment itself, then the dated plan actions
    // (their whole sentence: "by Friday the 14th of March" says more than its "by when" part).
    const candidates = [
      ...(state.experiment ? [{ text: state.experiment.quote, seq: state.experiment.seq }] : []),
      { text: experimentLine, seq: state.experiment?.seq ?? 0 },
      ...state.plan.filter((action) => action.byWhen).map((action) => ({ text: action.quote, seq: action.seq })),
    ];
    items.push(withChoice(firstDated(candidates, referenceOf, input.rules, false), 'experiment', experimentLine, input.chosen));
  }

  if (state.checkIn) {
    const line = state.checkIn.quote.trim() || state.checkIn.text;
    items.push(withChoice(firstDated([{ text: state.checkIn.quote || state.checkIn.text, seq: state.checkIn.seq }], referenceOf, input.rules, true), 'check-in', line, input.chosen));
  }
  return items;
}

type Found = Pick<CalendarItem, 'date' | 'repeat' | 'from' | 'reason'>;

function firstDated(candidates: { text: string; seq: number }[], referenceOf: (seq: number) => CalendarDay, rules: DateWords, repeats: boolean): Found {
  let fallback: Found = { date: null, repeat: null, from: null, reason: 'no_date' };
  for (const [index, candidate] of candidates.entries()) {
    const resolved = resolveDateWords(candidate.text, referenceOf(candidate.seq), rules);
    const repeat = repeats ? resolved.repeat : null;
    if (resolved.date !== null) return { date: resolved.date, repeat, from: 'words' };
    if (index === 0) fallback = { date: null, repeat, from: null, reason: resolved.reason };
    // Vague words ("this week") are the client's answer about when: ask them to pin it down
    // rather than borrow another action's day.
    if (resolved.reason === 'vague') return fallback;
  }
  return fallback;
}

function withChoice(found: Found, key: CalendarKey, line: string, chosen: CalendarInput['chosen']): CalendarItem {
  const day = chosen[key];
  if (day) return { key, line, date: day, repeat: found.repeat, from: 'chosen' };
  return { key, line, ...found };
}
