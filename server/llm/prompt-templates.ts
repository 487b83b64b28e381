import { z } from 'zod';
import { MOVE_KINDS, type MoveKind } from '../domain/schemas.js';
import { STEPS, type StepId } from '../domain/steps.js';
import { parseReplyRules, type ReplyRules } from './reply-rules.js';

/**
 * The model prompts are data a coach or trainer can edit without touching code: `llm/system.md`
 * holds what is true on every turn, `steps/<step>/prompt.md` holds that step's purpose and where
 * the turn's facts go (`{{placeholders}}`), `llm/extraction.md` the extraction instructions and
 * `llm/turn.json` the fixed lines of a turn's messages. They are read once at start-up (server/content/load-content.ts) and checked here,
 * so a typo fails the start with the file and placeholder named instead of odd replies later.
 */
export const STEP_PLACEHOLDERS = ['step', 'step_title', 'state', 'summary', 'missing', 'moves'] as const;
export type StepPlaceholder = (typeof STEP_PLACEHOLDERS)[number];

/** Without these a step template cannot tell the model what to say. */
const REQUIRED_STEP_PLACEHOLDERS: readonly StepPlaceholder[] = ['state', 'moves'];

export const EXTRACTION_PLACEHOLDERS = ['need_categories', 'constraint_kinds', 'learning_preferences'] as const;
export type ExtractionPlaceholder = (typeof EXTRACTION_PLACEHOLDERS)[number];

/** The fixed lines of the messages of one turn, each with the placeholders it may use. */
const TURN_LINES = {
  movesInOrder: ['kinds'],
  move: ['number', 'intent'],
  pauses: [],
  statement: ['statement'],
  oneQuestion: [],
  noQuestion: [],
  coach: [],
  client: [],
  recentTurns: [],
  newMessage: [],
  writeReply: [],
  nothingNew: [],
  currentStep: ['step_title'],
  coachLastSaid: ['text'],
  clientMessage: [],
  regenerate: ['rule'],
} as const satisfies Record<string, readonly string[]>;

/**
 * What the model is asked to do for each kind of move: the intent, never the offline engine's
 * wording. `{{purpose}}` is the move's label (what the server wants the move to achieve);
 * `{{text}}` is the offline text, for the kinds that carry facts the model cannot know (how
 * the process goes, what is still missing).
 */
const INTENT_PLACEHOLDERS = ['purpose', 'text'] as const;
export type MoveIntents = Record<MoveKind, string>;

/** The fixed lines of a turn's messages (llm/turn.json), with the intent of each kind of move. */
export type TurnLines = Record<keyof typeof TURN_LINES, string> & { intents: MoveIntents };

export interface PromptTemplates {
  system: string;
  steps: Record<StepId, string>;
  extraction: string;
  turn: TurnLines;
  /** What a model's reply may not do (content/llm/guard.json). */
  guard: ReplyRules;
}


/** `{{ name }}`; anything else between double braces is reported as malformed. */
const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g;
const ANY_DOUBLE_BRACE = /\{\{[^}]*\}?\}?/g;

function templateText(fileName: string, allowed: readonly string[], required: readonly string[]) {
  return z
    .string({ error: `${fileName}: file not found` })
    .superRefine((text, context) => {
      if (text.trim() === '') {
        context.addIssue({ code: 'custom', message: `${fileName}: is empty` });
        return;
      }
      for (const match of text.matchAll(ANY_DOUBLE_BRACE)) {
        const name = /^\{\{\s*([a-zA-Z0-9_]+)\s*\}\}$/.exec(match[0])?.[1];
        if (name === undefined) {
          context.addIssue({ code: 'custom', message: `${fileName}: malformed placeholder ${match[0]}` });
        } else if (!allowed.includes(name)) {
          const known = allowed.length ? allowed.map((known) => `{{${known}}}`).join(', ') : 'none';
          context.addIssue({ code: 'custom', message: `${fileName}: unknown placeholder {{${name}}} (known: ${known})` });
        }
      }
      const used = new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]));
      for (const name of required) {
        if (!used.has(name)) context.addIssue({ code: 'custom', message: `${fileName}: missing required placeholder {{${name}}}` });
      }
    });
}

const stepPromptFile = (step: StepId) => `steps/${step}/prompt.md`;

export const PromptTemplatesSchema = z.object({
  system: templateText('llm/system.md', [], []),
  steps: z.object(
    Object.fromEntries(STEPS.map((step) => [step, templateText(stepPromptFile(step), STEP_PLACEHOLDERS, REQUIRED_STEP_PLACEHOLDERS)])) as Record<
      StepId,
      ReturnType<typeof templateText>
    >,
  ),
  extraction: templateText('llm/extraction.md', EXTRACTION_PLACEHOLDERS, EXTRACTION_PLACEHOLDERS),
  turn: z
    .object({
      version: z.literal(1),
      ...(Object.fromEntries(Object.entries(TURN_LINES).map(([name, allowed]) => [name, templateText(`llm/turn.json ${name}`, allowed, allowed)])) as Record<
        keyof typeof TURN_LINES,
        ReturnType<typeof templateText>
      >),
      intents: z
        .object(
          Object.fromEntries(MOVE_KINDS.map((kind) => [kind, templateText(`llm/turn.json intents.${kind}`, INTENT_PLACEHOLDERS, [])])) as Record<
            MoveKind,
            ReturnType<typeof templateText>
          >,
        )
        .strict(),
    })
    .strict(),
});

/** The template files as read (undefined where a file is missing); `turn` is the text of llm/turn.json. */
export interface TemplateDocuments {
  system: string | undefined;
  steps: Record<StepId, string | undefined>;
  extraction: string | undefined;
  turn: string | undefined;
  guard: string | undefined;
}

/** Validates the template files; throws one error listing every problem, each naming its file. `where` names the folder. */
export function parsePromptTemplates(documents: TemplateDocuments, where: string): PromptTemplates {
  let turn: unknown;
  try {
    turn = documents.turn === undefined ? undefined : JSON.parse(documents.turn);
  } catch (error) {
    throw new Error(`Invalid prompt templates in ${where}:\n  - llm/turn.json: cannot be read as JSON (${(error as Error).message})`);
  }
  const parsed = PromptTemplatesSchema.safeParse({ ...documents, turn });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path[0] === 'turn' && issue.code !== 'custom' ? `llm/turn.json ${issue.path.slice(1).join('.')}: ${issue.message}` : issue.message}`).join('\n');
    throw new Error(`Invalid prompt templates in ${where}:\n${problems}`);
  }
  const { version: _version, intents, ...turnLines } = parsed.data.turn;
  let guard: ReplyRules;
  try {
    if (documents.guard === undefined) throw new Error('llm/guard.json: file not found');
    guard = parseReplyRules(JSON.parse(documents.guard));
  } catch (error) {
    throw new Error(`Invalid prompt templates in ${where}:\n  - ${(error as Error).message}`);
  }
  return { system: parsed.data.system, steps: parsed.data.steps, extraction: parsed.data.extraction, turn: { ...turnLines, intents }, guard } as PromptTemplates;
}

/** Where each template file lives under content/. */
export const TEMPLATE_FILES = {
  system: 'llm/system.md',
  extraction: 'llm/extraction.md',
  turn: 'llm/turn.json',
  guard: 'llm/guard.json',
  step: (step: StepId) => stepPromptFile(step),
} as const;

/**
 * Fills placeholders in one pass, so text inside a value (a client's "{{moves}}") is never
 * expanded. Placeholders without a value become empty.
 */
export function renderTemplate(template: string, values: Partial<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => values[name] ?? '').trim();
}
