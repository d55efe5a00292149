/**
 * The browser suite's helpers: a fresh replica and web host per test, Debian's Chromium driven
 * by playwright-core, seeding through the API, screenshots into artifacts/screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/api/contract';
import type { Result } from '../../shared/errors';
import { CARRIER_SEEDS, insuranceTypeByCode } from '../../shared/lookups';
import { openApp, type FieldlineApp } from '../../electron/main/app';
import { startWebHost } from '../../electron/main/web-host/server';
import type { TestContext } from './suite';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(ROOT, 'out/web');
export const SHOTS = path.join(ROOT, 'artifacts/screenshots');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function chromiumPath(): string | null {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(p) ? p : null;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium: apt-get install chromium, or set CHROMIUM_PATH');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

export interface Host {
  url: string;
  dbPath: string;
  /** The replica's services behind the host (sync, the change feed). */
  app: FieldlineApp;
  api<C extends CommandName>(command: C, input: CommandInput<C>): Promise<CommandOutput<C>>;
  raw(command: string, input: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

/** A web host on a brand-new replica file in a temp folder (or on `dbPath` when given). */
export async function startHost(dbPath?: string): Promise<Host> {
  const dir = dbPath ? null : mkdtempSync(path.join(os.tmpdir(), 'fieldline-browser-'));
  const file = dbPath ?? path.join(dir!, 'replica.db');
  const app = openApp(file);
  const host = await startWebHost({
    dispatch: app.dispatch,
    changes: app.changes,
    downloads: app.downloads,
    staticDir: WEB_DIR,
    log: (l) => console.error(l),
  });
  const raw = async (command: string, input: unknown) => app.dispatch(command, input);
  return {
    url: host.url,
    dbPath: file,
    app,
    raw,
    async api(command, input) {
      const res = await app.dispatch(command, input);
      if (!res.ok) throw new Error(`${command} failed: ${res.error.code} ${res.error.message}`);
      return res.value as never;
    },
    async close() {
      await host.close();
      app.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Robert',
  'Chen',
  'Olivia',
  'Diego',
  'Priya',
  'Samuel',
  'Grace',
  'Noah',
  'Elena',
];
const LAST = [
  'Garcia',
  'Okafor',
  'Nguyen',
  'Smith',
  'Rossi',
  'Patel',
  'Johnson',
  'Kowalski',
  'Haddad',
  'Brown',
  'Larsen',
  'Moreau',
];
const TYPES = ['auto', 'home', 'umbrella', 'general_liability', 'bop', 'boat'];

/** A few leads through the same `mutate` command the UI uses. */
export async function seedLeads(host: Host, n: number): Promise<string[]> {
  const ids: string[] = [];
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const business = i % 5 === 4;
    const type = insuranceTypeByCode(TYPES[i % TYPES.length]!);
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const res = (await host.api('mutate', {
      name: 'createLead',
      args: {
        lead_type: business ? 'business' : 'individual',
        ...(business
          ? { business_name: `${last} ${['Bakery', 'Plumbing', 'Logistics', 'Dental'][i % 4]} LLC` }
          : { first_name: first, last_name: last }),
        email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`,
        phone: `(512) 555-${String(1000 + i * 37).slice(-4)}`,
        insurance_type_id: type.id,
        quoted_premium: 600 + ((i * 431) % 4200),
        priority: (i % 5) + 1,
        source: ['Referral', 'Website', 'Walk-in', 'Facebook'][i % 4],
        tags: i % 3 === 0 ? ['bundle'] : [],
        // Half are due today or overdue, so Today has something to show.
        next_follow_up_at: new Date(now + (i % 2 === 0 ? -(i + 1) * 3_600_000 : (i + 2) * 86_400_000)).toISOString(),
      },
    })) as { result: { id: string } };
    ids.push(res.result.id);
  }
  return ids;
}

/** A client with one note and one home policy term ($1,420, 2026-03-01 to 2027-03-01); returns both ids. */
export async function plantClientPolicy(host: Host, last: string, policyNumber: string, note: string) {
  const client = (await host.api('mutate', {
    name: 'createClient',
    args: { client_type: 'individual', first_name: 'Dana', last_name: last },
  })) as { result: { id: string } };
  const policy = (await host.api('mutate', {
    name: 'addPolicy',
    args: {
      client_id: client.result.id,
      carrier_id: CARRIER_SEEDS[0]!.id,
      insurance_type_id: insuranceTypeByCode('home').id,
      policy_number: policyNumber,
      effective_date: '2026-03-01',
      expiration_date: '2027-03-01',
      written_premium: 1420,
    },
  })) as { result: { id: string } };
  await host.api('mutate', { name: 'addNote', args: { client_id: client.result.id, body: note } });
  return { clientId: client.result.id, policyId: policy.result.id };
}

/** Chat and embeddings from the loopback model at `url`, and the replica indexed for them. */
export async function useFakeSemantic(host: Host, url: string) {
  await host.api('ai.settings.save', {
    local: { name: 'office', kind: 'local', baseURL: url, model: 'fake-model' },
    remote: null,
    preferLocal: true,
    embeddingModel: 'fake-embed',
  });
  await host.app.semantic.index();
}

export interface PageProblems {
  errors: string[];
}

/** A 1280×800 page that records console errors, page errors and CSP violations. */
export async function openPage(
  browser: Browser,
  host: Host,
  hash = '#/today',
  timezoneId = 'America/Chicago',
): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId,
  });
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`));
  await page.goto(`${host.url}/${hash}`);
  await page.waitForSelector('.app .content [data-screen]', { timeout: 10_000 });
  return { page, problems };
}

/**
 * A fresh host and a page on `hash` (Today unless named) for `body`; afterwards the page must
 * have logged no error. The page and the host are closed whether or not `body` passed.
 */
export async function withHost(ctx: TestContext, body: (page: Page, host: Host) => Promise<void>, hash = '#/today') {
  const host = await startHost();
  try {
    const { page, problems } = await openPage(ctx.browser, host, hash);
    try {
      await body(page, host);
      assertNoProblems(problems);
    } finally {
      await page.context().close();
    }
  } finally {
    await host.close();
  }
}

export async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/**
 * Types into a field as a person does: click it, select what is there, type the new text key by
 * key (an empty text clears it). Unlike `fill`, the field's own key and focus handling runs.
 */
export async function typeInto(field: Locator, text: string) {
  await field.click();
  await field.press('ControlOrMeta+A');
  if (text === '') await field.press('Backspace');
  else await field.pressSequentially(text);
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

export function assertNoProblems(problems: PageProblems) {
  assert(problems.errors.length === 0, `the page logged errors:\n  ${problems.errors.join('\n  ')}`);
}
