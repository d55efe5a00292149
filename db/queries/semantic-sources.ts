import type { SearchResult } from '../../shared/api/types';
import type { ChunkKind } from '../../shared/semantic/chunks';

/**
 * The records semantic search indexes, and how each reads as text. Each table is one source:
 * its live rows (not soft-deleted, with text) are what the index should hold.
 */
export interface SourceSpec {
  table: string;
  kind: ChunkKind;
  /** SQL over the row (alias x): the text to embed. */
  text: string;
  /** SQL: only rows with something to embed. */
  has: string;
  /** SQL: the record a hit opens. */
  resultKind: string;
  resultId: string;
  leadId: string;
  clientId: string;
}

const line = (...cols: string[]) => cols.map((c) => `coalesce(${c}, '')`).join(` || char(10) || `);

export const SOURCES: readonly SourceSpec[] = [
  {
    table: 'lead_notes',
    kind: 'note',
    text: 'x.body',
    has: "x.body <> ''",
    resultKind: "'note'",
    resultId: 'x.id',
    leadId: 'x.lead_id',
    clientId: 'x.client_id',
  },
  {
    table: 'lead_communications',
    kind: 'communication',
    text: line('x.subject', 'x.body'),
    has: "coalesce(x.subject, '') <> '' OR coalesce(x.body, '') <> ''",
    resultKind: "'communication'",
    resultId: 'x.id',
    leadId: 'x.lead_id',
    clientId: 'x.client_id',
  },
  {
    table: 'support_tickets',
    kind: 'ticket',
    text: line('x.subject', 'x.description', 'x.resolution', 'x.ai_summary'),
    has: '1',
    resultKind: "'ticket'",
    resultId: 'x.id',
    leadId: 'x.lead_id',
    clientId: 'x.client_id',
  },
  {
    table: 'leads',
    kind: 'summary',
    text: 'x.ai_summary',
    has: "coalesce(x.ai_summary, '') <> ''",
    resultKind: "'lead'",
    resultId: 'x.id',
    leadId: 'x.id',
    clientId: 'x.converted_to_client_id',
  },
  {
    table: 'clients',
    kind: 'summary',
    text: 'x.ai_summary',
    has: "coalesce(x.ai_summary, '') <> ''",
    resultKind: "'client'",
    resultId: 'x.id',
    leadId: 'NULL',
    clientId: 'x.id',
  },
  {
    table: 'policies',
    kind: 'summary',
    text: 'x.ai_summary',
    has: "coalesce(x.ai_summary, '') <> ''",
    resultKind: "'policy'",
    resultId: 'x.id',
    leadId: 'NULL',
    clientId: 'x.client_id',
  },
  {
    table: 'ai_interactions',
    kind: 'interaction',
    text: 'x.summary',
    has: "coalesce(x.summary, '') <> '' AND (x.lead_id IS NOT NULL OR x.client_id IS NOT NULL) AND x.status = 'ok'",
    resultKind: "CASE WHEN x.lead_id IS NOT NULL THEN 'lead' ELSE 'client' END",
    resultId: 'coalesce(x.lead_id, x.client_id)',
    leadId: 'x.lead_id',
    clientId: 'x.client_id',
  },
];

/** The tables whose changes may change the index. */
export const SOURCE_TABLES: ReadonlySet<string> = new Set(SOURCES.map((s) => s.table));

export const versionsSql = (s: SourceSpec) =>
  `SELECT x.id, x.updated_at FROM ${s.table} x WHERE x.deleted_at IS NULL AND (${s.has})`;

/**
 * versionsSql over one window of rowids (from < rowid <= from + window), in table order: a long scan is
 * cut into windows, each a bounded slice of the table however few of its rows match.
 */
export const versionsPageSql = (s: SourceSpec) =>
  `${versionsSql(s)} AND x.rowid > @from AND x.rowid <= @from + @window`;

export const rowSql = (s: SourceSpec) =>
  `SELECT x.id, x.updated_at, ${s.text} AS text, ${s.resultKind} AS result_kind, ${s.resultId} AS result_id, ${s.leadId} AS lead_id, ${s.clientId} AS client_id FROM ${s.table} x WHERE x.id = ? AND x.deleted_at IS NULL AND (${s.has})`;

export interface SourceRow {
  id: string;
  updated_at: string;
  text: string;
  result_kind: SearchResult['kind'];
  result_id: string;
  lead_id: string | null;
  client_id: string | null;
}
