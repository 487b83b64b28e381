import { AppError, type FieldIssue } from '../errors.js';
import { PersonaSchema, publicPersona, type Persona, type PublicPersona } from './persona-schema.js';

export type { Persona, PersonaNeed, PublicPersona } from './persona-schema.js';

/** Thrown at load when a persona file is not valid: the message names the file and the field. */
export class PersonaFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field}: ${detail}`);
    this.name = 'PersonaFileError';
  }
}

export interface PersonaBank {
  /** In file-name order; the first is the default. */
  readonly personas: readonly Persona[];
  get(id: string): Persona | undefined;
  /** The public view of every persona: id, name and brief, never the hidden needs. */
  list(): PublicPersona[];
  /** The persona a new rehearse/demo session plays: the named one, or the first when none is named (bad_request when unknown). */
  resolve(id: string | null | undefined): Persona;
  /** The persona of a stored session (its id was checked at creation). */
  byId(id: string | null): Persona;
}

/** One persona file as read: its name (for messages) and its text. */
export interface PersonaDocument {
  file: string;
  text: string;
}

/** Validates the persona files, in the order given (file-name order; the first is the default). Throws PersonaFileError. */
export function parsePersonaBank(documents: readonly PersonaDocument[], folder: string): PersonaBank {
  const personas: Persona[] = [];
  for (const { file, text } of documents) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new PersonaFileError(file, '(file)', `not valid JSON: ${(error as Error).message}`);
    }
    const parsed = PersonaSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new PersonaFileError(file, issue.path.join('.') || '(root)', issue.message);
    }
    if (personas.some((persona) => persona.id === parsed.data.id)) {
      throw new PersonaFileError(file, 'id', `duplicate persona id "${parsed.data.id}"`);
    }
    personas.push(parsed.data);
  }
  if (personas.length === 0) throw new PersonaFileError(folder, '(directory)', 'holds no persona files');
  const byId = new Map(personas.map((persona) => [persona.id, persona]));
  return {
    personas,
    get: (id) => byId.get(id),
    list: () => personas.map((persona) => publicPersona(persona, 'builtin')),
    resolve(id) {
      if (id === null || id === undefined) return personas[0]!;
      const persona = byId.get(id);
      if (!persona) throw new AppError('bad_request', `unknown persona "${id}"; available: ${personas.map((item) => item.id).join(', ')}`);
      return persona;
    },
    byId(id) {
      const persona = id ? byId.get(id) : undefined;
      if (!persona) throw new AppError('internal', `persona "${id ?? ''}" is no longer available`);
      return persona;
    },
  };
}

/**
 * Checks a persona a trainer wrote against the schema, reporting every problem by its field
 * (`needs.1.category`, `character.plan.refusals`), so the trainer can fix them all in one go.
 */
export function checkPersona(value: unknown): { persona: Persona; issues?: undefined } | { persona?: undefined; issues: FieldIssue[] } {
  const parsed = PersonaSchema.safeParse(value);
  if (parsed.success) return { persona: parsed.data };
  return { issues: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(the whole file)', message: issue.message })) };
}
