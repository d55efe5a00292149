import { useEffect, useState } from 'react';
import { useLeadsView } from '../stores/leads-view';
import { useLookups } from '../stores/lookups';
import { Check } from './field';
import { MultiSelect } from './dropdown';
import { Icon } from './icon';
import { XDateFilter } from './xdate-filter';

/** Filters shared by the table and the board. Text filtering waits for a pause in typing. */
export function LeadFiltersBar({ board }: { board: boolean }) {
  const { filters, setFilters } = useLeadsView();
  const { statuses, insurance_types, users } = useLookups((s) => s.lookups);
  const [text, setText] = useState(filters.text);
  useEffect(() => setText(filters.text), [filters.text]);
  useEffect(() => {
    if (text === filters.text) return;
    const t = setTimeout(() => setFilters({ text }), 200);
    return () => clearTimeout(t);
  }, [text, filters.text, setFilters]);

  return (
    <div className="toolbar">
      <div className="filter-input">
        <Icon name="search" size={14} />
        <input
          data-filter-input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Name, email or phone  ( / )"
          aria-label="Filter leads"
        />
      </div>
      {!board && (
        <MultiSelect
          label="Status"
          value={filters.status_ids}
          onChange={(v) => setFilters({ status_ids: v })}
          options={statuses.map((s) => ({ value: s.id, label: s.name, color: s.color }))}
        />
      )}
      <MultiSelect
        label="Insurance"
        value={filters.insurance_type_ids}
        onChange={(v) => setFilters({ insurance_type_ids: v })}
        options={insurance_types.map((t) => ({ value: t.id, label: t.name, color: t.color }))}
      />
      <MultiSelect
        label="Owner"
        value={filters.owner_ids}
        onChange={(v) => setFilters({ owner_ids: v })}
        options={users.map((u) => ({ value: u.id, label: u.full_name }))}
      />
      <XDateFilter value={filters.xdate ?? null} onChange={(xdate) => setFilters({ xdate })} />
      {!board && (
        <Check
          label="Include converted"
          checked={filters.include_converted}
          onChange={(v) => setFilters({ include_converted: v })}
        />
      )}
    </div>
  );
}
