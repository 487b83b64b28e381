import { z } from 'zod';

/**
 * The shape of content/calendar/calendar-words.json: how dates said in words are read for the
 * calendar file. Rules are data (a coach adds a way of saying "every other week" without code);
 * each repeat rule carries the sentences it must and must not match, run by one test.
 */
export const RepeatRuleSchema = z
  .object({
    pattern: z.string().min(1),
    frequency: z.enum(['DAILY', 'WEEKLY', 'MONTHLY']),
    interval: z.number().int().min(1).max(12),
    match: z.array(z.string().min(1)).min(1),
    noMatch: z.array(z.string().min(1)).min(1),
  })
  .strict();

export const NamedDaySchema = z
  .object({
    words: z.array(z.string().min(1)).min(1),
    /** Easter Sunday moves every year; it is computed, not listed. */
    easter: z.literal(true).optional(),
    month: z.number().int().min(1).max(12).optional(),
    day: z.number().int().min(1).max(31).optional(),
  })
  .strict()
  .refine((value) => value.easter === true || (value.month !== undefined && value.day !== undefined), 'a named day needs easter: true or a month and a day');

export const DateWordsSchema = z
  .object({
    about: z.string().optional(),
    /** The calendar events' titles (their descriptions are the client's own lines). */
    titles: z.object({ experiment: z.string().min(1), 'check-in': z.string().min(1) }).strict(),
    repeats: z.array(RepeatRuleSchema),
    namedDays: z.array(NamedDaySchema),
    vague: z.array(z.string().min(1)),
  })
  .strict();

export type DateWords = z.infer<typeof DateWordsSchema>;
export type RepeatRule = z.infer<typeof RepeatRuleSchema>;

/** Parses the file's content, compiling each pattern once so a broken one stops the start. */
export function parseDateWords(value: unknown): DateWords {
  const words = DateWordsSchema.parse(value);
  for (const rule of words.repeats) new RegExp(rule.pattern, 'i');
  return words;
}
