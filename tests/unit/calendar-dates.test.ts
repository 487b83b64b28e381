import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarItems } from '../../server/calendar/calendar-items.js';
import { icsFile } from '../../server/calendar/ics-file.js';
import { dayInTimeZone, easterSunday, resolveDateWords } from '../../server/calendar/resolve-date.js';
import { initialState } from '../../server/domain/session-state.js';
import { loadDateWords } from '../../server/content/load-calendar.js';

const rules = loadDateWords();
// A Saturday.
const SATURDAY = '2026-12-05';

describe('the repeat rules in content/calendar/calendar-words.json', () => {
  for (const rule of rules.repeats) {
    it(`${rule.frequency} every ${rule.interval}: its examples`, () => {
      const pattern = new RegExp(rule.pattern, 'i');
      const first = (text: string) => rules.repeats.find((candidate) => new RegExp(candidate.pattern, 'i').test(text));
      for (const sentence of rule.match) expect(first(sentence), sentence).toBe(rule);
      for (const sentence of rule.noMatch) expect(pattern.test(sentence), sentence).toBe(false);
    });
  }
});

describe('dates said in words', () => {
  it('reads days relative to the day they were said', () => {
    expect(resolveDateWords('next Friday', SATURDAY, rules)).toMatchObject({ date: '2026-12-11', repeat: null });
    expect(resolveDateWords('I will hand it over by the 14th of March', SATURDAY, rules)).toMatchObject({ date: '2027-03-14' });
    expect(resolveDateWords('tomorrow', SATURDAY, rules)).toMatchObject({ date: '2026-12-06' });
  });

  it('reads a rhythm and its first day: "every other Monday"', () => {
    expect(resolveDateWords('Let us check in every other Monday', SATURDAY, rules)).toEqual({ date: '2026-12-07', repeat: { frequency: 'WEEKLY', interval: 2 }, words: 'Monday' });
    expect(resolveDateWords('every Friday for fifteen minutes', SATURDAY, rules)).toMatchObject({ date: '2026-12-11', repeat: { frequency: 'WEEKLY', interval: 1 } });
  });

  it('knows Easter, computed for the year, and Christmas', () => {
    expect(easterSunday(2027)).toEqual({ year: 2027, month: 3, day: 28 });
    expect(easterSunday(2025)).toEqual({ year: 2025, month: 4, day: 20 });
    expect(resolveDateWords('I want it done by Easter', SATURDAY, rules)).toMatchObject({ date: '2027-03-28' });
    expect(resolveDateWords('before Christmas', '2026-12-26', rules)).toMatchObject({ date: '2027-12-25' });
  });

  it('asks rather than guesses when the words give no day', () => {
    expect(resolveDateWords('handing the Monday report to Priya this week', SATURDAY, rules)).toMatchObject({ date: null, reason: 'vague' });
    expect(resolveDateWords('a weekly check-in with my coach', SATURDAY, rules)).toMatchObject({ date: null, reason: 'no_date', repeat: { frequency: 'WEEKLY', interval: 1 } });
    expect(resolveDateWords('I will try it', SATURDAY, rules)).toMatchObject({ date: null, reason: 'no_date' });
  });

  it('counts from the day in the client’s time zone, not the server’s', () => {
    const lateEvening = new Date('2026-12-05T23:30:00Z');
    expect(dayInTimeZone(lateEvening, 'UTC')).toBe('2026-12-05');
    expect(dayInTimeZone(lateEvening, 'Asia/Tokyo')).toBe('2026-12-06');
    const state = { ...initialState('coach', null), experiment: { text: 'try it tomorrow', quote: 'I will try it tomorrow', seq: 4 } };
    const at = (timeZone: string) => calendarItems({ state, saidAt: () => lateEvening.toISOString(), timeZone, rules, chosen: {}, now: lateEvening })[0]?.date;
    expect(at('UTC')).toBe('2026-12-06');
    expect(at('Asia/Tokyo')).toBe('2026-12-07');
  });
});

describe('the calendar file', () => {
  it('imports into a standard parser with the client’s lines, the days and the rhythm', () => {
    const state = {
      ...initialState('coach', null),
      experiment: { text: 'hand the report to Priya', quote: 'I will hand the report to Priya next Friday', seq: 3 },
      checkIn: { text: 'check in every other Monday', quote: 'Let us check in every other Monday morning', seq: 7 },
    };
    const items = calendarItems({ state, saidAt: () => '2026-12-05T10:00:00Z', timeZone: 'Europe/London', rules, chosen: {}, now: new Date() });
    const calendar = new ICAL.Component(ICAL.parse(icsFile(items, 'session-1', rules)));
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events.map((event) => [event.summary, event.description, event.startDate.toString()])).toEqual([
      ['First experiment', 'I will hand the report to Priya next Friday', '2026-12-11'],
      ['Coaching check-in', 'Let us check in every other Monday morning', '2026-12-07'],
    ]);
    expect(events[0]!.startDate.isDate).toBe(true);
    expect(events[1]!.component.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO');
    const iterator = events[1]!.iterator();
    const [first, second] = [iterator.next()!, iterator.next()!];
    expect([first.toString(), second.toString()]).toEqual(['2026-12-07', '2026-12-21']);
    // No internal id travels in the file.
    expect(icsFile(items, 'session-1', rules)).not.toContain('session-1');
  });

  it('takes the day the client chose for words that gave none', () => {
    const state = { ...initialState('coach', null), experiment: { text: 'try it soon', quote: 'I will try it soon', seq: 3 } };
    const open = calendarItems({ state, saidAt: () => undefined, timeZone: 'UTC', rules, chosen: {}, now: new Date('2026-12-05T10:00:00Z') });
    expect(open).toEqual([{ key: 'experiment', line: 'I will try it soon', date: null, repeat: null, from: null, reason: 'vague' }]);
    const chosen = calendarItems({ state, saidAt: () => undefined, timeZone: 'UTC', rules, chosen: { experiment: '2026-12-09' }, now: new Date('2026-12-05T10:00:00Z') });
    expect(chosen[0]).toMatchObject({ date: '2026-12-09', from: 'chosen' });
  });
});

describe('which words date the first experiment', () => {
  const action = { what: 'hand the report over', byWhen: 'the 14th of March', support: null, measure: 'she sends it', quote: 'I will hand the report over by the 14th of March', seq: 9 };
  const items = (quote: string) =>
    calendarItems({ state: { ...initialState('coach', null), experiment: { text: 'x', quote, seq: 3 }, plan: [action] }, saidAt: () => '2026-12-05T10:00:00Z', timeZone: 'UTC', rules, chosen: {}, now: new Date() })[0];

  it('takes a dated plan action’s day when the experiment says nothing about when', () => {
    expect(items('I will try handing the report to Priya')).toMatchObject({ date: '2027-03-14', from: 'words' });
  });

  it('asks when the experiment’s own words are vague, instead of borrowing another action’s day', () => {
    expect(items('handing the Monday report to Priya this week')).toMatchObject({ date: null, reason: 'vague' });
  });
});
