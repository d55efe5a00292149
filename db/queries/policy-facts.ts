import type { ReplicaDb } from '../sqlite/open';
import { cachedStatement } from './statements';

/** One policy term as plain sentences: what Ask on the policy page gives the model besides the client's records. */
export interface PolicyTermFacts {
  id: string;
  client_id: string;
  policy_number: string;
  /** The full facts, for the model. */
  text: string;
  /** One line for the citation: line, carrier, dates, premium. */
  brief: string;
}

interface Row {
  id: string;
  client_id: string;
  policy_number: string;
  status: string;
  carrier_name: string;
  line_name: string;
  effective_date: string;
  expiration_date: string;
  term_months: number;
  written_premium: number;
  premium_change_pct: number | null;
  billing: string;
  commission_rate: number | null;
  commission_amount: number | null;
  cancellation_date: string | null;
  cancellation_reason: string | null;
  non_renewal_reason: string | null;
  renews_number: string | null;
}

const SQL = `SELECT p.id, p.client_id, p.policy_number, p.status, k.name AS carrier_name, t.name AS line_name,
  p.effective_date, p.expiration_date, p.term_months, p.written_premium, p.premium_change_pct, p.billing,
  p.commission_rate, p.commission_amount, p.cancellation_date, p.cancellation_reason, p.non_renewal_reason,
  r.policy_number AS renews_number
  FROM policies p JOIN carriers k ON k.id = p.carrier_id JOIN insurance_types t ON t.id = p.insurance_type_id
  LEFT JOIN policies r ON r.id = p.renews_policy_id
  WHERE p.id = ? AND p.deleted_at IS NULL`;

// As the screens show money ($1,420.00), so the citation reads like the page it sits on.
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
const usd = (n: number) => dollars.format(n);

/**
 * The term's own facts (carrier, line, status, dates, premium, billing, commission, why it ended),
 * read from the policy row: they are not in the semantic index (a policy is indexed only by its AI
 * summary), yet a question on the policy page is most often about them. Undefined when not live.
 */
export function policyTermFacts(db: ReplicaDb, id: string): PolicyTermFacts | undefined {
  const r = cachedStatement(db, SQL).get(id) as Row | undefined;
  if (!r) return undefined;
  const lines = [
    `Policy ${r.policy_number}: ${r.line_name} insurance with ${r.carrier_name}, status ${r.status.replace(/_/g, ' ')}.`,
    `Term: effective ${r.effective_date}, expires ${r.expiration_date} (${r.term_months} months).`,
    `Written premium ${usd(r.written_premium)}` +
      (r.premium_change_pct === null
        ? '.'
        : `, ${r.premium_change_pct >= 0 ? 'up' : 'down'} ${Math.abs(r.premium_change_pct).toFixed(1)}% from the term it renews${r.renews_number ? ` (${r.renews_number})` : ''}.`),
    `Billing: ${r.billing.replace(/_/g, ' ')}.`,
  ];
  if (r.commission_amount !== null)
    lines.push(
      `Commission ${usd(r.commission_amount)}${r.commission_rate === null ? '' : ` (${r.commission_rate}%)`}.`,
    );
  if (r.cancellation_date)
    lines.push(`Cancelled ${r.cancellation_date}${r.cancellation_reason ? `: ${r.cancellation_reason}` : ''}.`);
  if (r.non_renewal_reason) lines.push(`Not renewed: ${r.non_renewal_reason}.`);
  const brief = `${r.line_name} · ${r.carrier_name} · ${r.effective_date} to ${r.expiration_date} · ${usd(r.written_premium)}`;
  return { id: r.id, client_id: r.client_id, policy_number: r.policy_number, text: lines.join('\n'), brief };
}
