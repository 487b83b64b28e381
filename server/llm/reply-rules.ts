import { z } from 'zod';
import { MOVE_KINDS } from '../domain/schemas.js';

/**
 * What a model's reply may not do, as data (content/llm/guard.json): each pattern with the
 * sentences it must and must not catch, checked when the file is loaded so an edit that breaks
 * a pattern fails the start, naming the pattern and the sentence. The checking itself is
 * server/phrase/llm-guard.ts.
 */
const PatternSchema = z
  .object({
    id: z.string().regex(/^[a-z_]+$/),
    why: z.string().min(1),
    pattern: z.string().min(1),
    /** The pattern does not apply to a turn whose plan has a move of this kind. */
    allowedWhenMove: z.enum(MOVE_KINDS).optional(),
    mustMatch: z.array(z.string()).min(1),
    mustNotMatch: z.array(z.string()).min(1),
  })
  .strict();

const LANGUAGE_CODE = /^[a-z]{2}$/;

export const ReplyRulesSchema = z
  .object({
    version: z.literal(1),
    about: z.string(),
    maxWords: z.number().int().positive(),
    maxQuestions: z.number().int().min(0),
    patterns: z.array(PatternSchema).min(1),
    languages: z
      .record(z.string(), z.union([z.string(), z.array(z.string().min(1)).min(5)]))
      .refine((languages) => Object.keys(languages).some((key) => LANGUAGE_CODE.test(key)), 'at least one language'),
  })
  .strict();

export interface ReplyPattern {
  id: string;
  why: string;
  regex: RegExp;
  allowedWhenMove?: (typeof MOVE_KINDS)[number];
}

export interface ReplyRules {
  maxWords: number;
  maxQuestions: number;
  patterns: ReplyPattern[];
  /** Language code → its common short words (lower case). */
  languages: Record<string, ReadonlySet<string>>;
}

/** Validates content/llm/guard.json (already parsed as JSON); throws one error listing every problem. */
export function parseReplyRules(document: unknown, where = 'llm/guard.json'): ReplyRules {
  const parsed = ReplyRulesSchema.safeParse(document);
  if (!parsed.success) {
    throw new Error(`Invalid ${where}:\n${parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
  }
  const problems: string[] = [];
  const patterns: ReplyPattern[] = [];
  for (const entry of parsed.data.patterns) {
    let regex: RegExp;
    try {
      regex = new RegExp(entry.pattern, 'iu');
    } catch (error) {
      problems.push(`${entry.id}: the pattern does not compile (${(error as Error).message})`);
      continue;
    }
    for (const sentence of entry.mustMatch) if (!regex.test(sentence)) problems.push(`${entry.id}: misses "${sentence}"`);
    for (const sentence of entry.mustNotMatch) if (regex.test(sentence)) problems.push(`${entry.id}: wrongly catches "${sentence}"`);
    patterns.push({ id: entry.id, why: entry.why, regex, ...(entry.allowedWhenMove ? { allowedWhenMove: entry.allowedWhenMove } : {}) });
  }
  if (problems.length) throw new Error(`Invalid ${where}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  const languages = Object.fromEntries(
    Object.entries(parsed.data.languages)
      .filter((entry): entry is [string, string[]] => LANGUAGE_CODE.test(entry[0]) && Array.isArray(entry[1]))
      .map(([code, words]) => [code, new Set(words.map((word) => word.toLowerCase()))]),
  );
  return { maxWords: parsed.data.maxWords, maxQuestions: parsed.data.maxQuestions, patterns, languages };
}
