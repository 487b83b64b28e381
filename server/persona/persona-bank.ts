import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.js';
import { PersonaSchema, type Persona, type PublicPersona } from './persona-schema.js';

export type { Persona, PersonaNeed, PublicPersona } from './persona-schema.js';

export const PERSONA_DIRECTORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../content/personas');

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
  list(): PublicPersona[];
}

/** Reads and validates every `*.json` in `directory`, in file-name order. Throws PersonaFileError. */
export function loadPersonaBank(directory: string = PERSONA_DIRECTORY): PersonaBank {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const personas: Persona[] = [];
  for (const name of files) {
    const file = path.join(path.basename(directory), name);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path.join(directory, name), 'utf8'));
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
  if (personas.length === 0) throw new PersonaFileError(path.basename(directory), '(directory)', 'holds no persona files');
  const byId = new Map(personas.map((persona) => [persona.id, persona]));
  return {
    personas,
    get: (id) => byId.get(id),
    list: () => personas.map(({ id, name, brief }) => ({ id, name, brief })),
  };
}

let cached: PersonaBank | undefined;

/** The bank of content/personas, loaded and validated once per process. */
export function personaBank(): PersonaBank {
  if (!cached) cached = loadPersonaBank();
  return cached;
}

/** The public view of every persona: id, name and brief, never the hidden needs. */
export function listPersonas(): PublicPersona[] {
  return personaBank().list();
}

/** The persona a new rehearse/demo session plays: the named one, or the first when none is named. */
export function resolvePersona(id: string | null | undefined): Persona {
  const bank = personaBank();
  if (id === null || id === undefined) return bank.personas[0]!;
  const persona = bank.get(id);
  if (!persona) {
    throw new AppError('bad_request', `unknown persona "${id}"; available: ${bank.personas.map((item) => item.id).join(', ')}`);
  }
  return persona;
}

/** The persona of a stored session (its id was checked at creation). */
export function personaById(id: string | null): Persona {
  const persona = id ? personaBank().get(id) : undefined;
  if (!persona) throw new AppError('internal', `persona "${id ?? ''}" is no longer available`);
  return persona;
}
