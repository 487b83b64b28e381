import { describe, expect, it } from 'vitest';
import { loadCleanLexicons, loadSpellingRepair } from '../../server/content/load-clean.js';
import { cleanText } from '../../server/understand/clean.js';
import { repairWord } from '../../server/understand/spelling-repair.js';
import { runConversation } from '../../eval/driver.js';

/**
 * The spelling repair (content/models/spelling-repair.json): typos no list can know are repaired
 * before anything is read or echoed; names, jargon and real words the vocabulary lacks are left.
 */
const repair = loadSpellingRepair();
const clean = loadCleanLexicons();

describe('the spelling repair, by its examples', () => {
  it.each(repair.settings.examples)('repairs "%s" as "%s", inside a sentence too', (typed, repaired) => {
    expect(repairWord(repair, typed)).toBe(repaired);
    expect(cleanText(`i was ${typed} it again`, clean).text).toBe(`I was ${repaired} it again`);
  });

  // Through the whole cleaner as the server loads it: the keeps must reach the repair it runs.
  it.each(repair.settings.keeps)('leaves "%s" as typed', (word) => {
    // (Other rules may still touch it: a name gets its capital, "wats" is chat spelling.)
    expect(cleanText(`i was ${word} it again`, clean).edits.filter((edit) => edit.rule === 'spelling-repair')).toEqual([]);
  });

  it.each(repair.settings.inflected)('leaves "%s", an inflection of a word it knows, without the keeps list', (word) => {
    expect(repairWord({ ...repair, keeps: new Set() }, word)).toBeNull();
  });

  it('leaves a word with a capital (a name may look like a typo) and keeps the typed words as evidence', () => {
    const result = cleanText('Statment from Rawiri, actualy', clean);
    expect(result.text).toBe('Statment from Rawiri, actually');
    expect(result.edits.find((edit) => edit.rule === 'spelling-repair')?.removed).toBe('actualy');
  });
});

describe('a terse client typing fast', () => {
  it('is understood and never echoed with the typo', async () => {
    const { turns } = await runConversation(['hi yeh', 'supervisor job come up at depot. thinkin of goin for it', 'n i basically do the job anyway when gaz is off']);
    const coach = turns.filter((turn) => turn.role === 'coach').slice(1).map((turn) => turn.text).join(' ');
    expect(coach).not.toMatch(/\bthinkin\b|\bgoin\b|\bn you\b/);
  });
});
