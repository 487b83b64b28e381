import * as chrono from 'chrono-node';
import type { DateWords } from './date-words.js';

/** A day in the client's calendar, as `YYYY-MM-DD`; the events are all-day, so no clock time or offset. */
export type CalendarDay = string;

export interface Repeat {
  frequency: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
}

/** What a line of the client's words says about when: a day (and a rhythm), or why it cannot say. */
export type ResolvedDate =
  | { date: CalendarDay; repeat: Repeat | null; words: string }
  | { date: null; repeat: Repeat | null; reason: 'vague' | 'no_date' };

interface DayParts {
  year: number;
  month: number;
  day: number;
}

/** The calendar day an instant falls on in a time zone (the client's, sent by the page). */
export function dayInTimeZone(instant: Date, timeZone: string): CalendarDay {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function toParts(day: CalendarDay): DayParts {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return { year, month, day: date };
}

function toDay(parts: DayParts): CalendarDay {
  return `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): DayParts {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

function containsWords(text: string, words: string): boolean {
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  return new RegExp(`(^|[^a-z])${escaped}([^a-z]|$)`, 'i').test(text);
}

/** A named day ("by Easter") on or after the reference day: this year's, or next year's once it has passed. */
function namedDay(text: string, reference: CalendarDay, rules: DateWords): { date: CalendarDay; words: string } | null {
  const { year } = toParts(reference);
  for (const named of rules.namedDays) {
    const said = named.words.find((words) => containsWords(text, words));
    if (!said) continue;
    for (const candidateYear of [year, year + 1]) {
      const parts = named.easter ? easterSunday(candidateYear) : { year: candidateYear, month: named.month!, day: named.day! };
      const date = toDay(parts);
      if (date >= reference) return { date, words: said };
    }
  }
  return null;
}

function repeatOf(text: string, rules: DateWords): Repeat | null {
  const rule = rules.repeats.find((candidate) => new RegExp(candidate.pattern, 'i').test(text));
  return rule ? { frequency: rule.frequency, interval: rule.interval } : null;
}

/**
 * Reads when a line of the client's words says something happens, relative to the day they said
 * it (in their time zone): "next Friday", "by Easter", "every other Monday". A day of the month
 * said outright wins over vague words; a weekday alone does not ("the Monday report this week"
 * asks). When nothing certain is said, the answer says why, so the page asks rather than guesses.
 */
export function resolveDateWords(text: string, reference: CalendarDay, rules: DateWords): ResolvedDate {
  const repeat = repeatOf(text, rules);
  const vague = rules.vague.some((words) => containsWords(text, words));
  const { year, month, day } = toParts(reference);
  // Noon UTC of the reference day, read in UTC: only the day's components are used.
  const results = chrono.parse(text, { instant: new Date(Date.UTC(year, month - 1, day, 12)), timezone: 0 }, { forwardDate: true });
  const dayOf = (result: chrono.ParsedResult) => toDay({ year: result.start.get('year')!, month: result.start.get('month')!, day: result.start.get('day')! });
  const certainDay = results.find((result) => result.start.isCertain('day') && dayOf(result) >= reference);
  if (certainDay) return { date: dayOf(certainDay), repeat, words: certainDay.text };
  const named = namedDay(text, reference, rules);
  if (named) return { date: named.date, repeat, words: named.words };
  const weekday = results.find((result) => result.start.isCertain('weekday') && dayOf(result) >= reference);
  if (weekday && !vague) return { date: dayOf(weekday), repeat, words: weekday.text };
  return { date: null, repeat, reason: vague ? 'vague' : 'no_date' };
}
