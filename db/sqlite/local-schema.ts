/**
 * Tables that exist only in the replica: they describe this device's own work and sync
 * progress, so they are never synced and have no Postgres twin.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** Named mutations made here, in order, until the server has confirmed them and the stream passed them. */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    name: text('name').notNull(),
    args: text('args').notNull(),
    created_at: text('created_at').notNull(),
    /** pending → sent → confirmed (awaiting the stream), or rejected (kept, shown in the inbox). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    txid: text('txid'),
    /** An upper bound of the commit's WAL position, from the gateway: the stream passing it means the change is in. */
    lsn: text('lsn'),
    error: text('error'),
    last_attempt_at: text('last_attempt_at'),
    confirmed_at: text('confirmed_at'),
  },
  (t) => [
    index('idx_outbox_status_seq').on(t.status, t.seq),
    check('outbox_status_values', sql`status IN ('pending', 'sent', 'confirmed', 'rejected')`),
    check('outbox_args_json', sql`json_valid(args)`),
  ],
);

/** Mutations the server refused and field values that lost a conflict: the user reviews these. */
export const conflicts = sqliteTable(
  'conflicts',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    mutation_id: text('mutation_id'),
    mutation_name: text('mutation_name'),
    table_name: text('table_name'),
    row_id: text('row_id'),
    field: text('field'),
    local_value: text('local_value'),
    server_value: text('server_value'),
    reason: text('reason').notNull(),
    created_at: text('created_at').notNull().default(now),
    resolved_at: text('resolved_at'),
    resolution: text('resolution'),
  },
  (t) => [
    index('idx_conflicts_open').on(t.resolved_at, t.created_at),
    check('conflicts_kind_values', sql`kind IN ('rejected', 'overwritten')`),
  ],
);

/** Where each shape stream stands: its handle and offset are written with the rows they brought. */
export const syncState = sqliteTable('sync_state', {
  shape: text('shape').primaryKey(),
  handle: text('handle'),
  offset: text('offset'),
  last_lsn: text('last_lsn'),
  updated_at: text('updated_at').notNull().default(now),
});

/** Device settings: the signed-in user, the server URL, the AI provider (never its key). */
export const localSettings = sqliteTable('local_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updated_at: text('updated_at').notNull().default(now),
});

/**
 * The server's version of every row a pending mutation has touched (NULL data: the row did not
 * exist on the server). Rebasing restores these, applies the server's changes, and replays the
 * pending mutations on top, so the replica always equals server state plus pending work.
 */
export const syncShadows = sqliteTable(
  'sync_shadows',
  {
    table_name: text('table_name').notNull(),
    row_id: text('row_id').notNull(),
    data: text('data'),
  },
  (t) => [primaryKey({ columns: [t.table_name, t.row_id] })],
);

/**
 * Transaction ids the stream delivered while some of our mutations were still awaiting their
 * answer: a mutation confirmed with one of these has already been seen, and is settled at once.
 */
export const syncSeenTxids = sqliteTable('sync_seen_txids', {
  txid: text('txid').primaryKey(),
});

/**
 * Imports run on this device: the file, its mapping and options, and how far it got. `position`
 * (the last row of the last committed batch) is written in the same transaction as that batch,
 * so an import stopped by a crash resumes after it without doubling a row.
 */
export const importJobs = sqliteTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    file: text('file').notNull(),
    /** The mapping, duplicate policy and transform options, as JSON. */
    options: text('options').notNull(),
    status: text('status').notNull().default('running'),
    position: integer('position').notNull().default(0),
    rows: integer('rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    invalid: integer('invalid').notNull().default(0),
    error: text('error'),
    started_at: text('started_at').notNull(),
    finished_at: text('finished_at'),
    undone_at: text('undone_at'),
  },
  () => [
    check('import_jobs_status_values', sql`status IN ('running', 'done', 'failed', 'cancelled', 'undone')`),
    check('import_jobs_options_json', sql`json_valid(options)`),
  ],
);

/** What each row of an import did: the record it created or updated (undo reads `created`), or why it was skipped. */
export const importRows = sqliteTable(
  'import_rows',
  {
    import_id: text('import_id').notNull(),
    row: integer('row').notNull(),
    outcome: text('outcome').notNull(),
    table_name: text('table_name'),
    record_id: text('record_id'),
    /** Records this row created ([{table, id}]), as JSON. */
    created: text('created'),
    /** The duplicate key that matched, when the row met an existing record. */
    match_key: text('match_key'),
  },
  (t) => [
    primaryKey({ columns: [t.import_id, t.row] }),
    check('import_rows_outcome_values', sql`outcome IN ('created', 'updated', 'skipped', 'invalid')`),
  ],
);

/** The validation report: per bad row, the column, the value as in the file and the reason. */
export const importIssues = sqliteTable(
  'import_issues',
  {
    import_id: text('import_id').notNull(),
    row: integer('row').notNull(),
    seq: integer('seq').notNull(),
    column: text('column').notNull(),
    value: text('value').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.import_id, t.row, t.seq] })],
);
