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

/**
 * The hidden rule that decides whether a synthetic policy term that has run its year is renewed.
 * The book used to end 15% of chains at random, whatever their price or tenure, so a learned
 * retention score had nothing to find. Now a term renews with a logistic chance of facts the
 * replica keeps: a price rise at this term pushes the client to shop, each term already renewed
 * and each other policy (a bundle) or a household keeps them, some lines are stickier; a per-client
 * mood the replica does not record and the draw itself keep the outcome noisy.
 */
export interface TermOutlook {
  /** Premium change at this term's start, % (0 for a first term). */
  changePct: number;
  /** Terms of the chain before this one. */
  priorTerms: number;
  /** Policies (chains) the client holds. */
  policies: number;
  household: boolean;
  /** Insurance type code of the line. */
  code: string;
  /** The client's unrecorded inclination, about −0.6…0.6. */
  mood: number;
}

const LINE_STICKINESS: Readonly<Record<string, number>> = {
  home: 0.5,
  condo: 0.3,
  umbrella: 0.6,
  auto: 0,
  renters: -0.6,
  motorcycle: -0.3,
  boat: -0.2,
  bop: 0.2,
  workers_comp: 0.1,
};

/** Chance that a term which has run its year is renewed (0…1). */
export function renewChance(t: TermOutlook): number {
  const logit =
    0.9 -
    0.14 * (t.changePct - 4) +
    0.3 * Math.min(t.priorTerms, 4) +
    0.45 * (Math.min(t.policies, 4) - 1) +
    (t.household ? 0.4 : 0) +
    (LINE_STICKINESS[t.code] ?? 0) +
    t.mood;
  return 1 / (1 + Math.exp(-logit));
}
