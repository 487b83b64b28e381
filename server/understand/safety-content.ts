import { z } from 'zod';
import { compileLexicon, type Lexicon } from './lexicon.js';
import { CrisisModelSchema, type CrisisModel } from './crisis-model.js';
import type { WordVectors } from './word-vectors.js';
import { ClauseEntryExtra, CrisisEntryExtra, SafeEntryExtra, SpellingEntryExtra, createCrisisScreen, type ClauseLexicon, type SpellingLexicon, type CrisisScreen, type CrisisThresholds } from './crisis-screen.js';

/** The reviewed help texts of content/safety/help.json. */
const HelpSchema = z.object({ text: z.array(z.string().min(1)).min(1) });
export const SafetyTextsSchema = z.object({
  description: z.string(),
  help: z.object({ suicide: HelpSchema, medical: HelpSchema, danger: HelpSchema }),
  /** The check question after ambiguous words; `{quote}` is the person's words, quoted. */
  check: z.array(z.string().includes('{quote}')).min(1),
  /** What stands for `{quote}`, unquoted, when no sentence of the message raised the check on its own (the concern is the whole message's). */
  wholeMessage: z.string().min(1),
  checkClear: z.array(z.string().min(1)).min(1),
  /** After an unclear answer to the check: the help lines briefly and the question once more (`{quote}` as in check); no pause. */
  checkAgain: z.array(z.string().includes('{quote}')).min(1),
  /** After a second unclear answer: the help lines once more, and coaching goes on (never a pause). */
  checkLetGo: z.array(z.string().min(1)).min(1),
  pausedStill: z.array(z.string().min(1)).min(1),
  /** Said instead of `pausedStill` when the last reply already said it: the same help, not the same words again. */
  pausedAgain: z.array(z.string().min(1)).min(1),
  resume: z.array(z.string().min(1)).min(1),
  /** Said instead of `resume` when the person says they were read wrong ("I'm not suicidal, I meant the deadline"). */
  resumeMisread: z.array(z.string().min(1)).min(1),
  rehearsalNote: z.string().min(1),
  links: z.array(z.object({ text: z.string().min(1), href: z.string().regex(/^(?:tel:\+?\d+|https:\/\/\S+)$/) })).min(1),
});
export type SafetyTexts = z.infer<typeof SafetyTextsSchema>;

/** What an answer to the check question says (see crisis-answers.json and readCheckAnswer). */
export const AnswerEntryExtra = z.object({ answer: z.enum(['thoughts', 'yes', 'unsure', 'no', 'work']) });
export const ResumeEntryExtra = z.object({ means: z.enum(['go-on', 'misread', 'not-go-on']) });

/** Everything the safety screen and its replies need, validated once at start-up. */
export interface SafetyContent {
  crisis: Lexicon<z.infer<typeof CrisisEntryExtra>>;
  safe: Lexicon<z.infer<typeof SafeEntryExtra>>;
  answers: Lexicon<z.infer<typeof AnswerEntryExtra>>;
  /** While paused: whether the person says they want to go on. */
  resume: Lexicon<z.infer<typeof ResumeEntryExtra>>;
  clauses: ClauseLexicon;
  spelling: SpellingLexicon;
  texts: SafetyTexts;
  model: CrisisModel | null;
  vectors: WordVectors | null;
  thresholds: CrisisThresholds;
  /** The crisis screen built from the above, once. */
  screen: CrisisScreen;
}

export interface SafetyDocuments {
  crisis: unknown;
  safe: unknown;
  answers: unknown;
  resume: unknown;
  clauses: unknown;
  spelling: unknown;
  texts: unknown;
  model: unknown | null;
  /** The parsed word vectors (content/models/word-vectors.bin), read by the crisis model; null: none. */
  vectors: WordVectors | null;
}

/** Validates the documents (read by the caller) into the safety content. */
export function parseSafetyContent(documents: SafetyDocuments): SafetyContent {
  const model = documents.model === null ? null : CrisisModelSchema.parse(documents.model);
  const parts = {
    crisis: compileLexicon('crisis', documents.crisis, CrisisEntryExtra),
    safe: compileLexicon('crisis-safe', documents.safe, SafeEntryExtra),
    clauses: compileLexicon('clause-breaks', documents.clauses, ClauseEntryExtra),
    spelling: compileLexicon('crisis-spelling', documents.spelling, SpellingEntryExtra),
    model,
    vectors: documents.vectors,
    thresholds: model?.thresholds ?? { crisis: 1.1, check: 1.1 },
  };
  return {
    ...parts,
    answers: compileLexicon('crisis-answers', documents.answers, AnswerEntryExtra),
    resume: compileLexicon('resume', documents.resume, ResumeEntryExtra),
    texts: SafetyTextsSchema.parse(documents.texts),
    screen: createCrisisScreen(parts),
  };
}
