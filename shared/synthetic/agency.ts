/**
 * A deterministic synthetic insurance agency: its people, then a lazy stream of named mutations
 * (the work of ~18 months) in time order. Each lead has its own PRNG stream (seed, lead index),
 * so leads interleave in time without changing one another; only leads still "in flight" are in
 * memory, as small plans whose arguments are built on emission.
 */
import { clockAt } from './coverage';
import { type AgencyPeople, generatePeople, type PeopleOptions, staffingFor } from './people';
import { winChance } from './outcome';
import { DAY, HOUR, planLead } from './plan';
import { appendBook, planBook } from './book';
import { HouseholdPlanner } from './households';
import { Rng, siblingId, uuidv7At } from './prng';
import type { LeadRun, SyntheticStep } from './lead-run';
import { buildStep } from './steps';
import { makeStory } from './story';

export interface AgencyOptions {
  leads: number;
  seed: number;
  /** Default: staffed for the book's size (staffingFor). */
  users?: PeopleOptions;
  /**
   * The generator's "now": all work happens before it, follow-ups are due around it. Default: the
   * start of the current UTC day, so a seed gives the same agency all day long.
   */
  now?: Date | string | number;
  /** How far back the agency's history goes (default 18 months). */
  months?: number;
}

export interface SyntheticAgency extends Iterable<SyntheticStep>, AgencyPeople {
  seed: number;
  leads: number;
  /** ISO times: the first lead arrives after `start`; every step happens before `now`. */
  start: string;
  now: string;
  /** A fresh, lazy stream of steps (each call starts over). */
  steps(): Generator<SyntheticStep>;
  /**
   * What the latest stream keeps between steps: the leads in flight (started, not yet finished)
   * and the households still open for members. Neither grows with the leads already played out.
   */
  retained(): { leadsInFlight: number; openHouseholds: number };
}

class Heap {
  private readonly a: LeadRun[] = [];
  get size() {
    return this.a.length;
  }
  private static key(r: LeadRun) {
    return r.nextT;
  }
  private less(i: number, j: number) {
    const x = this.a[i]!;
    const y = this.a[j]!;
    const d = Heap.key(x) - Heap.key(y);
    return d < 0 || (d === 0 && x.index < y.index);
  }
  private swap(i: number, j: number) {
    [this.a[i], this.a[j]] = [this.a[j]!, this.a[i]!];
  }
  peekKey(): number {
    return Heap.key(this.a[0]!);
  }
  push(r: LeadRun) {
    r.nextT = r.plan.items[r.cursor]!.t;
    this.a.push(r);
    for (let i = this.a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): LeadRun {
    const top = this.a[0]!;
    const last = this.a.pop()!;
    if (this.a.length > 0) {
      this.a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.a.length && this.less(l, m)) m = l;
        if (r < this.a.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

/**
 * Drops what only the lead's first step (createLead, built above) reads: its coverage documents
 * but the auto one (a later step edits it), metadata and custom fields. Tens of thousands of leads
 * are in flight at once in a large agency, so this is most of what each of them keeps.
 */
function releaseCreateOnly(run: LeadRun) {
  run.story.coverage = [];
  run.story.metadata = {};
  run.story.customFields = null;
}

function resolveNow(now: AgencyOptions['now']): number {
  if (now === undefined) return Math.floor(Date.now() / DAY) * DAY;
  const ms = new Date(now).getTime();
  if (!Number.isFinite(ms)) throw new Error(`not a time: ${String(now)}`);
  return ms;
}

export function generateAgency(options: AgencyOptions): SyntheticAgency {
  const leads = Math.max(0, Math.floor(options.leads));
  const seed = Math.floor(options.seed);
  const now = resolveNow(options.now);
  const start = now - Math.round((options.months ?? 18) * 30.44 * DAY);
  const people = generatePeople(new Rng(seed, 0), options.users ?? staffingFor(leads), start - 30 * DAY);
  // Leads arrive one per slot, so they come in index order; the last at least two hours before now.
  const slot = (now - 2 * HOUR - start) / Math.max(1, leads);

  const startLead = (index: number, households: HouseholdPlanner): LeadRun => {
    const rng = new Rng(seed, 1, index);
    const t0 = Math.floor(start + (index + rng.next() * 0.98) * slot);
    const clock = clockAt(t0);
    const story = makeStory(rng, clock, people.agents);
    const plan = planLead(rng, {
      t0,
      now,
      contacts: story.contacts.length,
      twoOpps: story.second !== null && rng.chance(0.55),
      isAuto: story.auto !== null,
      winChance: winChance(story),
    });
    // The book draws from a stream of its own, so it leaves every other draw as it was.
    const convert = plan.items.find((i) => i.kind === 'convert');
    // The household seat comes first: a household keeps its policies (the hidden renewal model).
    const seat = convert ? households.seatFor(index, story, convert.t) : null;
    const book = convert
      ? planBook(new Rng(seed, 2, index), convert.t, now, story.type.code, story.quotedPremium, seat !== null)
      : null;
    if (book && convert) {
      book.household = seat;
      appendBook(plan, book, now);
    }
    return {
      index,
      rng,
      clock,
      story,
      plan,
      cursor: 0,
      nextT: t0,
      leadId: '',
      clientId: '',
      contactIds: [],
      oppIds: [],
      book,
      termIds: [],
    };
  };

  let retained = () => ({ leadsInFlight: 0, openHouseholds: 0 });

  function* steps(): Generator<SyntheticStep> {
    const heap = new Heap();
    // Leads are started in index order on every pass, so households fill the same way each time.
    const households = new HouseholdPlanner(seed);
    let pending: LeadRun | null = leads > 0 ? startLead(0, households) : null;
    retained = () => ({ leadsInFlight: heap.size + (pending ? 1 : 0), openHouseholds: households.size });
    let last = 0;
    while (heap.size > 0 || pending) {
      if (pending && (heap.size === 0 || pending.plan.t0 <= heap.peekKey())) {
        heap.push(pending);
        pending = pending.index + 1 < leads ? startLead(pending.index + 1, households) : null;
        continue;
      }
      const run = heap.pop();
      const item = run.plan.items[run.cursor++]!;
      const ms = Math.max(item.t, last + 1);
      last = ms;
      const built = buildStep(run, item, ms);
      if (item.kind === 'createLead') releaseCreateOnly(run);
      const id = uuidv7At(run.rng, ms);
      // The field-history row's id (change_id) must be the same each time the agency is made:
      // derived from the step's id rather than drawn, so every stream stays as it was. Mutations
      // that keep no history drop the key when they parse their arguments.
      (built.args as Record<string, unknown>).change_id ??= siblingId(id);
      // Built field by field: `{ ...built, id }` is many times slower in V8 on this hot path.
      yield {
        name: built.name,
        args: built.args,
        id,
        createdAt: new Date(ms).toISOString(),
        actorId: run.story.agent.id,
        leadIndex: run.index,
      } as SyntheticStep;
      if (run.cursor < run.plan.items.length) heap.push(run);
    }
  }

  return {
    ...people,
    seed,
    leads,
    start: new Date(start).toISOString(),
    now: new Date(now).toISOString(),
    steps,
    [Symbol.iterator]: steps,
    retained: () => retained(),
  };
}
