import { useState } from 'react';
import type { PolicyListItem } from '../../../shared/api/book';
import { ExportMenu } from '../components/export-menu';
import type { Row } from '../../../shared/model/catalogue';
import { RENEWAL_WINDOWS } from '../../../shared/book/terms';
import { mutate } from '../api/mutate';
import { useQuery } from '../api/use-query';
import { Field } from '../components/field';
import { Modal } from '../components/modal';
import { PremiumChange } from '../components/policies-card';
import { UserName } from '../components/pills';
import { EmptyState } from '../components/values';
import { money, paperDate } from '../lib/format';
import { numOrNull, useForm } from '../lib/use-form';
import { navigate } from '../stores/router';
import { useUi } from '../stores/ui';

/** The window a work list looks ahead: 30, 60 or 90 days. */
export function WindowPicker({ days, onPick }: { days: number; onPick(days: number): void }) {
  return (
    <div className="row" role="group" aria-label="Days ahead">
      {RENEWAL_WINDOWS.map((d) => (
        <button
          key={d}
          type="button"
          className={`btn${d === days ? ' primary' : ''}`}
          aria-pressed={d === days}
          onClick={() => onPick(d)}
        >
          {d} days
        </button>
      ))}
    </div>
  );
}

function RenewDialog({
  item,
  onClose,
  onRenewed,
}: {
  item: PolicyListItem;
  onClose(): void;
  onRenewed(next: Row<'policies'>): void;
}) {
  const form = useForm({ premium: '' });
  const renew = async (e: React.FormEvent) => {
    e.preventDefault();
    const premium = numOrNull(form.values.premium);
    const next = await form.submit(() =>
      mutate('renewPolicy', { policy_id: item.id, written_premium: premium ?? Number.NaN }),
    );
    if (next) onRenewed(next as Row<'policies'>);
  };
  return (
    <Modal
      title={`Renew ${item.policy_number}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="renew-form" className="btn primary" disabled={form.busy}>
            Renew
          </button>
        </>
      }
    >
      <form id="renew-form" className="form-grid" onSubmit={renew} noValidate>
        <p className="muted wide">
          {item.client_name}: {item.line_name} with {item.carrier_name}, {money(item.written_premium, { cents: true })}{' '}
          this term. The next term starts {paperDate(item.expiration_date)}.
        </p>
        <Field
          name="written_premium"
          label="Renewal premium ($)"
          kind="number"
          value={form.values.premium}
          onChange={(v) => form.set('premium', v)}
          error={form.errors.written_premium}
          autoFocus
        />
        {form.formError && <div className="form-error wide">{form.formError}</div>}
      </form>
    </Modal>
  );
}

/** Live terms coming up for renewal, soonest first: renew, mark non-renewed or open the client. */
export function RenewalsScreen() {
  const [days, setDays] = useState<number>(RENEWAL_WINDOWS[1]);
  const { data } = useQuery('policies.renewals', { days, limit: 200 });
  const [renewing, setRenewing] = useState<PolicyListItem | null>(null);
  const [renewed, setRenewed] = useState<{ from: PolicyListItem; next: Row<'policies'> } | null>(null);
  const nonRenew = async (p: PolicyListItem) => {
    const res = await mutate('markNonRenewed', { policy_id: p.id, reason: 'Marked non-renewed from the renewal list' });
    useUi
      .getState()
      .toast(res.ok ? 'ok' : 'error', res.ok ? `${p.policy_number} marked non-renewed` : res.error.message);
  };
  const opportunity = async (p: PolicyListItem) => {
    const res = await mutate('createRenewalOpportunity', { policy_id: p.id });
    useUi
      .getState()
      .toast(res.ok ? 'ok' : 'error', res.ok ? `Renewal opportunity for ${p.policy_number}` : res.error.message);
  };
  return (
    <div className="screen" data-screen="renewals">
      <div className="screen-head">
        <h1>Renewals</h1>
        <WindowPicker days={days} onPick={setDays} />
        <div className="spacer" />
        <ExportMenu kind="renewals" />
      </div>
      {renewed && (
        <div className="banner" role="status" data-testid="renewed">
          Renewed {renewed.from.policy_number}: new term {paperDate(renewed.next.effective_date)} to{' '}
          {paperDate(renewed.next.expiration_date)} at {money(renewed.next.written_premium, { cents: true })} (
          <PremiumChange
            item={{
              premium_change_pct: renewed.next.premium_change_pct,
              retention_risk: (renewed.next.premium_change_pct ?? 0) >= 10,
            }}
          />
          ). <a href={`#/clients/${renewed.next.client_id}`}>Open {renewed.from.client_name}</a>
        </div>
      )}
      {data && data.length === 0 ? (
        <EmptyState title={`No renewals in the next ${days} days`}>Try a longer window.</EmptyState>
      ) : (
        <table className="mini-table" data-testid="renewals">
          <thead>
            <tr>
              <th>Expires</th>
              <th>Client</th>
              <th>Policy</th>
              <th>Line</th>
              <th>Carrier</th>
              <th className="num">Premium</th>
              <th className="num">Last change</th>
              <th className="num">Risk</th>
              <th>Owner</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(data ?? []).map((p) => (
              <tr key={p.id} data-policy-id={p.id}>
                <td>{paperDate(p.expiration_date)}</td>
                <td>
                  <a
                    href={`#/clients/${p.client_id}`}
                    onClick={(e) => (e.preventDefault(), navigate({ name: 'client', id: p.client_id }))}
                  >
                    {p.client_name}
                  </a>
                </td>
                <td>{p.policy_number}</td>
                <td>{p.line_name}</td>
                <td>{p.carrier_name}</td>
                <td className="num">{money(p.written_premium, { cents: true })}</td>
                <td className="num">
                  <PremiumChange item={p} />
                </td>
                <td
                  className="num"
                  title={
                    p.retention?.learned
                      ? `Learned from this agency's renewals: ${100 - p.retention.score}% likely to renew. ${p.retention.reasons.join('; ')}`
                      : p.retention?.reasons.join('; ')
                  }
                  data-testid="retention-risk"
                  data-learned={p.retention?.learned ? 'true' : undefined}
                >
                  {p.retention?.score ?? '—'}
                </td>
                <td>
                  <UserName id={p.owner_id} />
                </td>
                <td className="row">
                  <button type="button" className="btn" onClick={() => setRenewing(p)}>
                    Renew
                  </button>
                  <button type="button" className="btn" onClick={() => void nonRenew(p)}>
                    Non-renew
                  </button>
                  <button type="button" className="btn" onClick={() => void opportunity(p)}>
                    Opportunity
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {renewing && (
        <RenewDialog
          item={renewing}
          onClose={() => setRenewing(null)}
          onRenewed={(next) => {
            setRenewed({ from: renewing, next });
            setRenewing(null);
            useUi.getState().toast('ok', `${renewing.policy_number} renewed`);
          }}
        />
      )}
    </div>
  );
}

/** Prospects whose policy with another carrier expires soon, lost ones included: the re-quote list. */
export function XDatesScreen() {
  const [days, setDays] = useState<number>(RENEWAL_WINDOWS[1]);
  const { data } = useQuery('policies.xdates', { days, limit: 200 });
  return (
    <div className="screen" data-screen="xdates">
      <div className="screen-head">
        <h1>X-dates</h1>
        <WindowPicker days={days} onPick={setDays} />
      </div>
      {data && data.length === 0 ? (
        <EmptyState title={`No X-dates in the next ${days} days`}>
          A lead’s X-date is its current policy’s expiration date.
        </EmptyState>
      ) : (
        <table className="mini-table" data-testid="xdates">
          <thead>
            <tr>
              <th>X-date</th>
              <th>Prospect</th>
              <th>Status</th>
              <th>Current carrier</th>
              <th className="num">Current premium</th>
              <th>Follow-up</th>
              <th>Owner</th>
            </tr>
          </thead>
          <tbody>
            {(data ?? []).map((x) => (
              <tr key={x.lead_id} data-lead-id={x.lead_id}>
                <td>{paperDate(x.policy_expiration_date)}</td>
                <td>
                  <a
                    href={`#/leads/${x.lead_id}`}
                    onClick={(e) => (e.preventDefault(), navigate({ name: 'lead', id: x.lead_id }))}
                  >
                    {x.name}
                  </a>
                </td>
                <td>{x.status_name}</td>
                <td>{x.current_carrier ?? '—'}</td>
                <td className="num">{x.current_premium === null ? '—' : money(x.current_premium)}</td>
                <td data-testid="xdate-follow-up">
                  {x.next_follow_up_at ? `${paperDate(x.next_follow_up_at.slice(0, 10))}` : '—'}
                  {x.follow_up_note ? <span className="muted small"> · {x.follow_up_note}</span> : null}
                </td>
                <td>
                  <UserName id={x.owner_id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
