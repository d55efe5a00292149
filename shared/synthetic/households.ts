/**
 * Households of the synthetic agency: families of 2–4 clients sharing a last name and an address,
 * and business groups of 2–3 companies under one owner. Leads are planned one at a time in index
 * order, so a group is filled by the next converted leads of the same agent (members share the
 * household's owner, as setHousehold requires), deterministically. Whichever member's household
 * step is emitted first creates the household; the others join it.
 */
import { Rng, uuidv7At } from './prng';
import type { LeadStory } from './story';

export interface HouseholdSeat {
  group: HouseholdGroup;
}

export interface HouseholdGroup {
  id: string;
  name: string;
  type: 'family' | 'business_group';
  /** Set when the first member's step is emitted (the household exists from then on). */
  created: boolean;
  last: string;
  city: LeadStory['city'];
  line1: string;
  line2: string | null;
  /** Seats still to fill, and the lead index after which the group stops taking members. */
  open: number;
  until: number;
}

/** A family starts for one personal client in five, a business group for one business in ten. */
const START = { family: 0.2, business_group: 0.1 };
/** Members come from the next ~600 leads (a few weeks), so a family converts around the same time. */
const WINDOW = 600;

export class HouseholdPlanner {
  private readonly open = new Map<string, HouseholdGroup>();

  constructor(private readonly seed: number) {}

  /** Groups kept: at most one family and one business group per agent (a new one replaces it). */
  get size(): number {
    return this.open.size;
  }

  /**
   * The seat of converted lead `index` (converted at `convertAt`), or null. A family member takes
   * the family's last name and address into its story before any of its steps is built.
   */
  seatFor(index: number, story: LeadStory, convertAt: number): HouseholdSeat | null {
    const type = story.business ? 'business_group' : 'family';
    const key = `${story.agent.id}:${type}`;
    const group = this.open.get(key);
    if (group && group.open > 0 && index <= group.until) {
      group.open--;
      if (type === 'family') joinFamily(story, group);
      return { group };
    }
    const rng = new Rng(this.seed, 3, index);
    if (!rng.chance(START[type])) return null;
    const size =
      type === 'family'
        ? rng.weighted([
            [2, 50],
            [3, 30],
            [4, 20],
          ] as const)
        : rng.int(2, 3);
    const started: HouseholdGroup = {
      id: uuidv7At(rng, convertAt),
      name: type === 'family' ? `${story.last} household` : `${story.businessName ?? story.last} group`,
      type,
      created: false,
      last: story.last,
      city: story.city,
      line1: story.line1,
      line2: story.line2,
      open: size - 1,
      until: index + WINDOW,
    };
    this.open.set(key, started);
    return { group: started };
  }
}

function joinFamily(story: LeadStory, group: HouseholdGroup) {
  const self = story.contacts[0];
  if (self && self.last_name === story.last) self.last_name = group.last;
  story.last = group.last;
  story.text.last = group.last;
  story.city = group.city;
  story.line1 = group.line1;
  story.line2 = group.line2;
}
