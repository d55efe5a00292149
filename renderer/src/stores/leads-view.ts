import type { PipelineSort } from '../../../shared/api/inputs';
import { createListView, type ListView, type SavedListView } from './list-view';

/** An X-date window: the next N days from today (kept relative in a saved view), or fixed dates. */
export type XDateWindow = { days: number } | { from: string; to: string } | null;

export interface LeadFilters {
  status_ids: string[];
  insurance_type_ids: string[];
  owner_ids: string[];
  text: string;
  include_converted: boolean;
  xdate: XDateWindow;
}

export type LeadView = ListView<LeadFilters, PipelineSort>;
export type SavedView = SavedListView<LeadFilters, PipelineSort>;

export const DEFAULT_COLUMNS = [
  'name',
  'status',
  'type',
  'owner',
  'premium',
  'priority',
  'next_follow_up_at',
  'last_contacted_at',
  'updated_at',
];
export const EMPTY_FILTERS: LeadFilters = {
  status_ids: [],
  insurance_type_ids: [],
  owner_ids: [],
  text: '',
  include_converted: false,
  xdate: null,
};

/** The Leads screen's filters, sort and columns (remembered), and the saved views (localStorage). */
export const useLeadsView = createListView<LeadFilters, PipelineSort>({
  key: 'leads-view',
  savedKey: 'saved-views',
  defaults: { filters: EMPTY_FILTERS, sort: 'updated_at', dir: 'desc', columns: DEFAULT_COLUMNS },
  firstDir: (sort) => (sort === 'last_name' || sort === 'policy_expiration_date' ? 'asc' : 'desc'),
});
