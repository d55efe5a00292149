/** The agency's people: an admin, managers, teams, agents and office staff, as `teams`/`users` rows. */
import type { Row } from '../model/catalogue';
import { newRow } from '../model/new-row';
import type { UserRole } from '../model/tables/people';
import { type Rng, uuidv7At } from './prng';
import { NAME_PREFIXES } from './words/business';
import { AREA_CODES, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './words/people';

export interface PeopleOptions {
  teams?: number;
  /** One per team by default. */
  managers?: number;
  agents?: number;
  staff?: number;
}

export interface Agent {
  id: string;
  teamId: string | null;
  firstName: string;
  /** Relative share of new leads (some agents are busier than others). */
  weight: number;
  commercial: boolean;
}

export interface AgencyPeople {
  agencyName: string;
  domain: string;
  teams: Row<'teams'>[];
  users: Row<'users'>[];
  agents: Agent[];
}

/**
 * About how many leads an agent carries. The 1M-lead book is a 200-agent agency's, so the
 * people grow with the book: at 1M leads, 8 agents would each own 125k leads, and every per-agent
 * screen (Today, an agent's pipeline) would measure a book no agent has.
 */
const LEADS_PER_AGENT = 5_000;

/**
 * The people a book of this size needs: an agent per ~5,000 leads (at least 8, the small agency's
 * number, so books up to ~40k leads are unchanged), a team per ~10 agents (at least 2), a manager
 * per team, and a CSR per ~4 agents (at least 2).
 */
export function staffingFor(leads: number): PeopleOptions {
  const agents = Math.max(8, Math.round(leads / LEADS_PER_AGENT));
  return { agents, teams: Math.max(2, Math.round(agents / 10)), staff: Math.max(2, Math.round(agents / 4)) };
}

/** Odd teams write business insurance (the second of two is Commercial Lines). */
const isCommercialTeam = (index: number) => index % 2 === 1;

const TEAM_NAMES = [
  'Personal Lines',
  'Commercial Lines',
  'Personal Lines East',
  'Specialty & Marine',
  'Personal Lines West',
];

export function firstName(rng: Rng): string {
  return rng.chance(0.5) ? rng.pick(FEMALE_FIRST_NAMES) : rng.pick(MALE_FIRST_NAMES);
}

export function phoneNumber(rng: Rng, areaCode = rng.pick(AREA_CODES)): string {
  return `(${areaCode}) ${rng.int(201, 989)}-${rng.digits(4)}`;
}

/** Lower-case ASCII letters only, for e-mail local parts and domains. */
export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z]/g, '');
}

export function generatePeople(rng: Rng, options: PeopleOptions, createdAtMs: number): AgencyPeople {
  const teamCount = Math.max(1, options.teams ?? 2);
  const counts = {
    manager: options.managers ?? teamCount,
    agent: Math.max(1, options.agents ?? 8),
    staff: options.staff ?? 2,
  };
  const prefix = rng.pick(NAME_PREFIXES);
  const agencyName = `${prefix} Insurance Agency`;
  const domain = `${slug(prefix)}insurance.com`;
  const at = new Date(createdAtMs).toISOString();
  let ms = createdAtMs;

  const teams = Array.from({ length: teamCount }, (_, i) =>
    newRow(
      'teams',
      {
        id: uuidv7At(rng, ms++),
        name: TEAM_NAMES[i] ?? `${isCommercialTeam(i) ? 'Commercial' : 'Personal'} Lines ${i + 1}`,
        description: isCommercialTeam(i)
          ? 'Business insurance: BOP, GL, workers comp, commercial auto'
          : 'Households: auto, home, umbrella, specialty',
        created_at: at,
        updated_at: at,
      },
      at,
    ),
  );

  const users: Row<'users'>[] = [];
  const agents: Agent[] = [];
  const emails = new Set<string>();
  const addUser = (role: UserRole, teamId: string | null, title: string) => {
    const first = firstName(rng);
    const last = rng.pick(LAST_NAMES);
    let email = `${slug(first).charAt(0)}${slug(last)}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${slug(first).charAt(0)}${slug(last)}${n}@${domain}`;
    emails.add(email);
    const row = newRow(
      'users',
      {
        id: uuidv7At(rng, ms++),
        email,
        full_name: `${first} ${last}`,
        role,
        team_id: teamId,
        phone: phoneNumber(rng),
        title,
        is_active: true,
        created_at: at,
        updated_at: at,
      },
      at,
    );
    users.push(row);
    return { row, first };
  };

  addUser('admin', null, 'Agency Principal');
  for (let i = 0; i < counts.manager; i++)
    addUser(
      'manager',
      teams[i % teamCount]!.id,
      isCommercialTeam(i % teamCount) ? 'Commercial Lines Manager' : 'Sales Manager',
    );
  for (let i = 0; i < counts.agent; i++) {
    const team = teams[i % teamCount]!;
    const commercial = teamCount > 1 && isCommercialTeam(i % teamCount);
    const { row, first } = addUser(
      'agent',
      team.id,
      commercial ? 'Commercial Account Executive' : rng.pick(['Licensed Agent', 'Senior Agent', 'Producer']),
    );
    agents.push({ id: row.id, teamId: team.id, firstName: first, weight: rng.real(0.6, 1.6), commercial });
  }
  for (let i = 0; i < counts.staff; i++)
    addUser(
      'staff',
      teams[i % teamCount]!.id,
      rng.pick(['Customer Service Representative', 'Account Manager', 'Office Administrator']),
    );
  return { agencyName, domain, teams, users, agents };
}
