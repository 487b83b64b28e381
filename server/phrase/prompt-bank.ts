import { z } from 'zod';
import { CLAUSE_KINDS, type ClauseKind } from '../understand/clause-reader.js';
import { NEED_CATEGORIES } from '../domain/schemas.js';
import { STEPS } from '../domain/steps.js';

/**
 * The coach's wording lives in `content/phrases/*.json` so a coach or trainer can edit it without touching
 * code. Each file is validated once, at start-up (server/content/load-content.ts reads them); an invalid file fails loudly, naming the file
 * and the field, instead of producing odd replies mid-session.
 */

const nonEmpty = z.string().trim().min(1);
const stems = z.array(nonEmpty).min(1);

export const QuestionSchema = z
  .object({
    id: z.string().regex(/^[a-z_]+\.[a-z_]+\.\d+$/, 'ids look like "step.slot.n"'),
    step: z.enum(STEPS),
    slot: nonEmpty,
    open: z.boolean(),
    text: nonEmpty,
    /** A question about the topic of the client's last message: its text holds `{topic}`, and it is asked only when there is one. */
    topic: z.boolean().optional(),
  })
  .strict()
  .refine((question) => (question.topic === true) === question.text.includes('{topic}'), { message: 'a topic question, and only a topic question, holds {topic}' });
export type Question = z.infer<typeof QuestionSchema>;

const QuestionsFileSchema = z
  .object({ version: z.literal(1), questions: z.array(QuestionSchema).min(1) })
  .strict()
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.questions.forEach((question, index) => {
      if (seen.has(question.id)) context.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `duplicate id ${question.id}` });
      seen.add(question.id);
    });
    const texts = new Set<string>();
    file.questions.forEach((question, index) => {
      if (texts.has(question.text)) context.addIssue({ code: 'custom', path: ['questions', index, 'text'], message: 'duplicate text' });
      texts.add(question.text);
    });
  });

const needPhrasesShape = Object.fromEntries(NEED_CATEGORIES.map((category) => [category, nonEmpty])) as Record<(typeof NEED_CATEGORIES)[number], typeof nonEmpty>;

/** One list of stems per kind of sentence (clause-reader's kinds); 'number' and 'none' may be empty. */
const framedShape = Object.fromEntries(CLAUSE_KINDS.map((kind) => [kind, z.array(nonEmpty)])) as unknown as Record<ClauseKind, z.ZodArray<typeof nonEmpty>>;

const ReflectionsFileSchema = z
  .object({
    version: z.literal(1),
    simple: stems,
    feeling: stems,
    need: stems,
    twoSided: stems,
    uncertain: stems,
    brief: stems,
    /** When no clause of the client's can be echoed well: a noun phrase they used ({k}), or the feeling they named. */
    keyPhrase: stems,
    feelingOnly: stems,
    summary: stems,
    needsCheck: stems,
    needsCheckQuestion: stems,
    bridge: stems,
    link: stems,
    /** A need in the client's own words ({p}, a clause of theirs): said in this message, or earlier and heard again. */
    needOwn: stems,
    linkOwn: stems,
    action: stems,
    detail: stems,
    confidence: stems,
    hesitation: stems,
    obstacle: stems,
    success: stems,
    constraint: stems,
    needPhrases: z.object(needPhrasesShape).strict(),
    framed: z.object({ _about: z.string().optional(), ...framedShape, oneWord: stems }).strict(),
    answerFrames: z.record(z.string(), z.union([z.string(), stems])),
  })
  .strict();

const SafetyFileSchema = z
  .object({
    version: z.literal(1),
    professionalAdvice: z.object({ medical: nonEmpty, legal: nonEmpty, financial: nonEmpty, mental_health: nonEmpty, general: nonEmpty }).strict(),
    professionalBridge: nonEmpty,
    injection: stems,
  })
  .strict();

const TemplatesFileSchema = z
  .object({
    version: z.literal(1),
    opening: stems,
    goBack: nonEmpty,
    refused: nonEmpty,
    refusedStatement: nonEmpty,
    statementIntro: stems,
    statementIntroTheme: stems,
    statementUpdated: nonEmpty,
    aboutCoach: stems,
    declinesToShare: stems,
    pushBack: stems,
    reluctanceNamed: stems,
    statementChanged: stems,
    correctionMade: stems,
    correctionWhichPart: stems,
    correctionWhichWords: stems,
    correctionPartNames: z.object({ goals: nonEmpty, needs: nonEmpty, successIndicators: nonEmpty, firstExperiment: nonEmpty }).strict(),
    correctionAbsent: nonEmpty,
    correctionRenamed: nonEmpty,
    confirmedWithoutCut: nonEmpty,
    nothingYet: nonEmpty,
    offerStop: nonEmpty,
    statementGapGoal: nonEmpty,
    statementGapSuccess: nonEmpty,
    statementGapExperiment: nonEmpty,
    statementConfirmed: stems,
    statementExhausted: stems,
    consentDeclined: nonEmpty,
    planReady: nonEmpty,
    challengeReady: nonEmpty,
    closing: z.object({ statement: nonEmpty, plan: nonEmpty, obstacle: nonEmpty, obstaclePlan: nonEmpty, commitment: nonEmpty, commitmentNoConfidence: nonEmpty, early: nonEmpty, earlyStatement: nonEmpty, earlyNothing: nonEmpty, earlyFarewell: nonEmpty, farewell: nonEmpty }).strict(),
    afterComplete: nonEmpty,
    empty: nonEmpty,
    partnershipDone: nonEmpty,
    consentTakenFromStory: nonEmpty,
    statementAdded: z.array(nonEmpty).min(1),
    statementTakenAsConfirmed: nonEmpty,
    statementGap: nonEmpty,
    privacyAnswer: nonEmpty,
    selfQuestion: z.array(nonEmpty).min(1),
    /** After a reply to the draft that neither confirms nor changes it: one question about one part ({part}: its words), per part. */
    statementPartQuestion: z.object({ success: stems, experiment: stems, goals: stems }).strict(),
    /** After a second such reply: keep the statement as it stands, or change one part. */
    /** The same, naming the part instead of quoting it (for a part whose words do not read well inside a question). */
    statementPartNamed: z.object({ success: stems, experiment: stems, goals: stems }).strict(),
    statementKeepOffer: stems,
    /** What a topic question says instead of the topic when this turn's reflection has just named it (\"What matters most to you about that?\"). */
    topicPointer: nonEmpty,
    /**
     * A question about what the client is telling, when they are mid-story: `events` for a story told
     * in the past tense, `difficulty` for one with a need or a feeling in it, `any` otherwise. A line
     * with {topic} is asked only about a clear noun phrase of theirs (topic-question.ts); lines
     * without one stand when there is none.
     */
    storyQuestion: z.object({ events: stems, difficulty: stems, any: stems }).strict(),
    /** Out of questions for a part still missing: the offer to stop with the statement as it stands (a yes stops). */
    statementCloseOffer: stems,
    /** A brief honest answer to a question put to the coach: what it meant by its words, a fact it cannot know, its view on the client's idea. */
    directAnswer: z.object({ challenge: stems, information: stems, opinion: stems, arrangement: stems, keep_copy: stems, what_next: stems }).strict(),
    offTopic: nonEmpty,
    /** A question about their own plan ("check-in every two weeks, is possible?"): theirs to decide. */
    ownPlanQuestion: z.array(nonEmpty).min(1),
    /** Per question slot: what the question means, with an example, ending in a plainer question. */
    questionHelp: z.record(z.string(), nonEmpty),
    questionHelpDefault: nonEmpty,
    questionHelpAgain: nonEmpty,
    durationAnswer: nonEmpty,
    processAnswer: z.array(nonEmpty).min(1),
    doubtAnswer: stems,
    doubtQuestion: nonEmpty,
    summaryEmpty: nonEmpty,
    backToQuestion: nonEmpty,
    agreementDone: nonEmpty,
    challengePrefix: nonEmpty,
    pleasantry: z.object({ thanks: stems, greeting: stems, closing: stems }).strict(),
    planKnown: nonEmpty,
    planNoted: nonEmpty,
    challengeKnown: nonEmpty,
  })
  .strict();

export type Reflections = z.infer<typeof ReflectionsFileSchema>;
export type SafetyTexts = z.infer<typeof SafetyFileSchema>;
export type Templates = z.infer<typeof TemplatesFileSchema>;

export interface PromptBank {
  questions: Question[];
  questionsById: Map<string, Question>;
  reflections: Reflections;
  safety: SafetyTexts;
  templates: Templates;
}

/** Thrown when a prompt file is missing or invalid; the message names the file and the field. */
export class PromptBankError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`content/phrases/${file}: ${message}`);
    this.name = 'PromptBankError';
  }
}

/** The four phrase files of content/phrases, as parsed JSON (read by the start-up loader). */
export interface PhraseDocuments {
  questions: unknown;
  reflections: unknown;
  safety: unknown;
  templates: unknown;
}

function parseFile<T>(file: string, raw: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new PromptBankError(file, `field ${field}: ${issue.message}`);
  }
  return parsed.data;
}

/** Validates the phrase files into the bank; throws PromptBankError naming the file and the field. */
export function parsePromptBank(documents: PhraseDocuments): PromptBank {
  const questions = parseFile('questions.json', documents.questions, QuestionsFileSchema).questions;
  return {
    questions,
    questionsById: new Map(questions.map((question) => [question.id, question])),
    reflections: parseFile('reflections.json', documents.reflections, ReflectionsFileSchema),
    safety: parseFile('safety.json', documents.safety, SafetyFileSchema),
    templates: parseFile('templates.json', documents.templates, TemplatesFileSchema),
  };
}
