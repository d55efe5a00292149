/** Tables only the agency server has: credentials, sessions, the idempotency record and field write times. */
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './schema';

const userId = () => (users as unknown as { id: AnyPgColumn }).id;

/** Kept apart from `users` so that no shape can ever stream a password hash to a replica. */
export const userCredentials = pgTable('user_credentials', {
  user_id: uuid('user_id').primaryKey().references(userId, { onDelete: 'cascade' }),
  password_hash: text('password_hash').notNull(),
  updated_at: timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'string' })
    .notNull()
    .default(sql`now()`),
});

export const sessions = pgTable(
  'sessions',
  {
    token_hash: text('token_hash').primaryKey(),
    user_id: uuid('user_id').notNull().references(userId, { onDelete: 'cascade' }),
    created_at: timestamp('created_at', { withTimezone: true, precision: 3, mode: 'string' })
      .notNull()
      .default(sql`now()`),
    expires_at: timestamp('expires_at', { withTimezone: true, precision: 3, mode: 'string' }).notNull(),
  },
  (t) => [index('idx_sessions_user').on(t.user_id)],
);

/** Every mutation id the gateway has answered, with that answer, so a retry gets it again. */
export const appliedMutations = pgTable(
  'applied_mutations',
  {
    id: uuid('id').primaryKey(),
    user_id: uuid('user_id').notNull(),
    client_id: text('client_id').notNull(),
    name: text('name').notNull(),
    outcome: text('outcome').notNull(),
    result: jsonb('result').notNull(),
    txid: text('txid'),
    applied_at: timestamp('applied_at', { withTimezone: true, precision: 3, mode: 'string' })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('idx_applied_mutations_user').on(t.user_id, t.applied_at)],
);

/**
 * When each field of a row was last written by a field-level edit (updateLead), and by which
 * mutation: the gateway's last-writer-wins rule compares an incoming edit's time against these.
 */
export const fieldVersions = pgTable(
  'field_versions',
  {
    table_name: text('table_name').notNull(),
    row_id: uuid('row_id').notNull(),
    field: text('field').notNull(),
    written_at: timestamp('written_at', { withTimezone: true, precision: 3, mode: 'string' }).notNull(),
    mutation_id: uuid('mutation_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.table_name, t.row_id, t.field] })],
);
