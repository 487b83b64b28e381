import { randomBytes, randomUUID } from 'node:crypto';
import type { HistoryItem, Statement } from '../domain/schemas.js';
import { AppError } from '../errors.js';
import type { ShareLinkRecord, Store, StoredEvent } from '../store/store.js';
import { hashToken } from './tokens.js';
import { toHistory } from './view.js';

/** A link as its maker sees it: never the token again, nor its hash. */
export interface ShareLinkView {
  id: string;
  includeTranscript: boolean;
  createdAt: string;
  expiresAt: string;
}

/** What a coach opening a share link may see: the confirmed statement, and the transcript only if ticked. */
export interface SharedStatement {
  statement: Statement | null;
  transcript: HistoryItem[] | null;
  expiresAt: string;
}

function view(link: ShareLinkRecord): ShareLinkView {
  return { id: link.id, includeTranscript: link.includeTranscript, createdAt: link.createdAt, expiresAt: link.expiresAt };
}

/**
 * Share links: made only by the client's explicit act, only for a confirmed statement, each with
 * 256 random bits of which only the hash is stored, an expiry (SHARE_LINK_HOURS; an expired link's
 * row is deleted when next noticed) and a revoke that deletes it. An unknown, revoked or expired link answers exactly alike (not_found).
 */
export class ShareLinks {
  constructor(
    private readonly store: Store,
    private readonly lifetimeHours: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(sessionId: string, statement: Statement | null, includeTranscript: boolean): Promise<ShareLinkView & { token: string }> {
    if (statement?.status !== 'confirmed') throw new AppError('conflict', 'confirm the partnership statement before sharing it');
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const link: ShareLinkRecord = {
      id: randomUUID(),
      sessionId,
      tokenHash: hashToken(token),
      includeTranscript,
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(createdAt.getTime() + this.lifetimeHours * 3_600_000).toISOString(),
    };
    await this.store.createShareLink(link);
    return { ...view(link), token };
  }

  async list(sessionId: string): Promise<ShareLinkView[]> {
    const links = await this.store.listShareLinks(sessionId);
    const expired = links.filter((link) => this.expired(link));
    // An expired link is of no use to anyone: its row goes as soon as it is noticed.
    for (const link of expired) await this.store.revokeShareLink(sessionId, link.id);
    return links.filter((link) => !this.expired(link)).map(view);
  }

  async revoke(sessionId: string, id: string): Promise<void> {
    if (!(await this.store.revokeShareLink(sessionId, id))) throw new AppError('not_found', 'no such link');
  }

  /** What the link shows, or not_found for an unknown, revoked or expired one. */
  async open(token: string): Promise<SharedStatement> {
    const link = await this.store.findShareLink(hashToken(token));
    if (!link) throw new AppError('not_found', 'no such link');
    if (this.expired(link)) {
      await this.store.revokeShareLink(link.sessionId, link.id);
      throw new AppError('not_found', 'no such link');
    }
    const session = await this.store.getSession(link.sessionId);
    if (!session) throw new AppError('not_found', 'no such link');
    const statement = session.state.statement?.status === 'confirmed' ? session.state.statement : null;
    const events: StoredEvent[] = link.includeTranscript ? await this.store.listEvents(link.sessionId, 0, ['message']) : [];
    return { statement, transcript: link.includeTranscript ? toHistory(events) : null, expiresAt: link.expiresAt };
  }

  private expired(link: ShareLinkRecord): boolean {
    return Date.parse(link.expiresAt) <= this.now().getTime();
  }
}
