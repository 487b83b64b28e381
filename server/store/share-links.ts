import type { Kysely } from 'kysely';

/**
 * A read-only link a client made to show their confirmed statement to their coach. Only the hash
 * of the link's token is stored; the token itself is shown once, to the client who made it.
 */
export interface ShareLinkRecord {
  id: string;
  sessionId: string;
  tokenHash: string;
  includeTranscript: boolean;
  createdAt: string;
  expiresAt: string;
}

/** The `share_links` row. */
export interface ShareLinksTable {
  id: string;
  session_id: string;
  token_hash: string;
  /** 1 or 0: one integer type on both dialects. */
  include_transcript: number;
  created_at: string;
  expires_at: string;
}

export type WithShareLinks = Kysely<{ share_links: ShareLinksTable }>;

function toRecord(row: ShareLinksTable): ShareLinkRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    tokenHash: row.token_hash,
    includeTranscript: Number(row.include_transcript) === 1,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export async function insertShareLink(database: WithShareLinks, link: ShareLinkRecord): Promise<void> {
  await database
    .insertInto('share_links')
    .values({
      id: link.id,
      session_id: link.sessionId,
      token_hash: link.tokenHash,
      include_transcript: link.includeTranscript ? 1 : 0,
      created_at: link.createdAt,
      expires_at: link.expiresAt,
    })
    .execute();
}

export async function selectShareLinkByHash(database: WithShareLinks, tokenHash: string): Promise<ShareLinkRecord | null> {
  const row = await database.selectFrom('share_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row === undefined ? null : toRecord(row);
}

export async function selectShareLinks(database: WithShareLinks, sessionId: string): Promise<ShareLinkRecord[]> {
  const rows = await database.selectFrom('share_links').selectAll().where('session_id', '=', sessionId).orderBy('created_at').execute();
  return rows.map(toRecord);
}

/** Deletes one link of a session (revoking it: the row, hash and all, is gone). */
export async function deleteShareLink(database: WithShareLinks, sessionId: string, id: string): Promise<boolean> {
  const result = await database.deleteFrom('share_links').where('session_id', '=', sessionId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
