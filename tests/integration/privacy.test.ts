import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai-server.js';
import { startTestServer, type RunningServer } from '../helpers/test-server.js';
import { TestClient } from '../helpers/ws-client.js';

let app: RunningServer | null = null;
let fake: FakeOpenAI | null = null;

afterEach(async () => {
  await app?.stop();
  app?.cleanup();
  await fake?.close();
  app = null;
  fake = null;
});

it('logs no conversation text, token or key, even at trace level and when the model fails', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'trace' }, sink);
  fake = await startFakeOpenAI({ apiKey: 'sk-right' });
  app = await startTestServer({ OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-wrong-and-secret' }, undefined, logger);
  const client = await TestClient.connect(app.wsUrl);
  client.send({ type: 'session.start', mode: 'coach' });
  const ready = await client.next('session.ready');
  await client.say('m1', 'My confidential worry is that Jordan will quit over the reorganisation.');
  client.send('{ definitely not json');
  await client.next('error');
  await fetch(`${app.url}/api/sessions/${String(ready.sessionId)}`, { headers: { authorization: `Bearer ${String(ready.token)}` } });
  await client.close();

  const log = lines.join('');
  expect(lines.length).toBeGreaterThan(0);
  expect(log).not.toContain('Jordan');
  expect(log).not.toContain('confidential worry');
  expect(log).not.toContain(String(ready.token));
  expect(log).not.toContain('sk-wrong-and-secret');
});
