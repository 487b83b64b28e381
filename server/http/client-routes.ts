import { Router, type Request } from 'express';
import { z } from 'zod';
import type { SessionService } from '../app/service.js';
import type { ShareLinks } from '../app/share-links.js';
import { calendarItems, type CalendarItem, type CalendarKey } from '../calendar/calendar-items.js';
import type { DateWords } from '../calendar/date-words.js';
import { icsFile } from '../calendar/ics-file.js';
import { isTimeZone } from '../calendar/resolve-date.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SessionRecord } from '../store/store.js';
import { bearerToken } from './auth.js';
import { SHARED_PAGE_CSS, sharedPage, sharedPageGone } from './shared-page.js';

/** A real day (a date parser would take 2027-02-30 as 2 March): it must read back as written. */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, 'is not a real day');

/** The calendar's query: the client's time zone (the page sends it) and any days they chose. */
export const CalendarQuerySchema = z
  .object({
    timeZone: z.string().max(64).refine(isTimeZone, 'is not a time zone this server knows (use an IANA name such as Europe/London)').default('UTC'),
    experiment: Day.optional(),
    'check-in': Day.optional(),
  })
  .strict();

export const CreateShareBodySchema = z.object({ includeTranscript: z.boolean().default(false) }).strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`).join('; '));
  return parsed.data;
}

export interface ClientRoutesOptions {
  sessions: SessionService;
  shareLinks: ShareLinks;
  dateWords: DateWords;
  logger: Logger;
  now?: () => Date;
}

/**
 * What a client takes away from a conversation, beyond protocol v1's exports: the calendar of the
 * first experiment and the check-ins, and read-only links to the confirmed statement for a coach.
 * Documented in docs/protocol.md.
 */
export function clientRoutes(options: ClientRoutesOptions): Router {
  const router = Router();
  const now = options.now ?? (() => new Date());

  async function authorized(req: Request): Promise<SessionRecord> {
    return options.sessions.authenticate(String(req.params.id), bearerToken(req));
  }

  async function items(req: Request): Promise<{ record: SessionRecord; timeZone: string; items: CalendarItem[] }> {
    const record = await authorized(req);
    const query = parse(CalendarQuerySchema, req.query, 'query');
    const history = await options.sessions.history(record.id);
    const saidAt = new Map(history.map((event) => [event.seq, event.at]));
    const chosen: Partial<Record<CalendarKey, string>> = {
      ...(query.experiment ? { experiment: query.experiment } : {}),
      ...(query['check-in'] ? { 'check-in': query['check-in'] } : {}),
    };
    return {
      record,
      timeZone: query.timeZone,
      items: calendarItems({ state: record.state, saidAt: (seq) => saidAt.get(seq), timeZone: query.timeZone, rules: options.dateWords, chosen, now: now() }),
    };
  }

  router.get('/api/sessions/:id/calendar', async (req, res) => {
    const { timeZone, items: found } = await items(req);
    res.json({ timeZone, items: found });
  });

  router.get('/api/sessions/:id/calendar.ics', async (req, res) => {
    const { record, items: found } = await items(req);
    if (found.length === 0) throw new AppError('conflict', 'no first experiment or check-in has been agreed yet');
    const open = found.filter((item) => item.date === null).map((item) => item.key);
    if (open.length > 0) throw new AppError('conflict', `no day was said for: ${open.join(', ')}; choose one (?${open[0]}=YYYY-MM-DD)`);
    res
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="coaching-check-ins.ics"')
      .send(icsFile(found, record.id, options.dateWords));
  });

  router.post('/api/sessions/:id/shares', async (req, res) => {
    const record = await authorized(req);
    const body = parse(CreateShareBodySchema, req.body, 'body');
    const link = await options.shareLinks.create(record.id, record.state.statement, body.includeTranscript);
    options.logger.info({ sessionId: record.id, includeTranscript: link.includeTranscript }, 'share link created');
    res.status(201).json({ id: link.id, path: `/shared/${link.token}`, includeTranscript: link.includeTranscript, createdAt: link.createdAt, expiresAt: link.expiresAt });
  });

  router.get('/api/sessions/:id/shares', async (req, res) => {
    const record = await authorized(req);
    res.json(await options.shareLinks.list(record.id));
  });

  router.delete('/api/sessions/:id/shares/:shareId', async (req, res) => {
    const record = await authorized(req);
    await options.shareLinks.revoke(record.id, String(req.params.shareId));
    options.logger.info({ sessionId: record.id }, 'share link revoked');
    res.status(204).end();
  });

  router.get('/shared-page.css', (_req, res) => {
    res.type('text/css').setHeader('Cache-Control', 'public, max-age=3600').send(SHARED_PAGE_CSS);
  });

  // The path holds the token: errors are answered here, never passed on to be logged with the path.
  router.get('/shared/:token', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex');
    try {
      const shared = await options.shareLinks.open(String(req.params.token).slice(0, 200));
      res.type('html').send(sharedPage(shared));
    } catch (error) {
      const gone = error instanceof AppError && error.code === 'not_found';
      if (!gone) options.logger.error({ reason: (error as Error).message }, 'shared page failed');
      res.status(gone ? 404 : 500).type('html').send(sharedPageGone());
    }
  });

  return router;
}
