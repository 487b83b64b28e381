// The fake model server of `npm run bench:model`, in a process of its own so it does not share an
// event loop with Rapport or with the bench's client. Its options come as JSON in argv[2]; it
// prints `{"baseURL": …}` on one line when it listens and runs until it is sent SIGTERM.
import { startFakeOpenAI, type FakeOpenAIOptions } from '../../tests/fakes/fake-openai-server.js';

const options = JSON.parse(process.argv[2] ?? '{}') as FakeOpenAIOptions;
const fake = await startFakeOpenAI(options);
// The fake records every request for tests to inspect; a benchmark would only grow its heap with them.
setInterval(() => fake.requests.splice(0, fake.requests.length), 1_000).unref();
process.stdout.write(`${JSON.stringify({ baseURL: fake.baseURL })}\n`);
const stop = (): void => {
  fake.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
