import { describe, expect, it } from 'vitest';
import { runConversation } from '../../eval/driver.js';
import { coachContent } from '../helpers/content.js';
import { understand } from '../../server/understand/understand.js';
import { initialState, STATEMENT_CLOSE_ID } from '../../server/domain/session-state.js';

/**
 * The statement follows the client: a part comes from their answer to it or from their own label
 * for it, never from a question, a confidence score or a correction; a theme only the coach heard
 * is not written in their name; a part missing is asked for; and thanks with a word on the
 * session, once the statement has been shown, closes the conversation.
 */

/** A client who says each part of the statement plainly, so the last message tests only what follows it. */
const FOOD_BANK = [
  'Hello. I coordinate volunteers for a food bank, about 30 people.',
  'Yes, that is all fine.',
  'I want to stop doing every rota myself.',
  "I'd know it's working when two coordinators build the rota without me for a month.",
  'My first step is to show Dana how I build it this Friday.',
];

const coachTexts = (result: Awaited<ReturnType<typeof runConversation>>) => result.turns.filter((turn) => turn.role === 'coach').map((turn) => turn.text);

describe('a statement that follows the client', () => {
  it('reads a labelled part as that part: a confidence is never a sign of progress, a "first step" is the experiment', async () => {
    const result = await runConversation([
      'hi. I lead a support team of 6 at a software company',
      'ok sure, 20 min',
      'I want to stop being the person who answers every escalation myself.',
      'Everything comes to me because I am quickest, and the team never learns.',
      'success: two weeks where the team closes escalations without pinging me',
      'first step hand the monday escalations to Ana. confidence... 6 maybe',
    ]);
    const statement = result.state.statement!;
    expect(statement.successIndicators.join(' ')).toMatch(/without pinging me/);
    expect(statement.successIndicators.join(' ')).not.toMatch(/\b6\b/);
    expect(statement.firstExperiment).toMatch(/^hand the monday escalations to Ana/i);
    expect(statement.firstExperiment).not.toMatch(/confidence|first step/i);
  });

  it('reads "Signs:" as the signs, "Aim: when …, I …" as a rule written whole, and, under "First step:", the sentence that says what they will do, not the scene before it', async () => {
    const result = await runConversation([
      'hi. I am a first officer on the A320, captain assessment in four months',
      'ok sure, 30 min',
      'Under pressure I go quieter, and with senior captains I turn it into a question.',
      'Aim: when I have a safety concern, I state it directly in the first sentence.',
      'Signs: over my next flights I can recall at least two occasions where I stated a concern as a fact.',
      "First step: I have a four-sector day on Thursday. I'll write the structure on a card in my flight bag.",
    ]);
    const statement = result.state.statement!;
    expect(statement.successIndicators.join(' ')).toMatch(/two occasions where I stated a concern as a fact/);
    expect(statement.firstExperiment).toMatch(/write the structure on a card/);
    expect(statement.firstExperiment).not.toMatch(/two occasions|four-sector day/);
    // A rule they set themselves is written as they said it, never after "I want to".
    expect(statement.text).toMatch(/When I have a safety concern, I state it directly in the first sentence/);
    expect(statement.text).not.toMatch(/want to when/i);
  });

  it('reads a businesslike client\'s labels: "Context:" fills no part, what follows "Strengths:" is no step, "Signs: 1) … 2) …" are two signs, "Step:" is the step', async () => {
    const result = await runConversation([
      "Hi. Short on time so I'll get straight to it. Want to focus on keeping my running going through vintage.",
      'Context: assistant winemaker. Vintage starts in about 3 weeks, runs to April. 65-70 hr weeks.',
      "Strengths: I'm good at routines when they're written down. I run a crush schedule for 400 tonnes of fruit, I can schedule a run.",
      'Signs: 1) 3 runs logged on Strava most weeks, 2) not snapping at the crew by March, 3) sleeping through when I am not on overnights.',
      'Step: 20-min lunchtime run from the winery, Mon/Wed/Fri, starting this Monday.',
    ], { stopAtComplete: false });
    const statement = result.state.statement!;
    expect(statement.successIndicators).toEqual(['3 runs logged on Strava most weeks', 'not snapping at the crew by March']);
    expect(statement.text).not.toMatch(/vintage starts in about 3 weeks|schedule a run/i);
    expect(statement.firstExperiment).toMatch(/^20-min lunchtime run from the winery/);
  });

  it('under "Small step." takes the step they offer ("Fine. I could call Linda…") without its "I could", not a later sentence', async () => {
    const result = await runConversation([
      'Hi. I am a court reporter, 34 years. They are piloting digital recording.',
      'ok, 20 minutes',
      'I guess I would like to pick what happens next instead of it getting picked for me.',
      "I'd know because I'd have an actual answer when my supervisor asks.",
      "Small step. Fine. I could call Linda. She did CART from home for six years. Ask what it pays and whether she likes it. Sunday, she's free Sundays.",
    ], { stopAtComplete: false });
    expect(result.state.statement!.firstExperiment).toMatch(/^call Linda/);
  });

  it('writes an aim that names a thing and its state as wanted ("I want admin done…", never "I want to admin done…"), and "That\'s enough." after the support is no goodbye', async () => {
    const result = await runConversation([
      'Quick one please, I have 20 minutes. I am an orthopaedic surgeon and admin eats my evenings.',
      'ok',
      'Aim: admin done inside working hours, home by 18:30 on 3 of 5 weekdays.',
      "Sign: the kids stop asking when I'm coming to supper.",
      'First step: Tuesday 07:30, 30 minutes with Thandi to hand over letter formatting.',
      "Support: Thandi, and my husband will note what time I walk in. That's enough.",
    ], { stopAtComplete: false });
    expect(result.state.statement!.text).toMatch(/^I want admin done inside working hours/);
    expect(result.turns.map((turn) => turn.text).join('\n')).not.toMatch(/want to admin/);
    expect(result.state.step).not.toBe('complete');
  });

  it('takes no goal from a correction said before any statement, nor a purpose from a question', async () => {
    const result = await runConversation([
      'Hello, I am engineer, new team lead since March.',
      'What do you mean, what do I want to focus on? Is that not your job?',
      'In meetings I stay silent when the seniors talk fast. Please do not write that I want to improve my English, it is about timing.',
    ]);
    const goals = [...result.state.goals.map((goal) => goal.text), result.state.agreement.purpose?.text ?? ''].join(' | ');
    expect(goals).not.toMatch(/improve (?:your|my) English/i);
    expect(goals).not.toMatch(/focus on\s*$|your job/i);
  });

  it('keeps a step offered with a question mark in answer to the experiment question', async () => {
    const result = await runConversation([
      'hi. shift manager, distribution centre',
      'ok go. 15 mins',
      'i want to get home before 8 on weekdays',
      'i cover every gap on the rota myself cos its quicker',
      'success = home by 8 four nights a week',
      'give tom the rota gaps for one week? hes ready',
    ]);
    expect(result.state.statement?.firstExperiment ?? result.state.experiment?.own ?? '').toMatch(/give tom the rota gaps for one week/i);
  });

  it('writes no theme the coach only heard into the sentence, and asks for the aim when none was said', async () => {
    const result = await runConversation([
      'Hi, I run a small bakery with two shops.',
      'Yes fine, half an hour.',
      'The second shop burns things when I am not there, so I drive between them all day.',
      'Success: one week where I do not go to the second shop and nothing burns.',
      'Experiment: let Marta run the second shop alone on Tuesday.',
    ]);
    const statement = result.state.statement!;
    expect(statement.text).not.toMatch(/which means working on/);
    const last = coachTexts(result).at(-1)!;
    // A goal was never said (and no need was confirmed or heard twice): the draft is not put to
    // them for a yes, the aim is asked for.
    expect(statement.goals).toEqual([]);
    expect(last).toMatch(/\?/);
    expect(last).not.toMatch(/say so and we'll keep it|confirm the statement/i);
  });

  it('closes with the statement as it stands when the client thanks and says how the session went', async () => {
    const result = await runConversation([
      'I want to get my technical opinion heard before decisions are made.',
      'Yes, fine, 30 minutes.',
      'In architecture meetings I stay quiet because the others talk fast.',
      'Success: in the next three meetings I post my opinion before the meeting.',
      'Experiment: write my view in the channel the day before each meeting.',
      'Thanks a lot, that was more useful than I thought.',
    ]);
    expect(result.state.step).toBe('complete');
    expect(coachTexts(result).at(-1)).toMatch(/statement/i);
  });

  it('hears "Perfect." beside the thanks as a yes to the draft just shown, but not the "ok" that opens "ok im done"', async () => {
    const toTheDraft = [
      'I want to get my technical opinion heard before decisions are made.',
      'Yes, fine, 30 minutes.',
      'In architecture meetings I stay quiet because the others talk fast.',
      'Success: in the next three meetings I post my opinion before the meeting.',
      'Experiment: write my view in the channel the day before each meeting.',
    ];
    const yes = await runConversation([...toTheDraft, 'Perfect. Thank you very much, it was really useful.']);
    expect(yes.state.statement?.status).toBe('confirmed');
    const stop = await runConversation([...toTheDraft, 'ok im done.']);
    expect(stop.state.statement?.status).toBe('draft');
    expect(stop.state.step).toBe('complete');
  });
});

describe('more of the client read as they meant it', () => {
  it('hears a sentence opened by "and" after a labelled sign of success as a second sign', async () => {
    const result = await runConversation([
      'hi. I run the night shift at a distribution centre, 14 people',
      'fine, go ahead',
      'I want my team leads to sort problems without phoning me at 3am.',
      'success... a full week with no call after midnight. by the end of march. and the leads log what they decided in the handover book',
    ]);
    const signs = result.state.successSignals.map((signal) => signal.quote).join(' | ');
    expect(signs).toMatch(/no call after midnight/);
    expect(signs).toMatch(/leads log what they decided/);
    expect(signs).not.toMatch(/end of march/);
  });

  it('takes a labelled step with a hedge after the label ("First step, I s\'pose, …") as the experiment, without the hedge', async () => {
    const result = await runConversation([
      'Hi, so I run a small dental practice, four staff.',
      'Yeah fine.',
      'I want the front desk to handle rebookings without coming to me.',
      "Success would be a week where I don't get pulled out of a patient for a booking.",
      "First step, I s'pose, um, I- I show Kerry the booking screen on Monday.",
    ]);
    const step = result.state.experiment;
    expect(step?.quote).toMatch(/show Kerry the booking screen/);
    expect(step?.own ?? '').not.toMatch(/s'?pose|\bum\b/i);
  });

  it('takes a yes after "the statement doesn\'t mention …" as a yes to the draft it stands by', async () => {
    const result = await runConversation([
      ...FOOD_BANK,
      'take out the bit about the warehouse lease',
      "Yeah, that's it.",
    ]);
    expect(coachTexts(result).at(-2)).toMatch(/doesn.t mention "(?:the )?warehouse lease"/);
    expect(result.state.statement!.status).toBe('confirmed');
  });

  it('says plainly that quoted words asked to be cut are not in the statement, and does not echo the request', async () => {
    const result = await runConversation([
      ...FOOD_BANK,
      "Mostly fine. But take out 'burnt out'. I'm tired, not burnt out.",
    ]);
    const last = coachTexts(result).at(-1)!;
    expect(last).toMatch(/doesn't mention "burnt out"/);
    expect(last).not.toMatch(/you're tired, not burnt out/i);
  });

  it('keeps the verb of "I could try a short weekly update" in the experiment', async () => {
    const result = await runConversation([
      'I lead the housing repairs team, 12 people.',
      'Yes, go on.',
      'I want my team to hear news from me, not from the rumour mill.',
      "I'd know it's working when nobody asks me about rumours for a month.",
      'I could try a short weekly update for the team this week.',
    ]);
    expect(result.state.experiment?.text).toMatch(/^try a short weekly update/);
  });

  it('never takes thanks as a part, and answers "are you a person or a bot?" and "will this go to HR?" first', async () => {
    const result = await runConversation([
      'Before we start, are you a real person or a bot?',
      'ok. I run the kitchen at a care home, 8 staff.',
      'Is this going to be shared with HR? I would rather it was not.',
      'I want the cooks to plan the weekly menu without me.',
      "I'd know it's working when the menu is up on Friday and I haven't touched it.",
      'Thank you so much, this was more useful than I thought.',
    ]);
    const texts = coachTexts(result);
    expect(texts[1]).toMatch(/AI coach/);
    expect(texts[3]).toMatch(/Nobody reads this|kept on the server/);
    expect(result.state.experiment?.quote ?? '').not.toMatch(/thank/i);
    expect(result.state.statement?.firstExperiment ?? '').not.toMatch(/thank/i);
  });

  it('confirms on "yeah that\'s fine" beside a cut of words the statement never had, and says they were never in it', async () => {
    const result = await runConversation([...FOOD_BANK, "yeah that's fine. take out the bit about the warehouse lease tho"]);
    expect(result.state.statement!.status).toBe('confirmed');
    expect(coachTexts(result).at(-1)).toMatch(/never mentioned "(?:the )?warehouse lease", so it stays unchanged/);
  });

  it('makes a change of words the statement never had to what they want, and says so', async () => {
    const result = await runConversation([
      ...FOOD_BANK,
      "change 'be less busy' to 'trust the coordinators with the rota'. being busy is not the point",
    ]);
    const last = coachTexts(result).at(-1)!;
    expect(last).toMatch(/didn't say "be less busy"/);
    expect(result.state.statement!.goals.join(' ')).toMatch(/trust the coordinators with the rota/);
    expect(result.state.statement!.text).toMatch(/I want to trust the coordinators with the rota/);
  });

  it('never offers as a draft a statement with nothing of the client in it', async () => {
    const result = await runConversation([
      'hey. warehouse, 3rd shift',
      'ok',
      'idk really',
      'its fine i guess',
      'same as always',
      'people come and go',
      'not much to say',
      'dunno',
      'whatever works',
      'ok',
      'nah',
      'stop',
    ]);
    const texts = coachTexts(result);
    for (const text of texts) expect(text).not.toMatch(/still discovering what matters most to me/);
    // Said plainly, the aim asked for once, then an offer to stop; a bare "stop" then closes.
    expect(texts.join(' ')).toMatch(/haven't landed on what you'd like/);
    expect(texts.some((text) => /stop here for today/.test(text))).toBe(true);
    expect(texts.at(-1)).toMatch(/didn't get as far as a statement/);
    expect(result.state.step).toBe('complete');
  });
});

describe('advice asked for before a word about the situation', () => {
  it('asks for the situation first, and gives an idea once something is known', async () => {
    const early = await runConversation(['hi, I run a bakery', 'ok, 30 minutes', 'what would you do in my place?']);
    expect(early.turns.at(-1)!.text).toMatch(/situation/);
    expect(early.turns.at(-1)!.text).not.toMatch(/One idea/);
    const later = await runConversation(['hi, I run a bakery', 'ok, 30 minutes', 'I do everything myself and never hand anything to my shop manager', 'success = a week where I do not go to the second shop', 'what would you do in my place?']);
    expect(later.turns.at(-1)!.text).toMatch(/idea/i);
  });
});

describe('doubt about the conversation', () => {
  it('gets an honest word on what this is for and one question, not a draft or a reflection of the doubt', async () => {
    const result = await runConversation(['hi, I run a bakery', 'ok, 30 minutes', 'I do everything myself', 'This is bit pointless, no? You ask, I answer, I already know all this.']);
    const reply = result.turns.at(-1)!.text;
    expect(reply).toMatch(/fair/i);
    expect(reply).not.toMatch(/pointless|draft partnership statement/i);
    expect(reply.match(/\?/g)?.length).toBe(1);
  });
});

describe('plan details said ahead of the plan step', () => {
  it('are given back in one line: a verb-led action, a check-in and a confidence; an action with another subject is not forced into "you\'ll"', async () => {
    const { notedPlanMove } = await import('../../server/policy/plan.js');
    const { coachContent } = await import('../helpers/content.js');
    const base = { actions: [], checkIn: null, confidence: null } as unknown as Parameters<typeof notedPlanMove>[1];
    const action = (what: string) => ({ what, byWhen: 'Monday the 3rd', support: null, measure: null, quote: what, seq: 1 });
    const move = notedPlanMove(coachContent.phrases, { ...base, actions: [action('count how many times you get rung')], confidence: 6 } as never);
    expect(move?.text).toBe("I've noted that for the plan: you'll count how many times you get rung, Monday the 3rd and your confidence is 6 out of 10.");
    expect(notedPlanMove(coachContent.phrases, { ...base, actions: [action('Priya does cover calls till Sunday')] } as never)).toBeNull();
  });
});

describe('a tag question', () => {
  it('"Right?" after a story is not treated as a question off the topic or about their plan', async () => {
    const result = await runConversation(['Yeah, I guess so.', 'I want to eat more healthily.', 'But I know when I go home and I see the food, it drops.', 'Right?']);
    const reply = result.turns.at(-1)!.text;
    expect(reply).not.toMatch(/outside what I can help with|That's your call/);
  });
});

describe('parts read from real speech, checked before they are kept', () => {
  it('keeps the step a label heads past "Right. Well.", never a sentence to the coach, and a sign that goes on with "and"', async () => {
    const result = await runConversation([
      'Hi. I run a building site, two assistant managers under me.',
      'Yes fine, about half an hour.',
      'I want to stop every decision coming to me.',
      "Success would be a proper week's holiday in the summer without a single call. And Kyle has run the morning briefing by the end of June.",
      "Small step. Right. Well. Tell you what, the deliveries, plot sequencing, Kyle could do that, he's more organised than me. I could let Kyle do the deliveries for a fortnight.",
    ]);
    const statement = result.state.statement!;
    expect(statement.firstExperiment).toMatch(/^let Kyle do the deliveries for a fortnight/);
    expect(statement.successIndicators.join(' | ')).toMatch(/Kyle has run the morning briefing/);
    expect(statement.text).not.toMatch(/Right|tell you|Tell me/);
  });

  it('drops backstory after a comma from the aim, and a consequence or a doubt as the experiment', async () => {
    const result = await runConversation([
      'Hello. I have bakery, two shops, 9 staff.',
      'Ok. 30 minutes.',
      'I want to think about wholesale, three cafes ask me already for supply.',
      "Success is, I don't go to second shop for one week and nothing burns.",
      "Probably make the time, but it's easier to just keep working.",
    ]);
    expect(result.state.goals.map((goal) => goal.own)).toEqual(['think about wholesale']);
    expect(result.state.experiment).toBeNull();
  });

  it('a message opened by "and" with no sign before it is no sign ("And when I take a problem to SLT … nothing happens")', async () => {
    const { findSuccessSignals } = await import('../../server/understand/slots.js');
    expect(findSuccessSignals('And when I take a problem to SLT, I get nodded at and nothing happens. I don\'t know how to make them act on it.', 1, false)).toEqual([]);
  });

  it('a yes beside thanks confirms the draft put to them', async () => {
    const result = await runConversation([...FOOD_BANK, 'Perfect. Thank you very much, that was more useful than I thought.']);
    expect(result.state.statement?.status).toBe('confirmed');
  });
});

describe('an aside', () => {
  it('"off topic but is it normal to be this tired" is never given back as the client\'s words in a reflection or a summary', async () => {
    const result = await runConversation(['Hi. I run a night shift on a ward, six nurses.', 'Yes fine, 20 minutes.', 'I want to stop dreading the 6am briefing with the day team.', 'off topic but is it normal to be this tired on nights lol', 'ok back to it. the briefing is where it all goes wrong']);
    for (const text of coachTexts(result)) expect(text).not.toMatch(/off topic/i);
  });
});

describe('a client who answers with nothing', () => {
  it('hears the reluctance named and the choice given back after three empty replies, not a fourth stock question', async () => {
    const result = await runConversation(['Fine.', 'I suppose I have to do this for work.', 'Mm-hmm.', 'Hmm.', 'Okay.', 'Okay.', 'Okay.', 'Sure.']);
    const texts = coachTexts(result);
    const named = texts.findIndex((text) => /isn't something you want to get into|not be the conversation you want|don't seem keen/.test(text));
    expect(named).toBeGreaterThan(0);
    // The three empty replies before it were each met with one question; the fourth reply hears this instead.
    expect(named).toBeLessThanOrEqual(5);
    expect(texts[named]).toMatch(/worth your time|stop here/);
    // A later empty reply gets the offer to stop, said plainly.
    expect(texts.slice(named + 1).some((text) => /stop here for today/.test(text))).toBe(true);
  });
});

describe('an answer to a question the coach put after the bank question', () => {
  it('is not read as the part the earlier bank question asked for', async () => {
    const result = await runConversation([
      'Hello. I have bakery, two shops in Manchester, 9 staff. My accountant says coaching is good for owner.',
      'Ok. 30 minutes, after I must do the orders for tomorrow',
      'Ok ok. Problem is I do everything. In second shop the manager is Selin, he is good, but I still go there every day to check.',
      'Yes. Because when I am not there something goes wrong.',
      'And I want to think about wholesale, three cafes ask me already for supply.',
      'This is bit pointless, no? You ask, I answer, I already know all this.',
      'Ok, what is different... maybe I never said it in one place before. Fine.',
    ]);
    const texts = coachTexts(result);
    expect(texts.at(-2)).toMatch(/worth your time/);
    expect(result.state.experiment?.text ?? '').not.toMatch(/said it in one place/);
  });
});

describe('an aim the client never said', () => {
  it('is not made from a theme the coach heard: the draft is shown without it and the aim is asked for in their words', async () => {
    const result = await runConversation(['Hi, I manage a warehouse team.', 'Yes, 20 minutes.', 'I do everything myself because it is quicker than explaining, and nobody else touches the rota or the orders.', 'Honestly I never hand anything over, I just end up doing it all.', "I'd know it's working when I leave by six twice a week.", 'I could let Jo do the Saturday orders next week.']);
    const reply = result.turns.at(-1)!.text;
    expect(result.state.statement?.goals).toEqual([]);
    expect(result.state.statement?.text).not.toMatch(/handing work|work on/);
    expect(reply).toContain(result.state.statement!.text);
    expect(reply).toMatch(/what do you want|what would you (?:most )?like/i);
  });
});

describe('confirming in so many words', () => {
  it('confirms the draft with "Confirmed." even when other talk came between', async () => {
    const result = await runConversation([...FOOD_BANK, 'My sister used to do rotas for a care home, funny enough.', 'She laughed when I told her about this.', 'Sweet, all good. Confirmed.']);
    expect(result.state.statement?.status).toBe('confirmed');
  });

  it('does not confirm on "confirm" in another sense, nor a draft with a part missing', async () => {
    const other = await runConversation([...FOOD_BANK, 'I need to confirm with my manager first']);
    expect(other.state.statement?.status).toBe('draft');
    const partial = await runConversation([...FOOD_BANK.slice(0, 4), 'My sister used to do rotas for a care home, funny enough.', 'Confirmed.']);
    expect(partial.state.statement?.status ?? 'none').not.toBe('confirmed');
  });

});

describe('a name asked for in place of a role', () => {
  it('"Use my manager\'s name, Priya." puts the name where the role was, and is never the aim', async () => {
    const result = await runConversation([...FOOD_BANK.slice(0, 4), 'My first step is to ask my manager for one Friday off the rota.', "Use my manager's name, Priya. 'My manager' makes it sound like I'm hiding her."]);
    const statement = result.state.statement!;
    expect(statement.firstExperiment).toMatch(/ask Priya for one Friday off the rota/);
    expect(statement.goals.join(' ')).not.toMatch(/name/);
  });
});

describe('a question about the check-in, with the draft on the table', () => {
  it('is answered with how the check-in works, and the coach does not go back to where they are stuck', async () => {
    const result = await runConversation([...FOOD_BANK, 'How does the check-in work, do you message me?']);
    const reply = coachTexts(result).at(-1)!;
    expect(reply).toMatch(/won't message you|Nothing is sent from here/);
    expect(reply).not.toMatch(/stuck|don't have that kind of information/i);
  });
});

describe('an aim corrected across sentences', () => {
  it('"The aim isn\'t \'X\'. … The aim is to Y." writes Y, never X, and keeps the frame\'s grammar', async () => {
    const result = await runConversation([...FOOD_BANK, "No, that's not right. The aim isn't 'to hand over every rota'. I told you, I like doing some. The aim is to stop doing the weekend rotas myself."]);
    const statement = result.state.statement!;
    expect(statement.goals).toEqual(['stop doing the weekend rotas myself']);
    expect(statement.text).toMatch(/^I want to stop doing the weekend rotas myself\./);
  });

  it('a quote after "isn\'t" is never taken as the new words', async () => {
    const result = await runConversation([...FOOD_BANK, "The aim isn't 'to hand over every rota'."]);
    expect(result.state.statement!.goals.join(' ')).not.toMatch(/hand over every rota/);
  });
});

describe('a question in the client\'s mind', () => {
  it('"It\'s more whether I can fit it in" is not a first step', async () => {
    const result = await runConversation(['Hello. I work nights in a care home.', 'I want to apply for the nursing associate apprenticeship.', "It's more whether I can actually fit it in with everything."]);
    expect(result.state.experiment).toBeNull();
  });
});

describe('corrections that quote the old words', () => {
  it('"the aim says \'X\' … its more like Y" writes Y, never X', async () => {
    const result = await runConversation([...FOOD_BANK, "its ok. the aim says 'hand over the rotas' which sounds too big. its more like stop doing the weekend rotas myself."]);
    expect(result.state.statement!.goals).toEqual(['stop doing the weekend rotas myself']);
  });
});

describe('signs said the way people say them', () => {
  it('"Or if I stop checking…" is written without its "or", and a refusal is never added to the sign', async () => {
    const result = await runConversation([
      'Hello. I drive buses and I want the driver trainer job.',
      "I'd like to either get the job or know for sure it's not happening.",
      'If I get it, obviously. Or if I stop checking the internal jobs board every Monday like an idiot.',
      "I'm not reading the 40 page booklet though. Let's be clear.",
    ]);
    const signs = result.state.successSignals.map((signal) => signal.own ?? signal.text).join(' | ');
    expect(signs).toMatch(/^if I stop checking the internal jobs board/);
    expect(signs).not.toMatch(/booklet/);
  });
});

describe('a goodbye at the end of a longer message', () => {
  it('closes the session with the statement as it stands, not another question', async () => {
    const result = await runConversation([...FOOD_BANK.slice(0, 4), 'Thank you very much. Was strange to speak with computer but good. Have nice day. Dziękuję!']);
    const reply = coachTexts(result).at(-1)!;
    expect(reply).toMatch(/stop here/i);
    expect(reply).not.toMatch(/What else is important/);
  });

  it.each([
    "Right, that's me. Wasn't as bad as I thought. Cheers.",
    'bet. appreciate it. gotta go fix somebodys panel',
  ])('"%s" is a goodbye too', async (goodbye) => {
    const result = await runConversation([...FOOD_BANK.slice(0, 4), goodbye]);
    expect(coachTexts(result).at(-1)!).toMatch(/stop here/i);
  });

  it('thanks to the offer to stop ("k cheers") takes it', () => {
    const state = { ...initialState('coach'), step: 'create_partnership' as const, asked: [STATEMENT_CLOSE_ID], recentCoachTexts: ['We could stop here, with the statement as it stands. Shall we stop here?'] };
    expect(understand(coachContent, 'k cheers', 9, state).acts.map((act) => act.type)).toContain('wants_stop');
  });

  it('a worst fear is no sign of progress', async () => {
    const result = await runConversation([...FOOD_BANK.slice(0, 3), 'I go back to doing every rota because I fail.']);
    expect(result.state.successSignals).toEqual([]);
  });
});
