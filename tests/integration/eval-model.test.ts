import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArguments, runModelEval } from '../../eval/model.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai-server.js';

/** `npm run eval:model` lets users score their own model: here against the scripted fake, and offline. */
let fake: FakeOpenAI | null = null;
let folder: string | null = null;
afterEach(async () => {
  await fake?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  fake = null;
  folder = null;
});

describe('npm run eval:model', () => {
  it('reads its options from the command line, the key from the environment when not given', () => {
    expect(parseArguments(['--base-url', 'http://localhost:8000/v1', '--model', 'm', '--clients', 'a', '--clients', 'b', '--limit', '3'], { OPENAI_API_KEY: 'k' })).toEqual({
      baseURL: 'http://localhost:8000/v1',
      model: 'm',
      apiKey: 'k',
      sets: ['a', 'b'],
      limit: 3,
    });
    expect(() => parseArguments(['--model'])).toThrow(/needs a value/);
    expect(() => parseArguments(['--temperature', '1'])).toThrow(/unknown option/);
  });

  it('scores a model behind an OpenAI-compatible server and writes the report and its chart', async () => {
    fake = await startFakeOpenAI({ defaultText: ['It sounds like that matters a great deal to you. ', 'What would you most like to change?'] });
    folder = mkdtempSync(join(tmpdir(), 'rapport-eval-'));
    const { figures, reportPath, chartPath } = await runModelEval({ baseURL: fake.baseURL, model: 'fake-coach', sets: ['eval/clients-dev3'], limit: 1, out: join(folder, 'fake.md') });
    expect(figures.engine).toBe('openai');
    expect(figures.modelTurns).toBeGreaterThan(0);
    expect(figures.promptTokens?.median).toBeGreaterThan(100);
    // A persona played the client too, revealing needs only when the coach invited them.
    expect(figures.personas.clients).toBe(1);
    expect(figures.personas.hidden).toBeGreaterThan(0);
    const report = readFileSync(reportPath, 'utf8');
    expect(report).toContain('# Model evaluation: fake-coach');
    expect(report).toMatch(/prompt tokens per reply, median \/ p95 \| \d+ \/ \d+/);
    expect(readFileSync(chartPath, 'utf8')).toMatch(/^<svg[\s\S]*open questions[\s\S]*<\/svg>\n$/);
  });

  it('counts guard rejections and fallbacks for a model that writes junk, with no defect reaching the client', async () => {
    fake = await startFakeOpenAI({ defaultText: ['As an AI language model, ', 'I think you should delegate more.'] });
    folder = mkdtempSync(join(tmpdir(), 'rapport-eval-'));
    const { figures } = await runModelEval({ baseURL: fake.baseURL, model: 'junk', sets: ['eval/clients-dev3'], limit: 1, out: join(folder, 'junk.md') });
    expect(figures.guardRejections.as_an_ai).toBeGreaterThan(0);
    // Not one turn is the model's: each is the offline fallback, or (a crisis or its check
    // question, which never reaches the model) the reviewed text as written.
    expect(figures.modelTurns).toBe(0);
    expect(figures.fallbacks + figures.safetyTurns).toBe(figures.coachTurns);
    expect(figures.surfaceDefects).toEqual({});
  });

  it('runs offline when no model is configured', async () => {
    folder = mkdtempSync(join(tmpdir(), 'rapport-eval-'));
    const { figures } = await runModelEval({ sets: ['eval/clients-dev3'], limit: 1, out: join(folder, 'offline.md') });
    expect(figures.engine).toBe('offline');
    expect(figures.coachTurns).toBeGreaterThan(3);
    expect(figures.statements.coached).toBe(1);
  });
});
