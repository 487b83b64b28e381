import { coachContent } from '../helpers/content.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai-server.js';
import { useServersAndClients } from '../helpers/lifecycle.js';
import type { Frame, TestClient } from '../helpers/ws-client.js';

/**
 * Words of crisis over the real WebSocket server: in rehearse mode (the person is the coach, their
 * own first-person words are screened, their risk questions to the simulated client are not) and
 * with a model configured (the fake OpenAI-compatible server records every request it gets).
 */

const { client, server } = useServersAndClients();
const texts = coachContent.safety.texts;
const helpText = (kind: 'suicide' | 'medical' | 'danger') => texts.help[kind].text.join(' ');
type Moves = { kind: string; label?: string; links?: { text: string; href: string }[] }[];

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function startSession(url: string, mode: 'coach' | 'rehearse'): Promise<TestClient> {
  const connection = await client(url);
  connection.send({ type: 'session.start', mode });
  await connection.next('session.ready');
  await connection.next('assistant.message');
  await connection.next('state');
  return connection;
}

const isSafety = (reply: Frame) => (reply.moves as Moves).some((move) => move.label?.startsWith('safety'));

describe('rehearse mode: the person is the coach', () => {
  it("a coach's risk question to the simulated client gets the client's answer, not an alarm", async () => {
    const app = await server();
    const connection = await startSession(app.wsUrl, 'rehearse');
    for (const [id, question] of [
      ['q1', 'Have you had any thoughts of ending your life?'],
      ['q2', 'Are you having thoughts of suicide?'],
    ] as const) {
      const { reply, state } = await connection.say(id, question);
      expect(reply.role).toBe('client');
      expect(isSafety(reply)).toBe(false);
      expect(reply.text).not.toContain(texts.rehearsalNote);
      expect(state.paused).toBe(false);
    }
  });

  it("the person's own words of crisis step out of the role-play with the help, pause, and the client waits until they want to go on", async () => {
    const app = await server();
    const connection = await startSession(app.wsUrl, 'rehearse');
    await connection.say('r1', "What's been going on for you since the promotion?");

    const crisis = await connection.say('r2', "Sorry, I need to stop. Some days i dont want to wake up anymore.");
    expect(crisis.reply.text).toBe(`${texts.rehearsalNote} ${helpText('suicide')}`);
    expect(isSafety(crisis.reply)).toBe(true);
    expect((crisis.reply.moves as Moves)[0]!.links).toContainEqual({ text: '988', href: 'tel:988' });
    expect(crisis.state.paused).toBe(true);

    // The simulated client does not answer a coaching question while paused.
    const still = await connection.say('r3', 'What would you most like to change?');
    expect(still.reply.text).toBe(texts.pausedStill.join(' '));
    expect(still.state.paused).toBe(true);

    const resumed = await connection.say('r4', "I'm okay now, it was a bad day, can we carry on?");
    expect(resumed.reply.text).toBe(texts.resume[0]);
    expect(resumed.state.paused).toBe(false);

    const client = await connection.say('r5', 'What would you most like to change?');
    expect(isSafety(client.reply)).toBe(false);
    expect(client.reply.text).not.toBe(texts.pausedStill.join(' '));
    expect(client.state.paused).toBe(false);
  });
});

describe('rehearse mode: ambiguous words of the person', () => {
  it('get the check question out of the role-play; a clear no goes back to the rehearsal, an unclear answer is asked once more, a yes gets the help', async () => {
    const app = await server();
    const connection = await startSession(app.wsUrl, 'rehearse');
    const check = await connection.say('k1', "Sorry, I can't do this anymore.");
    expect(check.reply.text).toContain(texts.rehearsalNote);
    expect(check.reply.text).toContain('“I can\'t do this anymore”');
    expect(isSafety(check.reply)).toBe(true);
    expect(check.state.paused).toBe(false);
    const clear = await connection.say('k2', 'no, just this rehearsal is hard');
    expect(clear.reply.text).toBe(texts.checkClear[0]);
    const back = await connection.say('k3', 'What would you most like to change?');
    expect(isSafety(back.reply)).toBe(false);

    const again = await connection.say('k4', "Honestly I'm so done with everything.");
    expect(isSafety(again.reply)).toBe(true);
    // An unclear answer: the help lines and the question once more, out of the role-play, no pause.
    const unclear = await connection.say('k4b', 'idk');
    expect(String(unclear.reply.text).startsWith(texts.rehearsalNote)).toBe(true);
    expect(String(unclear.reply.text)).toContain('988');
    expect(unclear.state.paused).toBe(false);
    const maybe = await connection.say('k5', 'maybe');
    expect(maybe.reply.text).toBe(`${texts.rehearsalNote} ${helpText('suicide')}`);
    expect(maybe.state.paused).toBe(true);
  });

  it("a coach's reflection of the client's hopelessness is not screened as the person's", async () => {
    const app = await server();
    const connection = await startSession(app.wsUrl, 'rehearse');
    const { reply } = await connection.say('f1', "It sounds like you can't do this anymore.");
    expect(isSafety(reply)).toBe(false);
  });
});

describe('coach mode with a model configured', () => {
  function everyRequest(): string {
    return fake!.requests.map((request) => JSON.stringify(request.body ?? '')).join('\n');
  }

  it('a crisis turn never reaches the model, before or after the pause, and the reviewed text is sent as written', async () => {
    // No question in the model's words: a turn whose plan asks nothing may not have one.
    fake = await startFakeOpenAI({ defaultText: ['It sounds like that matters to you. ', 'Take your time with it.'] });
    const app = await server({ OPENAI_BASE_URL: fake.baseURL });
    const connection = await startSession(app.wsUrl, 'coach');
    await connection.say('m1', 'I want to get better at delegating to my team.');
    const crisisText = 'some days i dont want to wake up anymore';

    const crisis = await connection.say('m2', crisisText);
    expect(crisis.reply.text).toBe(helpText('suicide'));
    expect(crisis.reply.fallback).toBeUndefined();
    expect(crisis.state.paused).toBe(true);

    const resumed = await connection.say('m3', "I'm okay now, it was a bad day, can we carry on?");
    expect(String(resumed.reply.text).startsWith(texts.resume[0]!)).toBe(true);
    expect(resumed.state.paused).toBe(false);

    // The next coaching turn goes to the model again, without the crisis turn in its prompt.
    const before = fake.completionRequests().length;
    const next = await connection.say('m4', 'I keep redoing the weekly report myself.');
    expect(next.reply.text).toBe('It sounds like that matters to you. Take your time with it.');
    expect(fake.completionRequests().length).toBeGreaterThan(before);
    await Promise.all(fake.requests.map((request) => request.done));
    expect(everyRequest()).toContain('I keep redoing the weekly report myself.');
    expect(everyRequest()).not.toContain(crisisText);
    expect(everyRequest()).not.toContain(texts.help.suicide.text[0]!);
  });

  it('the check question and its answer never reach the model either', async () => {
    fake = await startFakeOpenAI();
    const app = await server({ OPENAI_BASE_URL: fake.baseURL });
    const connection = await startSession(app.wsUrl, 'coach');
    const before = fake.requests.length;
    const check = await connection.say('c1', "I can't do this anymore, honestly.");
    expect(texts.check.map((stem) => stem.replace('{quote}', '“I can\'t do this anymore”'))).toContain(check.reply.text);
    const answer = await connection.say('c2', 'sometimes');
    expect(answer.reply.text).toBe(helpText('suicide'));
    expect(answer.state.paused).toBe(true);
    expect(fake.requests.length).toBe(before);
    expect(everyRequest()).not.toContain("can't do this anymore");
  });

  it("the model's own reply with words of crisis is held back: the offline wording answers that turn", async () => {
    fake = await startFakeOpenAI();
    const app = await server({ OPENAI_BASE_URL: fake.baseURL });
    const connection = await startSession(app.wsUrl, 'coach');
    const modelWords = ['That sounds like a lot. ', 'Honestly, some days I want to ', 'kill myself too. ', 'What about you?'];
    // Both requests of the turn (the reply and the refinement) get the same words.
    fake.script({ kind: 'text', chunks: modelWords }, { kind: 'text', chunks: modelWords });
    const { reply, state } = await connection.say('x1', 'I want to get better at delegating to my team.');
    expect(reply.text).not.toContain('kill myself');
    // Not even streamed: the words that made it crisis never reached the page.
    const shown = connection.frames.filter((frame) => frame.type === 'assistant.delta' && frame.turn === reply.turn).map((frame) => String(frame.text)).join('');
    expect(shown).not.toContain('kill myself');
    expect(reply.fallback).toBe(true);
    expect(String(reply.text).length).toBeGreaterThan(20);
    expect(state.paused).toBe(false);
  });
});
