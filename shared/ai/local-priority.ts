/**
 * A deterministic follow-up priority that needs no model and no network, so Today stays
 * ordered offline. db/queries/today.ts calls it for every due lead: keep it pure and cheap.
 */
export interface PriorityInput {
  statusCode: string;
  statusCategory: 'open' | 'won' | 'lost';
  quotedPremium: number | null;
  nextFollowUpAt: string | null;
  lastContactedAt: string | null;
  createdAt: string;
  /** 1 (highest) … 5, set by the agent. */
  manualPriority: number;
  /** 1 (highest) … 5, from the last AI run, when there was one. */
  aiPriority: number | null;
}

/** Stages closest to a sale are worth the most attention. */
const STAGE_WEIGHT: Record<string, number> = { negotiating: 30, quoted: 25, quoting: 20, qualified: 15, new: 18, contacted: 10, nurture: 2 };
const DAY = 86_400_000;

export function localPriority(input: PriorityInput, now: Date): { score: number; reasons: string[] } {
  if (input.statusCategory !== 'open') return { score: 0, reasons: ['closed'] };
  const reasons: string[] = [];
  let score = STAGE_WEIGHT[input.statusCode] ?? 5;
  if (score >= 20) reasons.push(`stage: ${input.statusCode}`);
  if (input.nextFollowUpAt) {
    const overdueDays = (now.getTime() - new Date(input.nextFollowUpAt).getTime()) / DAY;
    if (overdueDays > 0) {
      score += Math.min(30, 5 + overdueDays * 3);
      reasons.push(overdueDays >= 1 ? `${Math.floor(overdueDays)} day(s) overdue` : 'due earlier today');
    }
  }
  if (input.quotedPremium) {
    score += Math.min(20, input.quotedPremium / 250);
    if (input.quotedPremium >= 2500) reasons.push(`premium $${Math.round(input.quotedPremium).toLocaleString('en-US')}`);
  }
  const ageDays = (now.getTime() - new Date(input.createdAt).getTime()) / DAY;
  if (input.statusCode === 'new' && ageDays < 2) {
    score += 15;
    reasons.push('new lead: speed to contact matters');
  }
  const sinceContact = input.lastContactedAt ? (now.getTime() - new Date(input.lastContactedAt).getTime()) / DAY : null;
  if (sinceContact !== null && sinceContact > 14) {
    score += 5;
    reasons.push(`no contact for ${Math.floor(sinceContact)} days`);
  }
  const priority = input.aiPriority ?? input.manualPriority;
  score += (5 - Math.min(5, Math.max(1, priority))) * 6;
  if (priority <= 2) reasons.push(input.aiPriority ? `AI priority ${priority}` : `priority ${priority}`);
  return { score: Math.round(score * 10) / 10, reasons };
}
