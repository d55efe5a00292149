import { call } from '../api/client';
import { messageOf } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { useUi } from '../stores/ui';
import { RelTime } from './values';

const STATUS_LABEL: Record<string, string> = {
  running: 'Running (or stopped by a restart)',
  done: 'Done',
  cancelled: 'Stopped',
  failed: 'Failed',
  undone: 'Undone',
};

/**
 * This replica's imports, newest first: each opens in the wizard on its report, where it can be
 * undone, its report downloaded, or (stopped, or cut off by a crash) resumed after its last batch.
 */
export function RecentImports() {
  const list = useQuery('imports.list', {});
  const toast = useUi((s) => s.toast);
  if (!list.data?.length) return null;
  const open = async (importId: string) => {
    const res = await call('imports.open', { import_id: importId });
    if (!res.ok) return toast('error', messageOf(res.error));
    useUi.getState().set({ importing: { runId: res.value.run_id } });
  };
  return (
    <table className="mini-table" data-testid="recent-imports">
      <caption className="muted small wizard-caption">Recent imports</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Rows</th>
          <th scope="col">
            <span className="sr-only">Open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {list.data.map((j) => (
          <tr key={j.import_id}>
            <td>
              <RelTime at={j.started_at} />
            </td>
            <td>{j.kind}</td>
            <td>{STATUS_LABEL[j.status] ?? j.status}</td>
            <td>
              {j.rows.toLocaleString()} ({j.created.toLocaleString()} created, {j.invalid.toLocaleString()} invalid)
            </td>
            <td>
              <button type="button" className="btn small" onClick={() => void open(j.import_id)}>
                Open
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
