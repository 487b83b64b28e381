import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';
import { partFault } from '../../server/understand/part-check.js';
import { echoFault } from '../../server/phrase/reflection-grammar.js';
import { coachContent } from '../helpers/content.js';

const DRAFTED = [
  'I want to raise my prices so the pottery pays its way and I can cut the bar shifts to two nights a week.',
  'Success would be new prices on the website, people still buying, and me not apologising when someone asks how much.',
  'First step: put the new prices on the online shop and tell the cafés about wholesale.',
];

describe('corrections reach the statement', () => {
  it('cuts only the clause a cut points at, and keeps the rest of the part', async () => {
    const { state, turns } = await runConversation([...DRAFTED, 'Good start, but a few fixes. First, cut anything about the cafés from the first experiment. That\'s step two, not step one.']);
    expect(state.statement?.firstExperiment).toMatch(/put the new prices on the online shop/);
    expect(state.statement?.firstExperiment).not.toMatch(/caf/);
    // The verdict on the draft is not given back as the client's words.
    expect(turns.at(-1)!.text).not.toMatch(/good start/i);
  });

  it('changes the named part to the quoted words, whatever follows the quote', async () => {
    const { state } = await runConversation([...DRAFTED, "Better. Two last changes. The date: make it Sunday the 14th, by 6 pm. And change the measure to 'new prices live on the site', not a number of sales. I can't control sales in the first week."]);
    expect(state.statement?.successIndicators.join(' ')).toMatch(/new prices live on the site/);
    expect(state.statement?.successIndicators.join(' ')).not.toMatch(/people still buying/);
  });
});

describe('edits asked for in everyday words', () => {
  it('"X is too long … something like: Y" gives the part the new words', async () => {
    const { state } = await runConversation([...DRAFTED, 'Purpose is too long. Shorter. Something like: make the pottery pay its way.']);
    expect(state.statement?.goals).toEqual(['make the pottery pay its way']);
  });

  it('"make the first step \'Y\'" changes the first step, and a yes before it is no confirmation', async () => {
    const { state } = await runConversation([...DRAFTED, "Yes mostly. Make the first step 'put the new prices on the shop this weekend'"]);
    expect(state.statement?.firstExperiment).toBe('put the new prices on the shop this weekend');
    expect(state.statement?.status).toBe('draft');
  });

  it('"take out \'X\' … just say Y" with words the draft never had changes the aim', async () => {
    const { state } = await runConversation([...DRAFTED, "yeah thats about right. maybe take out 'restore work-life balance', sounds like a poster. just say get my days off back"]);
    expect(state.statement?.goals).toEqual(['get my days off back']);
    expect(state.statement?.status).toBe('draft');
  });

  it('"the aim part, can you make it like \'Y\'" in a voice note, after a yes, changes the aim and confirms nothing', async () => {
    const { state } = await runConversation([...DRAFTED, "Okay, so, um, yeah, that sounds -- that sounds right. The, uh, the aim part, can you make it like 'get back to just coaching', 'cause that's, you know, that's the thing, that's why I signed up."]);
    expect(state.statement?.goals).toEqual(['get back to just coaching']);
    expect(state.statement?.status).toBe('draft');
  });

  it('"add Y to the signs of progress" adds it there, once', async () => {
    const { state } = await runConversation([...DRAFTED, 'Can you add my heart not racing to the signs of progress?']);
    expect(state.statement?.successIndicators.at(-1)).toBe('my heart not racing');
    expect(state.statement?.text.match(/heart not racing/g)).toHaveLength(1);
  });

  it('"please add the heart thing" names the part but no words: their words are asked for, and nothing is confirmed', async () => {
    const { state, turns } = await runConversation([...DRAFTED, 'Yes, this is better. Also in signs of progress, please add the heart thing.'], { stopAtComplete: false });
    expect(state.statement?.status).toBe('draft');
    expect(turns.at(-1)!.text).toMatch(/signs of progress/);
    expect(turns.at(-1)!.text).toMatch(/\?$/);
  });

  it('"make it shorter" is answered with one question about which part, not taken as a yes or passed over', async () => {
    const { state, turns } = await runConversation([...DRAFTED, 'Make it shorter.'], { stopAtComplete: false });
    expect(state.statement?.status).toBe('draft');
    expect(turns.at(-1)!.text).toMatch(/which part|what you want, how you'll know/i);
  });
});

describe('what is no part of the statement', () => {
  it('a confidence rating is no sign of progress, aim or step', () => {
    for (const kind of ['success', 'goal', 'experiment'] as const) {
      expect(partFault(coachContent.partCheck, kind, 'for ask Siobhan maybe 9, for interview itself only 5, so together is 7')).toBe('rating-not-sign');
      expect(partFault(coachContent.partCheck, kind, 'an eight')).toBe('rating-not-sign');
    }
    expect(partFault(coachContent.partCheck, 'success', 'home by 7 most nights')).toBeNull();
  });

  it('saying what they are bad at is no sign of progress', () => {
    expect(partFault(coachContent.partCheck, 'success', "I'm rubbish at saying no")).toBe('difficulty-not-sign');
    expect(partFault(coachContent.partCheck, 'success', 'I say no to one extra duty a week')).toBeNull();
  });

  it('a verdict on the draft is not echoed as their words', () => {
    expect(echoFault('good start, but a few fixes')).toBe('verdict-on-the-draft');
    expect(echoFault("you're nearly done with the rota")).toBeNull();
  });
});

describe('a goodbye at the end of a message', () => {
  it('closes with the statement as it stands ("…off to get murdered at Mario Kart. night.", "…Cheers.")', async () => {
    for (const bye of ['thanks. that actually helped a bit, feels less like drowning. right, off to get murdered at Mario Kart. night.', "Right. That was less painful than the dentist. Don't tell HR I said that. Cheers."]) {
      const { turns } = await runConversation([...DRAFTED, bye]);
      expect(turns.at(-1)!.text).toMatch(/statement as it stands/);
      expect(turns.at(-1)!.text).not.toMatch(/\?\s*$/);
    }
  });
});

describe('words that are not an aim or a clause to echo', () => {
  it('a question inside a label is not echoed as "you did the laptop stay…"', () => {
    expect(echoFault('you did the laptop stay in the boot on Wednesday night, yes or no')).toBe('question-inside');
    expect(echoFault('you did the right thing')).toBeNull();
  });

  it('"too many priorities" is not written as an aim ("I want to work on too many priorities")', async () => {
    const { readFileSync } = await import('node:fs');
    const { messages } = JSON.parse(readFileSync(new URL('../../eval/clients/terse-ops-lead.json', import.meta.url), 'utf8')) as { messages: string[] };
    const { state } = await runConversation(messages);
    expect(state.statement?.text ?? '').not.toMatch(/work on too many/i);
    expect(state.statement?.goals.length).toBeGreaterThan(0);
  });
});

describe('a part named and its new words in quotes, whatever the verb', () => {
  it('"for the aim, can you use my words: \'…\'" and "the step should … Something like \'…\'" change those parts, and the summary follows the new aim', async () => {
    const { state, turns } = await runConversation([
      ...DRAFTED,
      "This is close. And for the aim, can you use my words: 'sell enough pots to drop the Saturday bar shift', rather than anything about prices.",
      "Also the step should name Mel, she runs the café. Something like 'Show Mel the new wholesale prices on Thursday.'",
      'Okay. The signs are fine as they are, I can live with that, I suppose, for now at least.',
    ]);
    expect(state.statement?.goals).toEqual(['sell enough pots to drop the Saturday bar shift']);
    expect(state.statement?.firstExperiment).toBe('Show Mel the new wholesale prices on Thursday');
    // Said back in the client's new words, never in the aim first heard.
    const later = turns.filter((turn) => turn.role === 'coach').slice(-2).map((turn) => turn.text).join(' ');
    expect(later).not.toMatch(/raise (?:your|my) prices so the pottery/);
  });

  it('leaves a quote of someone else alone when no part is named ("my manager said \'…\'")', async () => {
    const { state } = await runConversation([...DRAFTED, "My manager always says 'you need to delegate more', which is funny."]);
    expect(state.statement?.goals[0]).toMatch(/raise my prices/);
  });
});

describe('an edit asked for without the new words', () => {
  it('"can you write the part about X more soft?" asks for that part in their words, not a stock line', async () => {
    const { state, turns } = await runConversation([...DRAFTED, 'Thank you, is very good. Only one thing, can you write the part about wholesale more soft? Not like it is a big plan.']);
    expect(turns.at(-1)!.text).toMatch(/what should the first experiment say\?/i);
    expect(state.statement?.status).toBe('draft');
  });
});

describe('a change of words the statement never had', () => {
  it('never puts a time ("until I see my coach") in as the aim, and says the statement did not hold the old words', async () => {
    const { state, turns } = await runConversation([...DRAFTED, "Actually, can you change 'for two weeks' to 'until I see my coach'? It's about the same but it's a cleaner checkpoint."]);
    expect(state.statement?.goals[0]).toMatch(/raise my prices/);
    expect(turns.at(-1)!.text).not.toMatch(/work on until/);
    expect(turns.at(-1)!.text).toMatch(/for two weeks/);
  });
});

describe('a question about who reads this', () => {
  it('"the human coach will read this before?" is answered honestly: the coach sees only what the client exports or shares', async () => {
    const { turns } = await runConversation(['I want to stop doing every rota myself.', "Can I ask, the human coach will read this before? Then I don't need to explain everything again?"]);
    expect(turns.at(-1)!.text).toMatch(/your coach included/);
    expect(turns.at(-1)!.text).toMatch(/export or share/);
    expect(turns.at(-1)!.text).not.toMatch(/Here's how it works/);
  });
});

describe('a cut said in a second language', () => {
  it('"But please not put \'X\'" is a cut, never a new aim', async () => {
    const { state } = await runConversation([...DRAFTED, "Is almost good. But please not put 'tell the cafés about wholesale'. Is not the first step."]);
    expect(state.statement?.firstExperiment).toMatch(/put the new prices on the online shop/);
    expect(state.statement?.firstExperiment).not.toMatch(/wholesale/);
  });
});
