import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { STEPS, type StepId } from '../domain/steps.js';

/**
 * The model prompts are data a coach or trainer can edit without touching code: `llm/system.md`
 * holds what is true on every turn, `steps/<step>/prompt.md` holds that step's purpose and where
 * the turn's facts go (`{{placeholders}}`), `llm/extraction.md` the extraction instructions and
 * `llm/turn.json` the fixed lines of a turn's messages. They are read and checked once at start-up,
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
  move: ['number', 'kind', 'label', 'text'],
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
} as const satisfies Record<string, readonly string[]>;
export type TurnLines = Record<keyof typeof TURN_LINES, string>;

export interface PromptTemplates {
  system: string;
  steps: Record<StepId, string>;
  extraction: string;
  turn: TurnLines;
}

/** The content folder (content/ at the repo root): llm/ and steps/<step>/prompt.md are read from it. */
export const DEFAULT_PROMPTS_DIRECTORY = fileURLToPath(new URL('../../content/', import.meta.url));

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
    })
    .strict(),
});

/** Reads and validates every template; throws one error listing every problem, each naming its file. */
export function loadPromptTemplates(directory: string = DEFAULT_PROMPTS_DIRECTORY): PromptTemplates {
  const read = (fileName: string): string | undefined => {
    try {
      return readFileSync(join(directory, fileName), 'utf8');
    } catch {
      return undefined;
    }
  };
  const turnFile = read('llm/turn.json');
  let turn: unknown;
  try {
    turn = turnFile === undefined ? undefined : JSON.parse(turnFile);
  } catch (error) {
    throw new Error(`Invalid prompt templates in ${directory}:\n  - llm/turn.json: cannot be read as JSON (${(error as Error).message})`);
  }
  const raw = {
    system: read('llm/system.md'),
    steps: Object.fromEntries(STEPS.map((step) => [step, read(stepPromptFile(step))])),
    extraction: read('llm/extraction.md'),
    turn,
  };
  const parsed = PromptTemplatesSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path[0] === 'turn' && issue.code !== 'custom' ? `llm/turn.json ${issue.path.slice(1).join('.')}: ${issue.message}` : issue.message}`).join('\n');
    throw new Error(`Invalid prompt templates in ${directory}:\n${problems}`);
  }
  const { version: _version, ...turnLines } = parsed.data.turn;
  return { ...parsed.data, turn: turnLines } as PromptTemplates;
}

let cached: PromptTemplates | undefined;

/** The default templates, loaded on first use; call it at start-up so a bad file stops the start. */
export function getPromptTemplates(): PromptTemplates {
  cached ??= loadPromptTemplates();
  return cached;
}

/**
 * Fills placeholders in one pass, so text inside a value (a client's "{{moves}}") is never
 * expanded. Placeholders without a value become empty.
 */
export function renderTemplate(template: string, values: Partial<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => values[name] ?? '').trim();
}
