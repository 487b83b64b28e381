import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { STEPS, type StepId } from '../domain/steps.js';

/**
 * The model prompts are data a coach or trainer can edit without touching code: `system.md`
 * holds what is true on every turn, one file per step holds that step's purpose and where the
 * turn's facts go (`{{placeholders}}`). They are read and checked once at start-up, so a typo
 * fails the start with the file and placeholder named instead of producing odd replies later.
 */
export const STEP_PLACEHOLDERS = ['step', 'step_title', 'state', 'summary', 'missing', 'moves'] as const;
export type StepPlaceholder = (typeof STEP_PLACEHOLDERS)[number];

/** Without these a step template cannot tell the model what to say. */
const REQUIRED_STEP_PLACEHOLDERS: readonly StepPlaceholder[] = ['state', 'moves'];

export interface PromptTemplates {
  system: string;
  steps: Record<StepId, string>;
}

export const DEFAULT_PROMPTS_DIRECTORY = fileURLToPath(new URL('../../prompts/steps/', import.meta.url));

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

export const PromptTemplatesSchema = z.object({
  system: templateText('system.md', [], []),
  steps: z.object(
    Object.fromEntries(STEPS.map((step) => [step, templateText(`${step}.md`, STEP_PLACEHOLDERS, REQUIRED_STEP_PLACEHOLDERS)])) as Record<
      StepId,
      ReturnType<typeof templateText>
    >,
  ),
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
  const raw = {
    system: read('system.md'),
    steps: Object.fromEntries(STEPS.map((step) => [step, read(`${step}.md`)])),
  };
  const parsed = PromptTemplatesSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.message}`).join('\n');
    throw new Error(`Invalid prompt templates in ${directory}:\n${problems}`);
  }
  return parsed.data as PromptTemplates;
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
export function renderTemplate(template: string, values: Partial<Record<StepPlaceholder, string>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => values[name as StepPlaceholder] ?? '').trim();
}
