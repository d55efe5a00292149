import type { PipelineQuery } from '../shared/api/inputs';
import type { ReplicaDb } from '../db/sqlite/open';

/**
 * The pipeline pages every benchmark times, locally and on Postgres alike: the screen's default
 * list, one status column, and the other sorts the Leads table offers (two of them on nullable
 * columns, one with a status filter).
 */
export function pipelineMix(db: ReplicaDb): PipelineQuery[] {
  const statuses = (
    db.prepare('SELECT id FROM lead_statuses ORDER BY sort_order LIMIT 7').all() as Array<{ id: string }>
  ).map((s) => s.id);
  return [
    {},
    { status_ids: [statuses[1]!] },
    { sort: 'quoted_premium' },
    { sort: 'next_follow_up_at', dir: 'asc' },
    { status_ids: [statuses[4]!], sort: 'created_at' },
  ];
}
