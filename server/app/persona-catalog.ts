import { AppError, ValidationError } from '../errors.js';
import { checkPersona, type PersonaBank } from '../persona/persona-bank.js';
import { PersonaSchema, publicPersona, type Persona, type PublicPersona } from '../persona/persona-schema.js';
import type { SessionState } from '../domain/session-state.js';
import type { Store } from '../store/store.js';

/** At most this many trainer personas are stored. */
export const MAX_TRAINER_PERSONAS = 200;

/** A public persona and, for a trainer's, what a trainer reads before saving it: the client's first words. */
export interface PersonaPreview extends PublicPersona {
  opening: string;
  needs: number;
}

/**
 * Every persona a session may play: the built-in ones of content/personas and the ones trainers
 * wrote, stored by the server. A trainer's persona is checked with the same schema before it is
 * stored and again whenever it is read; a stored one that no longer passes is left out of the
 * list rather than breaking it. Built-in ids cannot be taken.
 */
export class PersonaCatalog {
  constructor(
    readonly builtin: PersonaBank,
    private readonly store: Store,
  ) {}

  /** Built-in personas first (file order), then the trainers' (oldest first). */
  async list(): Promise<PublicPersona[]> {
    const stored = await this.store.listPersonas();
    const trainers = stored.flatMap((row) => {
      const persona = parseStored(row.document);
      return persona ? [publicPersona(persona, 'trainer')] : [];
    });
    return [...this.builtin.list(), ...trainers];
  }

  /** The persona a new session plays: built-in, else a trainer's; bad_request naming the ids when there is none. */
  async resolve(id: string | null): Promise<{ persona: Persona; source: PublicPersona['source'] }> {
    if (id === null || this.builtin.get(id)) return { persona: this.builtin.resolve(id), source: 'builtin' };
    const row = await this.store.getPersona(id);
    const persona = row ? parseStored(row.document) : null;
    if (!persona) {
      const ids = (await this.list()).map((item) => item.id).join(', ');
      throw new AppError('bad_request', `unknown persona "${id}"; available: ${ids}`);
    }
    return { persona, source: 'trainer' };
  }

  /** Validates without storing: the preview a trainer sees, or every problem by field. */
  check(value: unknown): PersonaPreview {
    const persona = this.validate(value);
    return preview(persona, 'trainer');
  }

  async create(value: unknown): Promise<PersonaPreview> {
    const persona = this.validate(value);
    // Adding needs no key, so the store is kept from growing without bound.
    if ((await this.store.listPersonas()).length >= MAX_TRAINER_PERSONAS) {
      throw new AppError('conflict', `this server already holds ${MAX_TRAINER_PERSONAS} trainer personas; delete some (with the trainer key) first`);
    }
    if (this.builtin.get(persona.id)) throw new AppError('conflict', `"${persona.id}" is a built-in persona; choose another id`);
    if (!(await this.store.insertPersona(persona.id, JSON.stringify(persona)))) {
      throw new AppError('conflict', `a persona with id "${persona.id}" already exists; change it with PUT /api/personas/${persona.id} and the trainer key`);
    }
    return preview(persona, 'trainer');
  }

  async replace(id: string, value: unknown): Promise<PersonaPreview> {
    const persona = this.validate(value);
    if (persona.id !== id) throw new ValidationError([{ field: 'id', message: `must stay "${id}" (the persona being changed)` }], 'the persona');
    if (!(await this.store.replacePersona(id, JSON.stringify(persona)))) throw this.notTrainers(id);
    return preview(persona, 'trainer');
  }

  async delete(id: string): Promise<void> {
    if (!(await this.store.deletePersona(id))) throw this.notTrainers(id);
  }

  private validate(value: unknown): Persona {
    const checked = checkPersona(value);
    if (checked.issues) throw new ValidationError(checked.issues, 'the persona');
    return checked.persona;
  }

  private notTrainers(id: string): AppError {
    if (this.builtin.get(id)) return new AppError('forbidden', `"${id}" is a built-in persona: change it in content/personas, not here`);
    return new AppError('not_found', `no trainer persona "${id}"`);
  }
}

/** The persona a session plays: the trainer's copy it started with, or the built-in one. */
export function sessionPersona(builtin: PersonaBank, state: SessionState): Persona {
  if (state.personaDocument !== undefined) {
    const parsed = PersonaSchema.safeParse(state.personaDocument);
    if (parsed.success) return parsed.data;
    throw new AppError('internal', 'the persona stored with this session no longer reads');
  }
  return builtin.byId(state.persona);
}

function parseStored(document: string): Persona | null {
  try {
    const parsed = PersonaSchema.safeParse(JSON.parse(document));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function preview(persona: Persona, source: PublicPersona['source']): PersonaPreview {
  return { ...publicPersona(persona, source), opening: persona.opening, needs: persona.needs.length };
}
