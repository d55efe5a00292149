import type { ImportItem } from '../mutations/import';
import type { ImportMapping } from './mapping';

/** One line of the validation report: which row and column, the value as in the file, and why. */
export interface RowIssue {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** A row read through the mapping: its values by field, and the issues of its cells. */
export interface MappedRow {
  row: number;
  values: Record<string, unknown>;
  raw: Record<string, string>;
  issues: RowIssue[];
}

/** Where a lead or client a contact or note belongs to is found (in the file or the replica). */
export type ParentRef = { lead_id: string } | { client_id: string };

/** What a policy row says about its client, in the columns the file has. */
export interface ClientLookup {
  key?: string;
  email?: string;
  first_name?: string | null;
  last_name?: string;
  date_of_birth?: string;
}

export interface RowContext {
  mapping: ImportMapping;
  headers: readonly string[];
  resolveParent?: (key: string) => ParentRef | null;
  /** Policies: the client a row names (see ClientLookup), and a carrier's id by its name. */
  resolveClient?: (lookup: ClientLookup) => string | null;
  resolveCarrier?: (name: string) => string | null;
}

/** What a row does: create a record, or update the duplicate it matched. */
export type RowAction = { kind: 'create' } | { kind: 'update'; id: string };

export interface RowPlan {
  items: ImportItem[];
  /** The record the row creates or updates (notes and contacts included). */
  table: 'clients' | 'leads' | 'contacts' | 'lead_notes' | 'policies';
  recordId: string;
  /** Records this row creates (the main one and any address), for undo. */
  created: Array<{ table: 'clients' | 'leads' | 'contacts' | 'lead_notes' | 'addresses' | 'policies'; id: string }>;
}

export type PlanResult = { ok: true; plan: RowPlan } | { ok: false; issues: RowIssue[] };
