import { Router, type Request } from 'express';
import { AppError, RateLimitedError } from '../errors.js';
import type { AddressRateLimiter } from '../limits/address-limits.js';
import { clientAddress } from '../limits/client-address.js';
import { BranchBodySchema, CreateSessionBodySchema } from '../protocol/client-frames.js';
import type { SessionService } from '../app/service.js';
import type { SessionRecord } from '../store/store.js';
import { toHistory } from '../app/view.js';
import { bearerToken } from './auth.js';
import { statementMarkdown, transcriptMarkdown } from './markdown.js';

/** The REST side of protocol v1: create, read, export and delete a session. */
export function sessionRoutes(sessions: SessionService, limits: { sessionStarts: AddressRateLimiter; trustProxy: number }): Router {
  const router = Router();

  async function authorized(req: Request): Promise<string> {
    const sessionId = String(req.params.id);
    await authorizedRecord(req);
    return sessionId;
  }

  /** The session record the token was checked against, for routes that need nothing more from the store. */
  async function authorizedRecord(req: Request): Promise<SessionRecord> {
    return sessions.authenticate(String(req.params.id), bearerToken(req));
  }

  router.post('/api/sessions', async (req, res) => {
    const parsed = CreateSessionBodySchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new AppError('bad_request', parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
    const waitMs = limits.sessionStarts.take(clientAddress(req, limits.trustProxy));
    if (waitMs !== null) throw new RateLimitedError('too many new sessions from this address; wait a moment and try again', waitMs);
    const created = await sessions.create(parsed.data.mode, parsed.data.persona ?? null);
    res.status(201).json(created);
  });

  router.get('/api/sessions/:id', async (req, res) => {
    const record = await authorizedRecord(req);
    res.json(await sessions.snapshot(record.id, 0, record));
  });

  router.get('/api/sessions/:id/statement.md', async (req, res) => {
    const { state } = await authorizedRecord(req);
    res.type('text/markdown; charset=utf-8').send(statementMarkdown(state.statement));
  });

  router.get('/api/sessions/:id/transcript.md', async (req, res) => {
    const sessionId = await authorized(req);
    const history = toHistory(await sessions.history(sessionId));
    res.type('text/markdown; charset=utf-8').send(transcriptMarkdown(history, sessions.steps));
  });

  router.get('/api/sessions/:id/feedback', async (req, res) => {
    const record = await authorizedRecord(req);
    res.json(await sessions.feedbackReport(record.id, record.state));
  });

  router.post('/api/sessions/:id/branch', async (req, res) => {
    const record = await authorizedRecord(req);
    const parsed = BranchBodySchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new AppError('bad_request', parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
    res.status(201).json(await sessions.branch(record.id, parsed.data.atSeq, record));
  });

  router.delete('/api/sessions/:id', async (req, res) => {
    const sessionId = await authorized(req);
    await sessions.delete(sessionId);
    res.status(204).end();
  });

  return router;
}
