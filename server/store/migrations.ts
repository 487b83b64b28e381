import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * The schema history, kept in code so a single build carries its own migrations (no files to ship
 * or find at run time). Append new entries; never edit one that has been released. Names sort in
 * the order they apply. JSON columns are TEXT on both dialects so the store's code stays shared.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_create_sessions_and_events': {
    async up(database: Kysely<any>): Promise<void> {
      await database.schema
        .createTable('sessions')
        .ifNotExists()
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('mode', 'text', (column) => column.notNull())
        .addColumn('persona', 'text')
        .addColumn('token_hash', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('last_seq', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();

      await database.schema
        .createTable('events')
        .ifNotExists()
        .addColumn('session_id', 'text', (column) => column.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('text', 'text', (column) => column.notNull())
        .addColumn('step', 'text', (column) => column.notNull())
        .addColumn('moves', 'text')
        .addColumn('client_message_id', 'text')
        .addColumn('reply_to', 'text')
        .addColumn('payload', 'text')
        .addColumn('at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('events_primary_key', ['session_id', 'seq'])
        .addUniqueConstraint('events_session_client_message_unique', ['session_id', 'client_message_id'])
        .addCheckConstraint('events_kind_check', sql`kind in ('message', 'state', 'feedback')`)
        .execute();

      await database.schema
        .createIndex('events_reply_to_index')
        .ifNotExists()
        .on('events')
        .columns(['session_id', 'reply_to'])
        .execute();
    },
    async down(database: Kysely<any>): Promise<void> {
      await database.schema.dropTable('events').ifExists().execute();
      await database.schema.dropTable('sessions').ifExists().execute();
    },
  },
  '0002_session_turn_lease': {
    // A lease on a session's turn, so two server instances behind a load balancer never run turns
    // of one session at the same time (see KyselyStore.withSessionLock). Epoch milliseconds.
    async up(database: Kysely<any>): Promise<void> {
      await database.schema.alterTable('sessions').addColumn('lease_owner', 'text').execute();
      await database.schema.alterTable('sessions').addColumn('lease_until', 'bigint').execute();
    },
    async down(database: Kysely<any>): Promise<void> {
      await database.schema.alterTable('sessions').dropColumn('lease_until').execute();
      await database.schema.alterTable('sessions').dropColumn('lease_owner').execute();
    },
  },
  '0003_session_last_active': {
    // When a session was last used (ISO time, like created_at), so the retention purge finds idle
    // sessions with an index instead of reading every event. Existing sessions start from their
    // newest event (or their creation).
    async up(database: Kysely<any>): Promise<void> {
      await database.schema.alterTable('sessions').addColumn('last_active_at', 'text').execute();
      await sql`update sessions set last_active_at = coalesce((select max(events.at) from events where events.session_id = sessions.id), created_at)`.execute(database);
      await database.schema.createIndex('sessions_last_active_index').ifNotExists().on('sessions').column('last_active_at').execute();
    },
    async down(database: Kysely<any>): Promise<void> {
      await database.schema.dropIndex('sessions_last_active_index').ifExists().execute();
      await database.schema.alterTable('sessions').dropColumn('last_active_at').execute();
    },
  },
  '0004_trainer_personas': {
    // Personas trainers write, as the JSON document they uploaded (validated by the persona schema
    // before it is stored and again when read, so a schema change never serves a stale shape).
    async up(database: Kysely<any>): Promise<void> {
      await database.schema
        .createTable('trainer_personas')
        .ifNotExists()
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('document', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
    },
    async down(database: Kysely<any>): Promise<void> {
      await database.schema.dropTable('trainer_personas').ifExists().execute();
    },
  },
  '0005_share_links': {
    // Read-only links a client makes to show their confirmed statement to their coach: only the
    // token's hash is kept, each link expires, and revoking one deletes its row.
    async up(database: Kysely<any>): Promise<void> {
      await database.schema
        .createTable('share_links')
        .ifNotExists()
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('session_id', 'text', (column) => column.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('include_transcript', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .execute();
      await database.schema.createIndex('share_links_session_index').ifNotExists().on('share_links').column('session_id').execute();
    },
    async down(database: Kysely<any>): Promise<void> {
      await database.schema.dropTable('share_links').ifExists().execute();
    },
  },
};

/** Serves {@link MIGRATIONS} to Kysely's Migrator, which otherwise expects a folder of files. */
export const inMemoryMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};

/**
 * Brings the database to the latest schema. Idempotent: Kysely records applied migrations in its
 * own table (and takes a lock on PostgreSQL), so running it from every process at start is safe.
 *
 * On PostgreSQL pass `migrationTableSchema` (the connection's current schema): without it Kysely
 * looks for its bookkeeping tables in every schema, and another schema's copy would be taken for ours.
 */
export async function migrateToLatest(database: Kysely<any>, migrationTableSchema?: string): Promise<void> {
  const migrator = new Migrator({
    db: database,
    provider: inMemoryMigrationProvider,
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
}
