import { createHash } from 'node:crypto';
import { createEvents, type EventAttributes } from 'ics';
import type { CalendarItem } from './calendar-items.js';
import type { DateWords } from './date-words.js';

function dayArray(day: string, plusDays = 0): [number, number, number] {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(year, month - 1, date + plusDays));
  return [moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate()];
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/**
 * The calendar file (RFC 5545, written by the `ics` library) of the items that have a day.
 * Events are all-day, so they land on the day the client meant whatever their calendar's zone.
 * A UID is derived from the session and the item, so importing the file again updates the events
 * instead of doubling them, and names no internal id.
 */
export function icsFile(items: CalendarItem[], sessionId: string, words: DateWords): string {
  const events: EventAttributes[] = items.flatMap((item) => {
    if (!item.date) return [];
    const [year, month, day] = dayArray(item.date);
    const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
    const rule = item.repeat
      ? `FREQ=${item.repeat.frequency};INTERVAL=${item.repeat.interval}${item.repeat.frequency === 'WEEKLY' ? `;BYDAY=${weekday}` : ''}`
      : undefined;
    const uid = `${createHash('sha256').update(`${sessionId}:${item.key}`).digest('hex').slice(0, 32)}@rapport`;
    return [
      {
        uid,
        title: words.titles[item.key],
        description: item.line,
        start: [year, month, day],
        end: dayArray(item.date, 1),
        ...(rule ? { recurrenceRule: rule } : {}),
        transp: 'TRANSPARENT',
      } satisfies EventAttributes,
    ];
  });
  const { error, value } = createEvents(events, { productId: 'rapport/calendar', calName: 'Rapport' });
  if (error || value === null) throw new Error(`the calendar file could not be written: ${error?.message ?? 'no value'}`);
  return value;
}
