import { useQuery } from '../api/use-query';
import { LearnedScoreCard } from './learned-score-card';

/**
 * A live term's learned likelihood to renew, with its factors (score.policy). Until a model is
 * learned from the agency's own renewals, the renewal list's fixed rule is the only risk shown.
 */
export function PolicyScoreCard({ policyId }: { policyId: string }) {
  const { data } = useQuery('score.policy', { policy_id: policyId });
  return (
    <LearnedScoreCard title="Likelihood to renew" testId="policy-score" outcomes="renewal decisions" view={data} />
  );
}
