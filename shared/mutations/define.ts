import { z } from 'zod';
import { AppError } from '../errors';
import { uuidv7 } from '../ids';
import type { UserRole } from '../model/tables/people';
import type { Tx } from './tx';

/** Who is making a change: the signed-in user on a replica, the authenticated user at the gateway. */
export interface Actor {
  userId: string;
  teamId: string | null;
  role: UserRole;
}

export interface MutationContext {
  actor: Actor;
  /** When the change was made (the outbox entry's createdAt): the same on both sides. */
  now: string;
  side: 'replica' | 'server';
}

export interface MutationDef<A extends z.ZodType = z.ZodType, R = unknown> {
  readonly name: string;
  /** Parsing fills defaults such as new record ids, so the replica and the server use the same ids. */
  readonly args: A;
  run(tx: Tx, args: z.output<A>, ctx: MutationContext): Promise<R>;
}

export function defineMutation<const N extends string, A extends z.ZodType, R>(def: {
  name: N;
  args: A;
  run(tx: Tx, args: z.output<A>, ctx: MutationContext): Promise<R>;
}): MutationDef<A, R> & { name: N } {
  return def;
}

/** Field schemas shared by the mutations' argument schemas. */
export const f = {
  newId: () => z.uuid().default(() => uuidv7()),
  id: () => z.uuid(),
  name: () => z.string().trim().min(1, 'is required').max(120, 'is too long (120 characters at most)'),
  shortText: () => z.string().trim().max(500, 'is too long (500 characters at most)'),
  longText: () => z.string().max(20_000, 'is too long (20,000 characters at most)'),
  email: () => z.email('is not a valid email address').max(254),
  phone: () =>
    z
      .string()
      .trim()
      .max(40)
      .regex(/^[+()\d\s.-]{7,}$/, 'is not a valid phone number'),
  /** Stored to the cent, as Postgres's numeric(12,2) would, so both stores hold the same value. */
  money: () =>
    z
      .number()
      .finite()
      .min(0, 'cannot be negative')
      .max(MONEY_MAX, 'is too large')
      .transform((n) => Math.round(n * 100) / 100),
  /** Years 0001-9999 only: what both stores (and ISO strings that sort as text) can hold. */
  timestamp: () =>
    z.iso
      .datetime({ offset: true })
      .transform((s) => new Date(s).toISOString())
      .refine((s) => /^\d{4}-/.test(s) && !s.startsWith('0000-'), 'is out of range'),
  date: () => z.iso.date().refine((d) => !d.startsWith('0000-'), 'is out of range'),
  tags: () => z.array(z.string().trim().min(1).max(40)).max(50),
  customFields: () =>
    z
      .record(z.string().min(1).max(60), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
      .refine((r) => Object.keys(r).length <= 100, 'has too many fields (100 at most)'),
  metadata: () => f.jsonRecord(10_000),
  /** Free-form JSON (any values) with a bound on its size. */
  jsonRecord: (maxChars: number) =>
    z
      .record(z.string().max(60), z.unknown())
      .refine(
        (r) => jsonLength(r) <= maxChars,
        `is too large (${maxChars.toLocaleString('en-US')} characters of JSON at most)`,
      ),
};

/** The largest value a numeric(12,2) column holds. */
const MONEY_MAX = 9_999_999_999.99;

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Infinity; // cyclic, too deep or not JSON at all
  }
}

/** A record that must exist and not be soft-deleted. */
export async function mustGet<T extends Parameters<Tx['get']>[0]>(
  tx: Tx,
  table: T,
  id: string,
  label: string,
  field?: string,
) {
  const row = await tx.get(table, id);
  if (!row || (row as { deleted_at?: string | null }).deleted_at) {
    throw new AppError('not_found', `${label} ${id} does not exist`, field);
  }
  return row;
}

/** The ownership a new record gets: the actor's own, unless the record belongs under another. */
export function ownedBy(ctx: MutationContext, owner?: { owner_id: string; team_id: string | null }) {
  return owner
    ? { owner_id: owner.owner_id, team_id: owner.team_id }
    : { owner_id: ctx.actor.userId, team_id: ctx.actor.teamId };
}

/** The same rule as the Postgres row-level security, checked before any write on either side. */
export function canAccess(actor: Actor, row: { owner_id: string; team_id: string | null }): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'manager':
    case 'staff':
      return row.owner_id === actor.userId || (row.team_id !== null && row.team_id === actor.teamId);
    case 'agent':
      return row.owner_id === actor.userId;
  }
}

export function assertCanWrite(ctx: MutationContext, row: { owner_id: string; team_id: string | null }, label: string) {
  if (!canAccess(ctx.actor, row)) throw new AppError('forbidden', `you may not change this ${label}`);
}
