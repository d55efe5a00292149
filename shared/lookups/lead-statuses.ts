import { lookupId } from './ids';

export interface LeadStatusSeed {
  code: string;
  name: string;
  category: 'open' | 'won' | 'lost';
  color: string;
  icon: string;
  description: string;
  /** Days until a follow-up is due after entering this status (workflow metadata). */
  followUpDays: number | null;
  aiAction: string;
}

/** A P&C agency's pipeline, in order. */
const STATUSES: LeadStatusSeed[] = [
  {
    code: 'new',
    name: 'New',
    category: 'open',
    color: '#3b82f6',
    icon: 'sparkles',
    description: 'Just arrived; nobody has reached them yet.',
    followUpDays: 0,
    aiAction: 'Make first contact within the hour; web leads go cold fast.',
  },
  {
    code: 'contacted',
    name: 'Contacted',
    category: 'open',
    color: '#06b6d4',
    icon: 'phone',
    description: 'Reached at least once.',
    followUpDays: 2,
    aiAction: 'Gather what is needed to quote: drivers, vehicles, dwelling, current policy.',
  },
  {
    code: 'qualified',
    name: 'Qualified',
    category: 'open',
    color: '#8b5cf6',
    icon: 'badge-check',
    description: 'Has a need we can write and is ready to quote.',
    followUpDays: 2,
    aiAction: 'Collect the dec page of the current policy and start quoting.',
  },
  {
    code: 'quoting',
    name: 'Quoting',
    category: 'open',
    color: '#a855f7',
    icon: 'calculator',
    description: 'Quotes are being run with carriers.',
    followUpDays: 1,
    aiAction: 'Finish carrier quotes; note any underwriting questions.',
  },
  {
    code: 'quoted',
    name: 'Quoted',
    category: 'open',
    color: '#f59e0b',
    icon: 'file-text',
    description: 'A proposal has been sent.',
    followUpDays: 2,
    aiAction: 'Walk through the proposal; address price and coverage questions.',
  },
  {
    code: 'negotiating',
    name: 'Negotiating',
    category: 'open',
    color: '#f97316',
    icon: 'handshake',
    description: 'Discussing coverage, price or carrier.',
    followUpDays: 1,
    aiAction: 'Resolve the remaining objection; offer a bundle or deductible option.',
  },
  {
    code: 'nurture',
    name: 'Nurture',
    category: 'open',
    color: '#64748b',
    icon: 'sprout',
    description: 'Not ready now; follow up near renewal.',
    followUpDays: 30,
    aiAction: 'Schedule a check-in 45 days before their current policy renews.',
  },
  {
    code: 'converted',
    name: 'Won / Converted',
    category: 'won',
    color: '#16a34a',
    icon: 'trophy',
    description: 'Bound; the lead became a client.',
    followUpDays: null,
    aiAction: 'Welcome the client; review cross-sell gaps.',
  },
  {
    code: 'lost',
    name: 'Lost',
    category: 'lost',
    color: '#dc2626',
    icon: 'x-circle',
    description: 'Bought elsewhere or declined.',
    followUpDays: null,
    aiAction: 'Record the lost reason; set a renewal reminder if they bought elsewhere.',
  },
  {
    code: 'unresponsive',
    name: 'Unresponsive',
    category: 'lost',
    color: '#9ca3af',
    icon: 'phone-off',
    description: 'No answer after repeated attempts.',
    followUpDays: null,
    aiAction: 'Try one more channel, then close.',
  },
];

export const LEAD_STATUSES = STATUSES.map((s, i) => ({ ...s, id: lookupId(1, i + 1), sortOrder: (i + 1) * 10 }));
export type LeadStatusCode = (typeof STATUSES)[number]['code'];
