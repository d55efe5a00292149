import { useQuery } from '../api/use-query';
import { LearnedScoreCard } from './learned-score-card';

/** The lead's learned chance of winning, with its factors (score.lead). */
export function LeadScoreCard({ leadId }: { leadId: string }) {
  const { data } = useQuery('score.lead', { lead_id: leadId });
  return <LearnedScoreCard title="Likelihood to win" testId="lead-score" outcomes="closed leads" view={data} />;
}
