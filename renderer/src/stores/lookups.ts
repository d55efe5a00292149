import { create } from 'zustand';
import type { Lookups } from '../../../shared/api/types';
import type { Row } from '../../../shared/model/catalogue';
import { call } from '../api/client';

type Status = Row<'lead_statuses'>;
type InsuranceType = Row<'insurance_types'>;
type CommType = Row<'communication_types'>;
type User = Row<'users'>;

interface LookupState {
  ready: boolean;
  error: string | null;
  lookups: Lookups;
  statusById: Map<string, Status>;
  typeById: Map<string, InsuranceType>;
  commTypeById: Map<string, CommType>;
  userById: Map<string, User>;
  load(): Promise<void>;
}

const EMPTY: Lookups = {
  statuses: [],
  insurance_types: [],
  communication_types: [],
  carriers: [],
  campaigns: [],
  users: [],
  teams: [],
};
const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

/** The small agency-wide tables (statuses, types, users…) every screen names and colours things by. */
export const useLookups = create<LookupState>((set) => ({
  ready: false,
  error: null,
  lookups: EMPTY,
  statusById: new Map(),
  typeById: new Map(),
  commTypeById: new Map(),
  userById: new Map(),
  async load() {
    const res = await call('lookups.get', {});
    if (!res.ok) return set({ error: res.error.message, ready: true });
    const l = res.value;
    set({
      ready: true,
      error: null,
      lookups: l,
      statusById: byId(l.statuses),
      typeById: byId(l.insurance_types),
      commTypeById: byId(l.communication_types),
      userById: byId(l.users),
    });
  },
}));
