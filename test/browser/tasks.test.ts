// Tasks and "who did what", through the real UI: a manager gives a CSR a task on a lead, the CSR
// sees it in My work and on Today; every timeline entry and field edit names its actor.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { uuidv7 } from '../../shared/ids';
import { insuranceTypeByCode } from '../../shared/lookups';
import { assert, assertNoProblems, openPage, shot, startHost, type Host } from './harness';
import { test, type TestContext } from './suite';

const CSR = { id: uuidv7(), team: uuidv7(), name: 'Casey Rivera' };

/** The replica's second user, a CSR on a team (as a first sync would bring them). */
function addCsr(dbPath: string) {
  const db = new Database(dbPath);
  const now = new Date().toISOString();
  db.prepare('INSERT INTO teams (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
    CSR.team,
    'Service',
    now,
    now,
  );
  db.prepare(
    `INSERT INTO users (id, email, full_name, role, team_id, created_at, updated_at) VALUES (?, ?, ?, 'staff', ?, ?, ?)`,
  ).run(CSR.id, 'casey@agency.test', CSR.name, CSR.team, now, now);
  db.close();
}

/** Acts as the CSR from the next open: the replica's session names who it acts as (no server, so no sync). */
function actAsCsr(dbPath: string) {
  const db = new Database(dbPath);
  db.prepare(
    `INSERT INTO local_settings (key, value, updated_at) VALUES ('session', ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  ).run(JSON.stringify({ userId: CSR.id, teamId: CSR.team, role: 'staff' }), new Date().toISOString());
  db.close();
}

async function createLead(host: Host) {
  const res = (await host.api('mutate', {
    name: 'createLead',
    args: {
      first_name: 'Nora',
      last_name: 'Lindqvist',
      email: 'nora@example.com',
      insurance_type_id: insuranceTypeByCode('home').id,
    },
  })) as { result: { id: string } };
  return res.result.id;
}

async function withPage(ctx: TestContext, host: Host, hash: string, body: (page: Page) => Promise<void>) {
  const { page, problems } = await openPage(ctx.browser, host, hash);
  try {
    await body(page);
    assertNoProblems(problems);
  } finally {
    await page.context().close();
  }
}

export const tests = [
  test(
    'task to a CSR who then sees it in My work (typed by keyboard; timeline and field history name who)',
    'browser',
    async (ctx) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fieldline-tasks-'));
      const dbPath = path.join(dir, 'replica.db');
      try {
        let host = await startHost(dbPath);
        addCsr(dbPath);
        const leadId = await createLead(host);
        await withPage(ctx, host, `#/leads/${leadId}`, async (page) => {
          await page.waitForSelector('[data-screen="lead"]');
          // the lead's owner (this device's admin) gives the CSR a task
          await page.getByRole('region', { name: 'Tasks' }).getByRole('button', { name: 'Add task' }).click();
          const dialog = page.getByRole('dialog', { name: 'New task' });
          await dialog.getByLabel('Task').click();
          await page.keyboard.type('Send renewal documents');
          await dialog.getByLabel('Assign to').focus();
          await page.keyboard.type('Casey');
          assert((await dialog.getByLabel('Assign to').inputValue()) === CSR.id, 'the CSR picked by typing');
          await dialog.getByLabel('Priority').focus();
          await page.keyboard.type('High');
          await dialog.getByLabel('Notes').click();
          await page.keyboard.type('Client asked by phone');
          await dialog.getByRole('button', { name: 'Add task' }).click();
          await dialog.waitFor({ state: 'detached' });
          const card = page.getByRole('region', { name: 'Tasks' });
          await card.getByText('Send renewal documents').waitFor();
          assert((await card.textContent())!.includes(`for ${CSR.name}`), 'the task shows whom it is for');
          // its timeline entry names the actor
          const entry = page.getByTestId('timeline').locator('li', { hasText: 'Task: Send renewal documents' });
          await entry.waitFor();
          assert((await entry.textContent())!.includes('by Me (this device)'), 'the task entry names who made it');
          // a field edit lands in the field history with old value, new value and who
          const form = page.getByRole('form', { name: 'Lead details' });
          await form.getByLabel('Email').click();
          await page.keyboard.press('Control+A');
          await page.keyboard.type('nora.l@example.com');
          await form.getByRole('button', { name: 'Save details' }).click();
          const history = page.getByRole('region', { name: 'Field history' });
          await history.getByText('nora.l@example.com').waitFor();
          const line = (await history.locator('li').first().textContent())!;
          assert(
            line.includes('Email') && line.includes('nora@example.com') && line.includes('by Me (this device)'),
            `the history line has field, old value and who: ${line}`,
          );
          await shot(page, 'tasks-lead-page');
        });
        await host.close();

        // the same replica now acts as the CSR
        actAsCsr(dbPath);
        host = await startHost(dbPath);
        await withPage(ctx, host, '#/today', async (page) => {
          const today = page.getByTestId('today-tasks');
          await today.waitFor();
          assert((await today.textContent())!.includes('1 upcoming'), 'Today counts the CSR’s task as upcoming');
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My work' }).click();
          await page.waitForSelector('[data-screen="work"]');
          const row = page.locator('.task-row', { hasText: 'Send renewal documents' });
          await row.waitFor();
          const text = (await row.textContent())!;
          assert(
            text.includes('Nora Lindqvist') && text.includes('High'),
            `My work shows the task, its lead and priority: ${text}`,
          );
          await shot(page, 'tasks-my-work');
          await row.getByRole('button', { name: 'Done: Send renewal documents' }).click();
          await row.waitFor({ state: 'detached' });
          await page.getByRole('group', { name: 'Task status' }).getByRole('button', { name: 'Done' }).click();
          await page.locator('.task-row', { hasText: 'Send renewal documents' }).waitFor();
        });
        await host.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  ),

  test(
    'a client edit typed by keyboard shows in its field history with old value, new value and who',
    'browser',
    async (ctx) => {
      const host = await startHost();
      try {
        const leadId = await createLead(host);
        const { result } = (await host.api('mutate', {
          name: 'convertLead',
          args: { lead_id: leadId, premium: 1200 },
        })) as {
          result: { client_id: string };
        };
        await withPage(ctx, host, `#/clients/${result.client_id}`, async (page) => {
          await page.waitForSelector('[data-screen="client"]');
          const form = page.getByRole('form', { name: 'Client contact details' });
          await form.getByLabel('Occupation').click();
          await page.keyboard.type('Architect');
          await form.getByLabel('Email').click();
          await page.keyboard.press('Control+A');
          await page.keyboard.type('nora@studio.example');
          await form.getByRole('button', { name: 'Save contact details' }).click();
          const history = page.getByRole('region', { name: 'Field history' });
          await history.getByText('Architect').waitFor();
          const lines = await history.locator('li').allTextContents();
          assert(lines.length === 2, `one line per changed field: ${lines.join(' | ')}`);
          const email = lines.find((l) => l.startsWith('Email'))!;
          assert(
            email.includes('nora@example.com') &&
              email.includes('nora@studio.example') &&
              email.includes('by Me (this device)'),
            `the email line: ${email}`,
          );
          await shot(page, 'client-field-history');
        });
      } finally {
        await host.close();
      }
    },
  ),
];
