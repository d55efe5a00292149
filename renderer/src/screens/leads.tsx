import { useCallback, useMemo } from 'react';
import type { LeadListItem } from '../../../shared/api/types';
import { ColumnChooser } from '../components/column-chooser';
import { ExportMenu, ImportButton } from '../components/export-menu';
import { Icon } from '../components/icon';
import { KanbanBoard } from '../components/kanban-board';
import { LeadFiltersBar } from '../components/lead-filters';
import { SavedViews } from '../components/saved-views';
import { EmptyState, ErrorBanner } from '../components/values';
import { VirtualTable } from '../components/virtual-table';
import { count } from '../lib/format';
import { useLeadPages } from '../lib/use-lead-pages';
import { filtersToQuery } from '../lib/lead-query';
import { DEFAULT_COLUMNS, useLeadsView } from '../stores/leads-view';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';
import { columnByKey, LEAD_COLUMNS } from './lead-columns';

function LeadsTable() {
  const { filters, sort, dir, columns, sortBy } = useLeadsView();
  const query = useMemo(() => ({ ...filtersToQuery(filters), sort, dir }), [filters, sort, dir]);
  const pages = useLeadPages(query);
  const cols = useMemo(() => columns.map((k) => columnByKey.get(k)).filter((c) => !!c), [columns]);
  const open = useCallback((r: LeadListItem) => navigate({ name: 'lead', id: r.id }), []);
  const filtered = Object.keys(filtersToQuery(filters)).length > 1 || filters.include_converted;

  if (pages.error && !pages.items.length)
    return <ErrorBanner message={`Could not load leads: ${pages.error.message}`} />;
  if (pages.loaded && pages.items.length === 0) {
    return filtered ? (
      <EmptyState
        title="No leads match these filters"
        action={
          <button
            type="button"
            className="btn"
            onClick={() =>
              useLeadsView
                .getState()
                .setFilters({ status_ids: [], insurance_type_ids: [], owner_ids: [], text: '', xdate: null })
            }
          >
            Clear filters
          </button>
        }
      >
        Loosen a filter, or search everything with Ctrl+K.
      </EmptyState>
    ) : (
      <EmptyState
        title="No leads yet"
        action={
          <button type="button" className="btn primary" onClick={() => useUi.getState().set({ newLead: true })}>
            New lead
          </button>
        }
      >
        Add the first prospect you are quoting, or press N anywhere.
      </EmptyState>
    );
  }
  return (
    <VirtualTable
      label="Leads"
      rows={pages.items}
      columns={cols}
      onOpen={open}
      sort={{ key: sort, dir }}
      onSort={(k) => sortBy(k as typeof sort)}
      onEnd={pages.loadMore}
      footer={
        pages.loaded
          ? pages.done
            ? `${count(pages.items.length)} lead${pages.items.length === 1 ? '' : 's'}`
            : `${count(pages.items.length)} loaded · scroll for more`
          : null
      }
    />
  );
}

/** Export of the Leads view as it stands: its filters and sort, and the columns the table shows. */
function LeadsExport() {
  const { filters, sort, dir, columns } = useLeadsView();
  return <ExportMenu kind="leads" extra={{ leads: { ...filtersToQuery(filters), sort, dir }, columns }} />;
}

export function LeadsScreen({ view }: { view: 'table' | 'board' }) {
  return (
    <div className="screen fill" data-screen="leads">
      <div className="screen-head">
        <h1>Leads</h1>
        <div className="segmented" role="group" aria-label="View">
          <button
            type="button"
            aria-pressed={view === 'table'}
            onClick={() => navigate({ name: 'leads', view: 'table' })}
          >
            <Icon name="table" size={14} />
            Table
          </button>
          <button
            type="button"
            aria-pressed={view === 'board'}
            onClick={() => navigate({ name: 'leads', view: 'board' })}
          >
            <Icon name="board" size={14} />
            Board
          </button>
        </div>
        <div className="spacer" />
        <SavedViews store={useLeadsView} />
        {view === 'table' && (
          <ColumnChooser store={useLeadsView} all={LEAD_COLUMNS} defaults={DEFAULT_COLUMNS} fixed="name" />
        )}
        <ImportButton kind="leads" />
        <LeadsExport />
      </div>
      <LeadFiltersBar board={view === 'board'} />
      {view === 'table' ? <LeadsTable /> : <KanbanBoard />}
    </div>
  );
}
