import { useState } from 'react';
import type { LeadDetail } from '../../../shared/api/types';
import { messageOf, mutate } from '../api/mutate';
import { personName } from '../lib/format';
import { useLookups } from '../stores/lookups';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';
import { ConvertDialog } from './convert-dialog';
import { EnrollDialog, enrolledCampaignIds } from './enroll-dialog';
import { Icon } from './icon';
import { LostReasonDialog } from './lost-reason-dialog';
import { MergeWithDialog } from './merge/merge-with-dialog';
import { StatusPill, TypeLabel } from './pills';
import { Money, RelTime } from './values';

/** Name, status, premium and owner at a glance, with the lead's main actions. */
export function LeadHeader({ detail }: { detail: LeadDetail }) {
  const { lead, client } = detail;
  const { statuses, users } = useLookups((s) => s.lookups);
  const [converting, setConverting] = useState(false);
  const [enrolling, setEnrolling] = useState(false);
  const [losing, setLosing] = useState<{ id: string; name: string } | null>(null);
  const [merging, setMerging] = useState(false);
  const name = personName(lead);
  const toast = useUi.getState().toast;

  const changeStatus = async (status_id: string) => {
    const lost = statuses.find((s) => s.id === status_id && s.category === 'lost');
    if (lost) return setLosing(lost);
    const from = lead.status_id;
    const res = await mutate('changeLeadStatus', { lead_id: lead.id, status_id });
    if (!res.ok) toast('error', messageOf(res.error));
    else
      toast('ok', `Status changed`, {
        label: 'Undo',
        run: () => void mutate('changeLeadStatus', { lead_id: lead.id, status_id: from }),
      });
  };
  const assign = async (owner_id: string) => {
    const res = await mutate('assignLead', { lead_id: lead.id, owner_id });
    if (!res.ok) toast('error', messageOf(res.error));
  };

  return (
    <div className="record-head">
      <div className="record-title">
        <h1 data-testid="record-name">{name}</h1>
        <div className="record-meta">
          <StatusPill id={lead.status_id} />
          <TypeLabel id={lead.insurance_type_id} />
          <span className="muted">
            Created <RelTime at={lead.created_at} />
          </span>
          {lead.phone && (
            <a href={`tel:${lead.phone}`} className="row" title="Call">
              <Icon name="phone" size={13} />
              {lead.phone}
            </a>
          )}
          {lead.email && (
            <a href={`mailto:${lead.email}`} className="row">
              <Icon name="mail" size={13} />
              {lead.email}
            </a>
          )}
        </div>
      </div>
      <div className="record-stats">
        <div className="stat">
          <span className="stat-label">Quoted premium</span>
          <Money value={lead.quoted_premium} />
        </div>
        <label className="stat">
          <span className="stat-label">Status</span>
          <select
            className="input"
            aria-label="Status"
            value={lead.status_id}
            disabled={lead.is_converted}
            onChange={(e) => void changeStatus(e.target.value)}
          >
            {statuses
              .filter((s) => s.category !== 'won' || s.id === lead.status_id)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
        <label className="stat">
          <span className="stat-label">Assigned to</span>
          <select
            className="input"
            aria-label="Assigned to"
            value={lead.owner_id}
            onChange={(e) => void assign(e.target.value)}
          >
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.full_name}
              </option>
            ))}
          </select>
        </label>
        {!lead.is_converted && (
          // A converted lead is its client's history: clients are merged instead.
          <button type="button" className="btn" onClick={() => setMerging(true)}>
            Merge with…
          </button>
        )}
        {!lead.is_converted && (
          <button
            type="button"
            className="btn"
            onClick={() => setEnrolling(true)}
            data-testid="enroll"
            title="Enroll in a campaign"
          >
            <Icon name="campaigns" size={14} />
            Enroll
          </button>
        )}
        {client ? (
          <button type="button" className="btn" onClick={() => navigate({ name: 'client', id: client.id })}>
            Open client
            <Icon name="arrow" size={14} />
          </button>
        ) : (
          <button type="button" className="btn primary" onClick={() => setConverting(true)} data-testid="convert">
            <Icon name="trophy" size={14} />
            Convert to client
          </button>
        )}
      </div>
      {losing && (
        <LostReasonDialog
          lead={{ id: lead.id, name, status_id: lead.status_id }}
          status={losing}
          onClose={() => setLosing(null)}
        />
      )}
      {merging && <MergeWithDialog kind="leads" id={lead.id} name={name} onClose={() => setMerging(false)} />}
      {converting && <ConvertDialog leadId={lead.id} onClose={() => setConverting(false)} />}
      {enrolling && (
        <EnrollDialog
          subject={{ lead_id: lead.id }}
          name={name}
          enrolled={enrolledCampaignIds(detail.timeline, { lead_id: lead.id })}
          onClose={() => setEnrolling(false)}
        />
      )}
    </div>
  );
}
