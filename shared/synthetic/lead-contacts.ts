/** The people a synthetic lead's record lists as contacts, and how they are reached. */
import type { BusinessFacts, Person } from './coverage';
import { firstName, phoneNumber, slug } from './people';
import type { Rng } from './prng';
import { CONTACT_TITLES } from './words/business';
import { EMAIL_DOMAINS, LAST_NAMES } from './words/people';

export interface ContactSpec {
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  mobile_phone?: string;
  job_title?: string;
  roles: string[];
  preferred_contact_method: 'phone' | 'email' | 'sms';
  company?: string;
  linkedin_url?: string;
}

export function email(rng: Rng, first: string, last: string, domain = rng.pick(EMAIL_DOMAINS)): string {
  const f = slug(first) || 'info';
  const l = slug(last) || 'mail';
  return (
    rng.weighted([
      [`${f}.${l}`, 4],
      [`${f.charAt(0)}${l}`, 3],
      [`${f}${l}${rng.int(1, 99)}`, 3],
    ] as const) + `@${domain}`
  );
}

/** A business's owner and staff at its own domain, or the first people of a household. */
export function makeContacts(
  rng: Rng,
  household: readonly Person[],
  biz: (BusinessFacts & { name: string }) | null,
  area: string,
): ContactSpec[] {
  const self = household[0]!;
  const last = self.last;
  const contacts: ContactSpec[] = [];
  const method = () =>
    rng.weighted([
      ['phone', 5],
      ['email', 3],
      ['sms', 2],
    ] as const);
  if (biz) {
    const companyDomain = `${slug(biz.name.split(' ')[0]!)}${slug(biz.type.nouns[0]!)}.com`;
    const roles = [['owner', 'decision_maker'], ['billing'], ['risk_manager']];
    const titles = [CONTACT_TITLES.owner, CONTACT_TITLES.billing, CONTACT_TITLES.risk];
    const n = rng.weighted([
      [1, 35],
      [2, 40],
      [3, 25],
    ] as const);
    for (let i = 0; i < n; i++) {
      const f = i === 0 ? self.first : firstName(rng);
      const l = i === 0 ? last : rng.pick(LAST_NAMES);
      contacts.push({
        first_name: f,
        last_name: l,
        email: email(rng, f, l, companyDomain),
        phone: phoneNumber(rng, area),
        job_title: rng.pick(titles[i]!),
        roles: roles[i]!,
        preferred_contact_method: method(),
        company: biz.name,
        ...(rng.chance(0.3)
          ? { linkedin_url: `https://www.linkedin.com/in/${slug(f)}-${slug(l)}-${rng.digits(3)}` }
          : {}),
        ...(rng.chance(0.5) ? { mobile_phone: phoneNumber(rng, area) } : {}),
      });
    }
  } else {
    const n = Math.min(
      household.length,
      rng.weighted([
        [1, 45],
        [2, 40],
        [3, 15],
      ] as const),
    );
    for (let i = 0; i < Math.max(1, n); i++) {
      const p = household[i]!;
      contacts.push({
        first_name: p.first,
        last_name: p.last,
        email: i === 0 || rng.chance(0.5) ? email(rng, p.first, p.last) : null,
        phone: phoneNumber(rng, area),
        roles: i === 0 ? ['insured'] : p.relationship === 'spouse' ? ['spouse', 'driver'] : ['driver'],
        preferred_contact_method: method(),
      });
    }
  }
  return contacts;
}
