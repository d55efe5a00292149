import { useQuery } from '../api/use-query';
import { DeleteButton } from '../components/delete-record';
import { UserName } from '../components/pills';
import { EmptyState, ErrorBanner, Money, RelTime } from '../components/values';
import { humanize, paperDate } from '../lib/format';
import { useLookups } from '../stores/lookups';
import { navigate } from '../stores/router';

/** A campaign: what it is, who it is aimed at (enrollments by status) and the leads it brought in. */
export function CampaignDetailScreen({ id }: { id: string }) {
  const { data, error, reload } = useQuery('campaigns.get', { id });
  const typeById = useLookups((s) => s.typeById);
  if (error && !data) {
    if (error.code === 'not_found')
      return <EmptyState title="This campaign does not exist">It may have been removed on another device.</EmptyState>;
    return <ErrorBanner message={`Could not load this campaign: ${error.message}`} onRetry={reload} />;
  }
  if (!data) return null;
  const { campaign, enrollments } = data;
  const byStatus = new Map<string, number>();
  for (const e of enrollments) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
  return (
    <div className="screen record" data-screen="campaign" data-campaign-id={campaign.id}>
      <div className="crumbs">
        <a href="#/campaigns">Campaigns</a> / <span>{campaign.name}</span>
      </div>
      <div className="record-head">
        <div className="record-title">
          <h1 data-testid="record-name">{campaign.name}</h1>
          <div className="record-meta">
            <span>{humanize(campaign.status)}</span>
            {campaign.channel && <span className="muted">{humanize(campaign.channel)}</span>}
            {campaign.insurance_type_id && (
              <span className="muted">{typeById.get(campaign.insurance_type_id)?.name ?? ''}</span>
            )}
          </div>
        </div>
      </div>
      <div className="record-body">
        <div className="record-left">
          <section className="card" aria-label="About this campaign">
            <div className="card-head">
              <h3>About</h3>
            </div>
            <dl className="kv">
              <dt>Description</dt>
              <dd>{campaign.description ?? '—'}</dd>
              <dt>Runs</dt>
              <dd>
                {paperDate(campaign.starts_at)} – {paperDate(campaign.ends_at)}
              </dd>
              <dt>Budget</dt>
              <dd>{campaign.budget === null ? '—' : <Money value={campaign.budget} />}</dd>
              <dt>Created by</dt>
              <dd>
                <UserName id={campaign.created_by} />
              </dd>
              <dt>Leads sourced</dt>
              <dd data-testid="sourced-leads">{data.sourced_leads}</dd>
            </dl>
          </section>
          <section className="card" aria-label="Audience">
            <div className="card-head">
              <h3>Audience</h3>
              <span className="muted small">{enrollments.length} enrolled</span>
            </div>
            {enrollments.length === 0 ? (
              <div className="muted small">Nobody yet. Enroll leads and clients from their pages (“Enroll”).</div>
            ) : (
              <div className="muted small">
                {[...byStatus].map(([s, n]) => `${n} ${humanize(s).toLowerCase()}`).join(' · ')}
              </div>
            )}
          </section>
        </div>
        <div className="record-right">
          <section className="card" aria-label="Enrollments">
            <div className="card-head">
              <h3>Enrollments</h3>
            </div>
            <ul className="plain-list" data-testid="enrollments">
              {enrollments.map((e) => {
                const route = e.client_id
                  ? ({ name: 'client', id: e.client_id } as const)
                  : ({ name: 'lead', id: e.lead_id! } as const);
                return (
                  <li key={e.id} className="row">
                    <a
                      href={e.client_id ? `#/clients/${e.client_id}` : `#/leads/${e.lead_id}`}
                      onClick={(ev) => (ev.preventDefault(), navigate(route))}
                    >
                      {e.name ?? 'Unnamed'}
                    </a>
                    <span className="muted small">{e.client_id ? 'client' : 'lead'}</span>
                    <span className="muted small">{humanize(e.status)}</span>
                    <span className="spacer" />
                    <span className="small">
                      enrolled <RelTime at={e.enrolled_at} />
                    </span>
                    <DeleteButton
                      target={{ table: 'campaign_enrollments', id: e.id }}
                      what={`${e.name ?? 'this record'} from ${campaign.name}`}
                      label="Unenroll"
                    />
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
