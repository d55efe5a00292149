import { useQuery } from '../api/use-query';
import { AddressCard } from '../components/address-card';
import { AiPanel } from '../components/ai-panel';
import { AskBox, SimilarRecords } from '../components/semantic-panels';
import { LeadScoreCard } from '../components/lead-score-card';
import { Composer } from '../components/composer';
import { CoverageCard } from '../components/coverage/coverage-card';
import { DeleteButton } from '../components/delete-record';
import { LeadFieldsForm } from '../components/lead-fields-form';
import { LeadHeader } from '../components/lead-header';
import { ContactsCard, OpportunitiesCard } from '../components/people-cards';
import { CustomFieldsEditor, TagsEditor } from '../components/tags-fields';
import { Timeline } from '../components/timeline';
import { RecordHistory, RecordTasks } from '../components/work/record-work';
import { EmptyState, ErrorBanner, RelTime } from '../components/values';
import { money } from '../lib/format';
import { navigate } from '../stores/router';

/** A lead: its fields on the left, the merged timeline (with the composer) on the right. */
export function LeadDetailScreen({ id }: { id: string }) {
  const { data, error, reload } = useQuery('leads.get', { id });
  if (error && !data) {
    if (error.code === 'not_found')
      return (
        <EmptyState
          title="This lead does not exist"
          action={
            <button type="button" className="btn" onClick={() => navigate({ name: 'leads', view: 'table' })}>
              Back to leads
            </button>
          }
        >
          It may have been deleted on another device.
        </EmptyState>
      );
    return <ErrorBanner message={`Could not load this lead: ${error.message}`} onRetry={reload} />;
  }
  if (!data) return null;
  const { lead } = data;
  // The conversion won this opportunity (the newest one closed as won), which holds the policy number.
  const won = data.opportunities
    .filter((o) => o.stage === 'won')
    .sort((a, b) => (b.closed_at ?? '').localeCompare(a.closed_at ?? ''))[0];
  return (
    <div className="screen record" data-screen="lead" data-lead-id={lead.id}>
      <div className="crumbs with-actions">
        <a href="#/leads">Leads</a> /{' '}
        <span>{lead.business_name ?? [lead.first_name, lead.last_name].filter(Boolean).join(' ')}</span>
        <span className="spacer" />
        {!lead.is_converted && (
          <DeleteButton
            target={{ table: 'leads', id: lead.id }}
            what={`the lead ${lead.business_name ?? [lead.first_name, lead.last_name].filter(Boolean).join(' ')}`}
            label="Delete lead"
            onDeleted={() => navigate({ name: 'leads', view: 'table' })}
          />
        )}
      </div>
      <LeadHeader detail={data} />
      {lead.is_converted && data.client && (
        <div className="banner info" data-testid="conversion-summary">
          Converted <RelTime at={lead.conversion_date} />
          {won && (
            <>
              {' '}
              · won {won.name}
              {won.policy_number ? `, policy ${won.policy_number}` : ''}
              {won.amount !== null ? `, ${money(won.amount)}` : ''}
            </>
          )}
          . This lead is now the client’s history; follow-ups and new opportunities belong on the{' '}
          <a href={`#/clients/${data.client.id}`}>client</a>.
        </div>
      )}
      <div className="record-body">
        <div className="record-left">
          <LeadFieldsForm key={lead.updated_at} lead={lead} />
          <AddressCard subject={{ lead_id: lead.id }} address={data.address} readOnly={lead.is_converted} />
          <CoverageCard lead={lead} />
          <section className="card" aria-label="Tags and custom fields">
            <div className="card-head">
              <h3>Tags</h3>
            </div>
            <TagsEditor leadId={lead.id} tags={lead.tags} />
            <div className="card-head" style={{ marginTop: 14 }}>
              <h3>Custom fields</h3>
            </div>
            <CustomFieldsEditor leadId={lead.id} fields={lead.custom_fields} />
          </section>
          <ContactsCard subject={{ lead_id: lead.id }} contacts={data.contacts} readOnly={lead.is_converted} />
          <OpportunitiesCard
            subject={{ lead_id: lead.id }}
            opportunities={data.opportunities}
            readOnly={lead.is_converted}
          />
        </div>
        <div className="record-right">
          {!lead.is_converted && <LeadScoreCard leadId={lead.id} />}
          <AiPanel subject={{ lead_id: lead.id }} />
          <AskBox subject={{ lead_id: lead.id }} />
          <SimilarRecords subject={{ lead_id: lead.id }} />
          <RecordTasks subject={{ lead_id: lead.id }} readOnly={lead.is_converted} />
          {!lead.is_converted && <Composer subject={{ lead_id: lead.id }} />}
          <section className="card" aria-label="Timeline">
            <div className="card-head">
              <h3>Timeline</h3>
              <span className="muted small">
                {data.timeline.length} {data.timeline.length === 1 ? 'entry' : 'entries'}
              </span>
            </div>
            <Timeline items={data.timeline} />
          </section>
          <RecordHistory subject={{ lead_id: lead.id }} />
        </div>
      </div>
    </div>
  );
}
