import { shippedContent } from '../helpers/content.js';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_DIRECTORY } from '../../server/content/lexicon-files.js';
import { loadPersonaBank } from '../../server/content/load-content.js';
import { PersonaFileError } from '../../server/persona/persona-bank.js';

const PERSONA_DIRECTORY = path.join(CONTENT_DIRECTORY, 'personas');

let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

/** A copy of the real persona folder whose first file is changed by `edit`. */
function brokenCopy(edit: (persona: Record<string, unknown>) => void): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rapport-personas-'));
  folders.push(root);
  const folder = path.join(root, 'personas');
  cpSync(PERSONA_DIRECTORY, folder, { recursive: true });
  const file = path.join(folder, '01-new-manager-delegation.json');
  const persona = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(persona);
  writeFileSync(file, JSON.stringify(persona));
  return folder;
}

describe('the persona bank', () => {
  it('loads at least four varied personas, the first being the default', () => {
    const { personas } = shippedContent.personas;
    expect(personas.length).toBeGreaterThanOrEqual(8);
    expect(new Set(personas.map((persona) => persona.id)).size).toBe(personas.length);
    const categories = new Set(personas.flatMap((persona) => persona.needs.map((need) => need.category)));
    expect(categories.size).toBeGreaterThanOrEqual(6);
    expect(shippedContent.personas.resolve(undefined).id).toBe(personas[0]!.id);
    expect(shippedContent.personas.resolve('founder-decision-avoidance').name).toMatch(/Jonas/);
  });

  it('shows only id, name, brief, difficulty, setting and source in public', () => {
    for (const persona of shippedContent.personas.list()) {
      expect(Object.keys(persona).sort()).toEqual(['brief', 'difficulty', 'id', 'name', 'setting', 'source']);
    }
    const text = JSON.stringify(shippedContent.personas.list());
    for (const persona of shippedContent.personas.personas) {
      for (const need of persona.needs) for (const reveal of need.reveals) expect(text).not.toContain(reveal);
    }
  });

  it('refuses an unknown persona naming the available ids', () => {
    expect(() => shippedContent.personas.resolve('nobody')).toThrow(/unknown persona "nobody"; available: new-manager-delegation, /);
  });

  it('names the file and the field of a broken persona', () => {
    const badCategory = brokenCopy((persona) => {
      (persona.needs as { category: string }[])[1]!.category = 'gardening';
    });
    expect(() => loadPersonaBank(badCategory)).toThrow(PersonaFileError);
    expect(() => loadPersonaBank(badCategory)).toThrow(/personas\/01-new-manager-delegation\.json: needs\.1\.category: /);

    const noCues = brokenCopy((persona) => {
      (persona.needs as { cues?: string[] }[])[0]!.cues = [];
    });
    expect(() => loadPersonaBank(noCues)).toThrow(/01-new-manager-delegation\.json: needs\.0\.cues: /);

    const missingDemo = brokenCopy((persona) => {
      delete (persona.demo as Record<string, unknown>).checkIn;
    });
    expect(() => loadPersonaBank(missingDemo)).toThrow(/demo\.checkIn/);

    const duplicateId = brokenCopy((persona) => {
      persona.id = 'founder-decision-avoidance';
    });
    expect(() => loadPersonaBank(duplicateId)).toThrow(/: id: duplicate persona id "founder-decision-avoidance"/);
  });
});
