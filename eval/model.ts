import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createServer } from '../server/app.js';
import type { EventSink } from '../server/app/session-events.js';
import { loadConfig } from '../server/config.js';
import { loadContent } from '../server/content/load-content.js';
import { createLogger } from '../server/logger.js';
import { captureFigures, percentile, statementFigures, type Truth } from './coach-metrics.js';
import type { DriverTurn } from './driver.js';
import { renderModelChart, renderModelReport, type ModelEvalFigures } from './model-report.js';

/**
 * `npm run eval:model -- --base-url http://localhost:11434/v1 --model llama3.1:8b [--api-key …]
 * [--clients eval/clients-dev3 …] [--out docs/model-eval.md] [--limit N] [--deadline-ms 25000]`
 *
 * Runs the scripted and messy clients through the whole server (the same wiring as `npm start`:
 * plan, model, guard, fallback, extraction) against whatever model is configured, or the offline
 * engine when none is, and writes a Markdown report with an SVG chart. The model's requests go
 * through a small recording proxy, so the prompt size is measured on what was really sent.
 * Conversation text is never written to the report; only figures are.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SETS = ['eval/clients-dev3', 'eval/clients-messy-dev'];

export interface ModelEvalOptions {
  baseURL?: string;
  apiKey?: string;
  model?: string;
  sets?: string[];
  out?: string;
  limit?: number;
  deadlineMs?: number;
}

const ClientSchema = z.object({
  id: z.string().optional(),
  safetyOnly: z.boolean().optional(),
  messages: z.array(z.string().min(1)).min(1),
  truth: z
    .object({
      needs: z.array(z.object({ category: z.string(), quote: z.string() })).default([]),
      constraints: z.array(z.object({ kind: z.string(), quote: z.string() })).default([]),
      learningPreference: z.string().nullable().default(null),
    })
    .passthrough(),
});

function loadClients(folder: string): { id: string; messages: string[]; truth: Truth }[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const parsed = ClientSchema.parse(JSON.parse(readFileSync(join(folder, file), 'utf8')));
      return parsed.safetyOnly ? [] : [{ id: parsed.id ?? basename(file, '.json'), messages: parsed.messages, truth: parsed.truth as Truth }];
    });
}

/** Forwards every request to the model server, noting the size of each chat prompt and any usage reported. */
async function startRecordingProxy(target: string): Promise<{ url: string; promptChars: number[]; close: () => Promise<void> }> {
  const promptChars: number[] = [];
  const server: Server = createHttpServer(async (req, res) => {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const body = Buffer.concat(parts);
    try {
      const parsed = body.length ? JSON.parse(body.toString('utf8')) : null;
      if (parsed?.stream === true && Array.isArray(parsed.messages)) {
        promptChars.push(parsed.messages.reduce((sum: number, message: { content?: unknown }) => sum + String(message.content ?? '').length, 0));
      }
    } catch {
      // not JSON: forwarded as is
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)).map(([name, value]) => [name, String(value)]));
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    try {
      const upstream = await fetch(`${target}${(req.url ?? '/').replace(/^\/v1/, '')}`, { method: req.method ?? 'GET', headers, ...(body.length ? { body } : {}), signal: abort.signal });
      res.writeHead(upstream.status, Object.fromEntries([...upstream.headers].filter(([name]) => !['content-encoding', 'content-length', 'transfer-encoding'].includes(name))));
      const reader = upstream.body?.getReader();
      for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader!.read()) res.write(chunk.value);
      res.end();
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    promptChars,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

export async function runModelEval(options: ModelEvalOptions): Promise<{ figures: ModelEvalFigures; reportPath: string; chartPath: string }> {
  const sets = (options.sets?.length ? options.sets : DEFAULT_SETS).map((set) => resolve(process.cwd(), set)).filter((set) => existsSync(set));
  let clients = sets.flatMap((set) => loadClients(set));
  if (options.limit) clients = clients.slice(0, options.limit);
  const content = loadContent();
  const proxy = options.baseURL ? await startRecordingProxy(options.baseURL.replace(/\/$/, '')) : null;
  const folder = mkdtempSync(join(tmpdir(), 'rapport-eval-model-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATABASE_URL: `sqlite:${join(folder, 'eval.db')}`,
    ...(proxy ? { OPENAI_BASE_URL: proxy.url } : {}),
    ...(options.apiKey ? { OPENAI_API_KEY: options.apiKey } : {}),
    ...(options.model ? { COACH_MODEL: options.model } : {}),
    ...(options.deadlineMs ? { MODEL_TURN_DEADLINE_MS: String(options.deadlineMs) } : {}),
  });
  const rapport = await createServer(config, createLogger('silent'), content);
  const { port } = await rapport.listen(0, '127.0.0.1');

  const figures: ModelEvalFigures = {
    engine: rapport.sessions.engineName,
    model: config.model?.model ?? null,
    sets: sets.map((set) => relative(root, set) || set),
    clients: clients.length,
    coachTurns: 0,
    modelTurns: 0,
    fallbacks: 0,
    guardRejections: {},
    fallbackReasons: {},
    classifier: { questionsOpen: 0, questionsClosed: 0, reflectionsSimple: 0, reflectionsComplex: 0, other: 0 },
    needs: { captured: 0, truth: 0, extra: 0 },
    constraints: { captured: 0, truth: 0 },
    statements: { complete: 0, traceable: 0, coached: 0 },
    surfaceDefects: {},
    promptTokens: null,
    latencyMs: { firstDelta: { p50: 0, p95: 0 }, final: { p50: 0, p95: 0 } },
  };
  const firstDelta: number[] = [];
  const final: number[] = [];
  const rules = content.templates.guard;

  try {
    for (const client of clients) {
      const { sessionId } = await rapport.sessions.create('coach', null);
      let started = 0;
      let firstSeen = false;
      const sink: EventSink = (event) => {
        if (event.type === 'reply.delta' && !firstSeen) {
          firstSeen = true;
          firstDelta.push(performance.now() - started);
        } else if (event.type === 'turn.stored') {
          if (event.role === 'coach') {
            final.push(performance.now() - started);
            figures.coachTurns += 1;
            if (event.fallback) figures.fallbacks += 1;
            else if (config.model) figures.modelTurns += 1;
            for (const pattern of rules.patterns) if (pattern.regex.test(event.text)) figures.surfaceDefects[pattern.id] = (figures.surfaceDefects[pattern.id] ?? 0) + 1;
          }
        }
      };
      const begin = (): void => {
        started = performance.now();
        firstSeen = false;
      };
      begin();
      await rapport.sessions.open(sessionId, 0, () => {}, sink);
      for (const [index, message] of client.messages.entries()) {
        if ((await rapport.sessions.state(sessionId)).step === 'complete') break;
        begin();
        await rapport.sessions.handleUserMessage(sessionId, { id: `m${index}`, text: message }, sink);
      }
      const history = (await rapport.sessions.snapshot(sessionId)).history;
      const driven: DriverTurn[] = history.map((item) => ({ seq: item.seq, role: item.role, step: item.step, text: item.text, ...(item.moves ? { moves: item.moves } : {}) }));
      const state = await rapport.sessions.state(sessionId);
      let previousClient = '';
      for (const turn of driven) {
        if (turn.role === 'client') {
          previousClient = turn.text;
          continue;
        }
        for (const sentence of turn.text.match(/[^.!?]+[.!?]*/g) ?? []) {
          const { label } = content.classifier.classify({ text: sentence.trim(), previousClient });
          if (label === 'question_open') figures.classifier.questionsOpen += 1;
          else if (label === 'question_closed') figures.classifier.questionsClosed += 1;
          else if (label === 'reflection_simple') figures.classifier.reflectionsSimple += 1;
          else if (label === 'reflection_complex') figures.classifier.reflectionsComplex += 1;
          else figures.classifier.other += 1;
        }
      }
      const capture = captureFigures(state, client.truth);
      figures.needs.captured += capture.needsCaptured;
      figures.needs.truth += capture.needsTruth;
      figures.needs.extra += capture.needsExtra;
      figures.constraints.captured += capture.constraintsCaptured;
      figures.constraints.truth += capture.constraintsTruth;
      const statement = statementFigures(state, driven);
      figures.statements.coached += 1;
      if (statement.complete) figures.statements.complete += 1;
      if (statement.traceable) figures.statements.traceable += 1;
    }
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const match of metrics.matchAll(/^rapport_model_guard_rejections_total\{rule="([a-z_]+)"\} (\d+)/gm)) figures.guardRejections[match[1]!] = Number(match[2]);
    for (const match of metrics.matchAll(/^rapport_model_fallbacks_total\{reason="([a-z_]+)"\} (\d+)/gm)) figures.fallbackReasons[match[1]!] = Number(match[2]);
    if (proxy && proxy.promptChars.length) {
      const tokens = proxy.promptChars.map((chars) => Math.round(chars / 4));
      figures.promptTokens = { median: percentile(tokens, 0.5), p95: percentile(tokens, 0.95), measured: 'estimated (characters / 4)' };
    }
    figures.latencyMs = {
      firstDelta: { p50: percentile(firstDelta, 0.5), p95: percentile(firstDelta, 0.95) },
      final: { p50: percentile(final, 0.5), p95: percentile(final, 0.95) },
    };
  } finally {
    await rapport.close();
    await proxy?.close();
    rmSync(folder, { recursive: true, force: true });
  }

  const reportPath = resolve(process.cwd(), options.out ?? 'docs/model-eval.md');
  const chartPath = reportPath.replace(/\.md$/, '') + '.svg';
  mkdirSync(dirname(reportPath), { recursive: true });
  const command = ['npm run eval:model --', ...(options.baseURL ? ['--base-url', options.baseURL] : []), ...(options.model ? ['--model', options.model] : []), ...(options.sets?.length ? options.sets.flatMap((set) => ['--clients', set]) : [])].join(' ');
  writeFileSync(reportPath, renderModelReport(figures, basename(chartPath), command));
  writeFileSync(chartPath, renderModelChart(figures));
  return { figures, reportPath, chartPath };
}

/** `--name value` pairs; `--clients` may repeat. Keys come from the environment when not given. */
export function parseArguments(argv: string[], env: Record<string, string | undefined> = process.env): ModelEvalOptions {
  const options: ModelEvalOptions = {};
  const sets: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const name = argv[index];
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
    index += 1;
    if (name === '--base-url') options.baseURL = value;
    else if (name === '--model') options.model = value;
    else if (name === '--api-key') options.apiKey = value;
    else if (name === '--clients') sets.push(value);
    else if (name === '--out') options.out = value;
    else if (name === '--limit') options.limit = z.coerce.number().int().positive().parse(value);
    else if (name === '--deadline-ms') options.deadlineMs = z.coerce.number().int().positive().parse(value);
    else throw new Error(`unknown option ${name}`);
  }
  if (sets.length) options.sets = sets;
  options.baseURL ??= env.OPENAI_BASE_URL;
  options.apiKey ??= env.OPENAI_API_KEY;
  options.model ??= env.COACH_MODEL;
  // OpenAI itself with only a key: the proxy needs the address to forward to.
  if (!options.baseURL && options.apiKey) options.baseURL = 'https://api.openai.com/v1';
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { figures, reportPath } = await runModelEval(parseArguments(process.argv.slice(2)));
  process.stdout.write(`${figures.clients} clients, ${figures.coachTurns} coach turns (${figures.fallbacks} answered offline). Report: ${relative(process.cwd(), reportPath)}\n`);
}
