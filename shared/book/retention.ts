/**
 * A deterministic retention risk for a policy term coming up for renewal, with reasons, that
 * needs no model: the renewal list ranks and explains it offline, the way local-priority.ts does
 * for leads. The score (0…100) adds the signals an account manager weighs: how much the premium
 * rose at the last renewal, how long the client has been with the agency, open service tickets,
 * how long since anyone spoke to them, and how many policies they hold (a bundle stays).
 */
export interface RetentionInput {
  premiumChangePct: number | null;
  /** clients.client_since */
  clientSince: string | null;
  openTickets: number;
  lastContactAt: string | null;
  livePolicies: number;
}

export interface RetentionRisk {
  score: number;
  reasons: string[];
}

const DAY = 86_400_000;

export function retentionRisk(input: RetentionInput, now: Date): RetentionRisk {
  const parts: Array<[number, string]> = [];
  const pct = input.premiumChangePct;
  if (pct !== null && pct >= 10)
    parts.push([Math.min(50, 30 + (pct - 10)), `premium rose ${pct.toFixed(1)}% at the last renewal`]);
  else if (pct !== null && pct >= 5) parts.push([15, `premium rose ${pct.toFixed(1)}%`]);
  const years = input.clientSince ? (now.getTime() - Date.parse(input.clientSince)) / (365.25 * DAY) : null;
  if (years !== null && years < 1) parts.push([15, 'client for less than a year']);
  else if (years !== null && years < 3) parts.push([8, 'client for under three years']);
  else if (years !== null && years >= 5) parts.push([-10, `client for ${Math.floor(years)} years`]);
  if (input.openTickets > 0)
    parts.push([
      Math.min(20, 10 * input.openTickets),
      `${input.openTickets} open ticket${input.openTickets === 1 ? '' : 's'}`,
    ]);
  const quiet = input.lastContactAt ? (now.getTime() - Date.parse(input.lastContactAt)) / DAY : Infinity;
  if (quiet >= 365) parts.push([20, input.lastContactAt ? 'no contact in over a year' : 'never contacted']);
  else if (quiet >= 180) parts.push([15, 'no contact in six months']);
  if (input.livePolicies <= 1) parts.push([10, 'a single policy (no bundle)']);
  else if (input.livePolicies >= 3) parts.push([-10, `${input.livePolicies} policies bundled`]);
  const score = Math.max(0, Math.min(100, Math.round(20 + parts.reduce((s, [w]) => s + w, 0))));
  const reasons = parts
    .filter(([w]) => w > 0)
    .sort((a, b) => b[0] - a[0])
    .map(([, r]) => r);
  return { score, reasons };
}
