import { isSafetyMove } from '../server/understand/safety.js';
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
import { initialRehearsal } from '../server/domain/rehearsal.js';
import { simulateClient } from '../server/persona/client-simulator.js';
import type { Persona } from '../server/persona/persona-bank.js';

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
  /** Coach turns each simulated persona client gets (0: no personas). */
  personaTurns?: number;
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
    safetyTurns: 0,
    fallbacks: 0,
    guardRejections: {},
    fallbackReasons: {},
    classifier: { questionsOpen: 0, questionsClosed: 0, reflectionsSimple: 0, reflectionsComplex: 0, other: 0 },
    needs: { captured: 0, truth: 0, extra: 0 },
    constraints: { captured: 0, truth: 0 },
    statements: { complete: 0, traceable: 0, coached: 0 },
    surfaceDefects: {},
    personas: { clients: 0, hidden: 0, revealed: 0, surfaced: 0 },
    promptTokens: null,
    latencyMs: { firstDelta: { p50: 0, p95: 0 }, final: { p50: 0, p95: 0 } },
  };
  const firstDelta: number[] = [];
  const final: number[] = [];
  const rules = content.templates.guard;
  /** Every coach turn, of a scripted client or a persona: who wrote it, and any defect it shows. */
  const countCoachTurn = (text: string, fallback: boolean, moves: readonly { label?: string | undefined }[] = []): void => {
    figures.coachTurns += 1;
    // The safety moves' reviewed text is never the model's.
    if (moves.some(isSafetyMove)) figures.safetyTurns += 1;
    else if (fallback) figures.fallbacks += 1;
    else if (config.model) figures.modelTurns += 1;
    for (const pattern of rules.patterns) if (pattern.regex.test(text)) figures.surfaceDefects[pattern.id] = (figures.surfaceDefects[pattern.id] ?? 0) + 1;
  };

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
            countCoachTurn(event.text, event.fallback === true, event.moves);
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
    // The personas play the client: each reveals a hidden need only when the coach's reply invites it
    // (server/persona/client-simulator.ts), so this measures how well the coach draws needs out.
    const personaTurns = options.personaTurns ?? 10;
    const personas = personaTurns > 0 ? content.personas.list().map((item) => content.personas.get(item.id)!).slice(0, options.limit ?? Infinity) : [];
    for (const persona of personas) {
      const outcome = await playPersona(rapport.sessions, persona, personaTurns, content.classifier, countCoachTurn);
      figures.personas.hidden += persona.needs.length;
      figures.personas.revealed += outcome.revealed;
      figures.personas.surfaced += persona.needs.filter((need) => outcome.state.needs.some((found) => found.category === need.category)).length;
      figures.personas.clients += 1;
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
  const flags = [...(options.baseURL ? ['--base-url', options.baseURL] : []), ...(options.model ? ['--model', options.model] : []), ...(options.sets?.length ? options.sets.flatMap((set) => ['--clients', set]) : [])];
  const command = flags.length ? `npm run eval:model -- ${flags.join(' ')}` : 'npm run eval:model';
  writeFileSync(reportPath, renderModelReport(figures, basename(chartPath), command));
  writeFileSync(chartPath, renderModelChart(figures));
  return { figures, reportPath, chartPath };
}

/** One persona as the client of a coach session: its lines answer what each coach reply invites. */
async function playPersona(
  sessions: Awaited<ReturnType<typeof createServer>>['sessions'],
  persona: Persona,
  turns: number,
  classifier: ReturnType<typeof loadContent>['classifier'],
  count: (text: string, fallback: boolean, moves?: readonly { label?: string | undefined }[]) => void,
): Promise<{ revealed: number; state: Awaited<ReturnType<typeof sessions.state>> }> {
  const { sessionId } = await sessions.create('coach', null);
  let lastCoach = '';
  let lastSeq = 0;
  const sink: EventSink = (event) => {
    if (event.type === 'turn.stored' && event.role === 'coach') {
      lastCoach = event.text;
      lastSeq = event.seq;
      count(event.text, event.fallback === true, event.moves);
    }
  };
  await sessions.open(sessionId, 0, () => {}, sink);
  let rehearsal = initialRehearsal(persona.id);
  let said = persona.opening;
  let previousClient = '';
  for (let index = 0; index < turns; index += 1) {
    await sessions.handleUserMessage(sessionId, { id: `p${index}`, text: said }, sink);
    previousClient = said;
    if ((await sessions.state(sessionId)).step === 'complete') break;
    // The coach's last sentence carries what it invites (a question ends the reply).
    const sentences = lastCoach.match(/[^.!?]+[.!?]*/g) ?? [lastCoach];
    const text = sentences.at(-1)!.trim();
    const { label } = classifier.classify({ text, previousClient });
    const reply = simulateClient(persona, rehearsal, { text: lastCoach, label, seq: lastSeq });
    rehearsal = reply.state;
    said = reply.reply;
  }
  return { revealed: rehearsal.revealed.length, state: await sessions.state(sessionId) };
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
    else if (name === '--persona-turns') options.personaTurns = z.coerce.number().int().min(0).parse(value);
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
