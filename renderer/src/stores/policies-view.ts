import type { PolicySort } from '../../../shared/api/book';
import { createListView } from './list-view';

export interface PolicyFilters {
  text: string;
}

export const POLICY_DEFAULT_COLUMNS = [
  'number',
  'client',
  'line',
  'carrier',
  'status',
  'expires',
  'premium',
  'change',
  'owner',
];

/** The Policies screen's filter, sort and columns (remembered), and its saved views (localStorage). */
export const usePoliciesView = createListView<PolicyFilters, PolicySort>({
  key: 'policies-view',
  savedKey: 'policies-saved-views',
  defaults: { filters: { text: '' }, sort: 'expiration_date', dir: 'desc', columns: POLICY_DEFAULT_COLUMNS },
  firstDir: (sort) => (sort === 'written_premium' || sort === 'expiration_date' ? 'desc' : 'asc'),
});
