/**
 * The wire protocol between a replica and the agency gateway: sign-in, mutation batches and
 * their answers, the tables that sync and the shape request parameters the gateway forwards.
 * Both sides parse with these schemas, so they cannot drift.
 */
import { z } from 'zod';
import { TABLE_NAMES, type TableName } from '../model/catalogue';
import { USER_ROLES } from '../model/tables/people';
import { isStorableText } from '../text/unstorable';

/** Text the server stores or logs: no NUL, no unpaired surrogate (shared/text/unstorable.ts). */
const storable = (s: z.ZodString) =>
  s.refine(isStorableText, 'contains a NUL character or an unpaired surrogate; it cannot be stored');

/** Every catalogue table syncs (the server-only tables are not in the catalogue). */
export const SYNCED_TABLES: readonly TableName[] = TABLE_NAMES;

export function isSyncedTable(name: string): name is TableName {
  return (SYNCED_TABLES as readonly string[]).includes(name);
}

/**
 * The only query parameters of Electric's shape API a client may choose. Everything that
 * decides what rows a shape holds (`table`, `where`, `params`, `columns`) and the `secret` are
 * set by the gateway.
 */
export const SHAPE_PROTOCOL_PARAMS = ['offset', 'handle', 'live', 'cursor', 'log', 'replica'] as const;

export const MAX_BATCH = 500;
export const MAX_BODY_BYTES = 1024 * 1024;

// ---------------------------------------------------------------- auth

export const signInRequest = z.object({
  email: storable(z.string().trim().min(1, 'is required').max(254)),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
  /**
   * The device token an earlier sign-in of this email on this device answered: a known device
   * is not slowed down by failed attempts others made on the email (server/sign-in-limits.ts).
   */
  device_token: z.string().max(200).optional(),
});
export type SignInRequest = z.infer<typeof signInRequest>;

export const sessionUser = z.object({
  id: z.uuid(),
  email: z.string(),
  full_name: z.string(),
  role: z.enum(USER_ROLES),
  team_id: z.uuid().nullable(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const signInResponse = z.object({
  token: z.string(),
  /** When the token stops working (ISO); sign in again after it. */
  expires_at: z.string(),
  user: sessionUser,
  /** Proof that this device has signed in as this user before; send it with the next sign-in. */
  device_token: z.string().optional(),
});
export type SignInResponse = z.infer<typeof signInResponse>;

/**
 * The response header, on every shape answer, naming the signed-in user's current sync scope
 * (a fingerprint of who they are, their role and team). A replica keeps the one it synced for;
 * when an answer carries another, the user's scope changed and the replica re-syncs it.
 */
export const SCOPE_HEADER = 'fieldline-scope';

/** `GET /v1/me`: the signed-in user as the gateway sees them now, and their scope fingerprint. */
export const whoAmIResponse = z.object({ user: sessionUser, scope: z.string().min(1) });
export type WhoAmIResponse = z.infer<typeof whoAmIResponse>;

// ---------------------------------------------------------------- mutations

export const mutationEnvelope = z.object({
  id: z.uuid(),
  name: storable(z.string().min(1).max(100)),
  args: z.unknown(),
  clientId: storable(z.string().min(1).max(200)),
  createdAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString()),
});
export type MutationEnvelope = z.input<typeof mutationEnvelope>;

export const mutationBatch = z.object({
  mutations: z
    .array(mutationEnvelope)
    .min(1, 'is empty')
    .max(MAX_BATCH, `has too many mutations (${MAX_BATCH} at most)`),
});
export type MutationBatch = z.input<typeof mutationBatch>;

export const errorShape = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});

export const conflictEntry = z.object({
  table: z.string(),
  row_id: z.string(),
  field: z.string(),
  server_value: z.unknown(),
  local_value: z.unknown(),
});
export type ConflictEntry = z.infer<typeof conflictEntry>;

/**
 * `txid` is `pg_current_xact_id()::xid::text` of the transaction that applied the mutation: it
 * shows up in the change messages' `headers.txids`. `lsn` is the WAL position (decimal) after
 * that commit: once a shape's `global_last_seen_lsn` reaches it, the stream holds the change;
 * this also covers answers whose transaction changed no synced row.
 */
export const mutationAnswer = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('ok'), txid: z.string(), lsn: z.string() }),
  z.object({ id: z.string(), status: z.literal('rejected'), error: errorShape }),
  z.object({
    id: z.string(),
    status: z.literal('conflict'),
    txid: z.string(),
    lsn: z.string(),
    conflicts: z.array(conflictEntry),
  }),
]);
export type MutationAnswer = z.infer<typeof mutationAnswer>;

export const mutationResponse = z.object({ results: z.array(mutationAnswer) });
export type MutationResponse = z.infer<typeof mutationResponse>;

/** The body of every 4xx/5xx the gateway itself answers (Electric's own errors pass through). */
export const httpError = z.object({ error: errorShape });
export type HttpError = z.infer<typeof httpError>;
