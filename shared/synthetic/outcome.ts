import type { LeadStory } from './story';

/**
 * The hidden rule that decides whether a synthetic lead that closes is won or lost. The
 * generator used to draw that at a flat 57%, so nothing in the replica predicted it and a
 * learned score had nothing to learn. Now the chance is a logistic function of facts the
 * replica keeps (source, insurance type, contacts, the quote against the current premium,
 * the assigned agent); the draw itself is still the lead's one random number, so the outcome
 * stays noisy and every other draw of the generator is unchanged.
 */
const SOURCE_EFFECT: Readonly<Record<string, number>> = {
  Referral: 1.1,
  'Renewal review': 0.9,
  'Partner - mortgage broker': 0.6,
  'Walk-in': 0.5,
  'Chamber of Commerce event': 0.3,
  'Partner - auto dealer': 0.2,
  'Website quote form': 0,
  Yelp: -0.2,
  'Google Ads': -0.4,
  Facebook: -0.6,
  EverQuote: -0.9,
  'Cold call': -1.1,
};

const TYPE_EFFECT: Readonly<Record<string, number>> = {
  home: 0.4,
  umbrella: 0.5,
  condo: 0.3,
  auto: 0,
  renters: -0.4,
  motorcycle: -0.3,
  bop: 0.3,
  workers_comp: -0.3,
};

/** A stable per-agent effect from the agent's id (some close better than others). */
function agentEffect(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return (((h >>> 0) % 1000) / 1000 - 0.5) * 1.2;
}

/** Chance that a lead which closes is won (0…1). */
export function winChance(story: LeadStory): number {
  // Saving the customer money wins; the quote is 78%…104% of what they pay now.
  const saving = (story.currentPremium - story.quotedPremium) / Math.max(1, story.currentPremium);
  const logit =
    0.15 +
    (SOURCE_EFFECT[story.source] ?? 0) +
    (TYPE_EFFECT[story.type.code] ?? 0) +
    0.45 * (story.contacts.length - 1) +
    9 * (saving - 0.09) +
    agentEffect(story.agent.id);
  return 1 / (1 + Math.exp(-logit));
}
