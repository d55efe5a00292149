import type { ImportRun } from '../../../shared/api/files';
import { useQuery } from '../api/use-query';

/** "2 min 5 s" from seconds. */
function duration(seconds: number) {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * A running import or dry run: rows done (of the file's rows, once a dry run counted them),
 * rows per second and the time left, as the job last reported them through the change feed.
 */
export function ImportProgress({ run }: { run: ImportRun }) {
  const total = run.total;
  const left =
    run.status === 'running' && total !== null && run.per_second > 0 ? (total - run.rows) / run.per_second : null;
  return (
    <section aria-label="Progress" data-testid="import-progress">
      <progress
        className="wizard-progress"
        aria-label={run.dry_run ? 'Dry run progress' : 'Import progress'}
        max={total ?? undefined}
        value={total !== null ? Math.min(run.rows, total) : undefined}
      />
      <p role="status" className="small">
        {run.rows.toLocaleString()}
        {total !== null && ` of ${total.toLocaleString()}`} rows done · {run.per_second.toLocaleString()} rows/s
        {left !== null && ` · about ${duration(left)} left`}
      </p>
    </section>
  );
}

export function RunCounts({ run }: { run: ImportRun }) {
  const counts = [
    ['Created', run.created],
    ['Updated', run.updated],
    ['Skipped', run.skipped],
    ['Invalid', run.invalid],
  ] as const;
  return (
    <dl className="wizard-counts" data-testid="import-counts">
      <div>
        <dt>Rows read</dt>
        <dd>{run.rows.toLocaleString()}</dd>
      </div>
      {counts.map(([label, n]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{n.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

const SHOWN = 200;

/** The report's invalid rows: row number, column, value as in the file, and why. */
export function InvalidRows({ runId }: { runId: string }) {
  const issues = useQuery('imports.issues', { run_id: runId, limit: SHOWN });
  if (!issues.data) return null;
  return (
    <div className="wizard-scroll">
      <table className="mini-table wizard-table" data-testid="invalid-rows">
        <caption className="muted small">
          Invalid rows{issues.data.length >= SHOWN ? ` (the first ${SHOWN}; the report has them all)` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {issues.data.map((i, n) => (
            <tr key={`${i.row}-${n}`}>
              <td>{i.row}</td>
              <td>{i.column || '—'}</td>
              <td>{i.value}</td>
              <td>{i.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
