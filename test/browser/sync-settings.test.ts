// Settings → Sync: signing in (to no server, to a bad address, to a stand-in gateway) and out.
import { createServer } from 'node:http';
import type { Page } from 'playwright-core';
import { fakeGateway, fillSignIn, listen, PASSWORD } from './fake-gateway';
import { assert, shot, type Host, typeInto, withHost } from './harness';
import { test, type TestContext } from './suite';

/** A fresh host with the page on Settings (harness.ts withHost). */
const withSettings = (ctx: TestContext, body: (page: Page, host: Host) => Promise<void>) =>
  withHost(ctx, body, '#/settings');

/** A port nothing listens on: signing in there fails like an unplugged network. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const tests = [
  test(
    'signing in to an unreachable server shows a clear error and keeps the typed server and email',
    'browser',
    async (ctx) =>
      withSettings(ctx, async (page) => {
        const server = `http://127.0.0.1:${await closedPort()}`;
        const form = await fillSignIn(page, server, 'dana@agency.test', PASSWORD);
        const banner = page.getByTestId('sign-in-error');
        await banner.waitFor();
        const text = (await banner.textContent()) ?? '';
        assert(text.startsWith(`Could not sign in to ${server}`), `the banner names the server: ${text}`);
        assert(/could not be reached/i.test(text), `the banner says what to check: ${text}`);
        assert((await form.locator('.field-error').count()) === 0, 'no field is blamed for a network failure');
        assert((await form.getByLabel('Server address').inputValue()) === server, 'the server address is kept');
        assert((await form.getByLabel('Email').inputValue()) === 'dana@agency.test', 'the email is kept');
        const stored = String(await page.evaluate('JSON.stringify({ ...localStorage })'));
        assert(!stored.includes(PASSWORD), 'the password is never written to localStorage');
        await shot(page, 'sync-sign-in-unreachable');
      }),
  ),

  test('an invalid server address shows the inline error on the server field', 'browser', async (ctx) =>
    withSettings(ctx, async (page) => {
      const form = await fillSignIn(page, 'crm agency com', 'dana@agency.test', PASSWORD);
      const field = form.locator('.field', { has: page.locator('[name="server"]') });
      await field.locator('.field-error').waitFor();
      const text = (await field.locator('.field-error').textContent()) ?? '';
      assert(text.includes('web address'), `the error is on the server field: ${text}`);
      assert((await page.getByTestId('sign-in-error').count()) === 0, 'no banner for a field error');
      assert((await form.getByLabel('Email').inputValue()) === 'dana@agency.test', 'the email is kept');
      await shot(page, 'sync-sign-in-invalid-url');
      await typeInto(form.getByLabel('Server address'), 'https://crm.agency.test');
      assert((await field.locator('.field-error').count()) === 0, 'typing clears the field error');
    }),
  ),

  test('signing in shows the server, user and role, and signing out returns to the form', 'browser', async (ctx) => {
    const gateway = await fakeGateway();
    try {
      await withSettings(ctx, async (page, host) => {
        await fillSignIn(page, gateway.url, 'dana@agency.test', 'wrong');
        await page.getByTestId('sign-in-error').getByText('the email or password is wrong').waitFor();
        const form = await fillSignIn(page, gateway.url, 'dana@agency.test', PASSWORD);
        const session = page.getByTestId('sync-session');
        await session.waitFor();
        const text = (await session.textContent()) ?? '';
        assert(
          text.includes(gateway.url) && text.includes('Dana Whitfield (dana@agency.test)') && text.includes('Manager'),
          `session shown: ${text}`,
        );
        assert(text.includes('Waiting to sync') && text.includes('Rejected'), 'pending and rejected counts shown');
        assert((await form.count()) === 0, 'the form is gone while signed in');
        const status = await host.api('sync.status', {});
        assert(status.configured && status.user?.role === 'manager', 'the replica is signed in');
        await shot(page, 'sync-signed-in');
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('form', { name: 'Sign in to the agency server' }).waitFor();
        assert(!(await host.api('sync.status', {})).configured, 'signed out in the replica');
        const stored = String(await page.evaluate('JSON.stringify({ ...localStorage })'));
        assert(!stored.includes(PASSWORD), 'the password is never written to localStorage');
      });
    } finally {
      await gateway.close();
    }
  }),

  test('sign-in: an unreachable server’s error gives its advice once', 'browser', async (ctx) =>
    withSettings(ctx, async (page) => {
      const server = `http://127.0.0.1:${await closedPort()}`;
      const form = page.getByRole('form', { name: 'Sign in to the agency server' });
      await form.getByLabel('Server address').click();
      await page.keyboard.type(server);
      await page.keyboard.press('Tab');
      await page.keyboard.type('dana@agency.test');
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      const banner = page.getByTestId('sign-in-error');
      await banner.waitFor();
      const text = (await banner.textContent()) ?? '';
      const advice = text.match(/check the address/gi) ?? [];
      assert(advice.length === 1, `the advice is given once: ${text}`);
      assert(/online/i.test(text) && /try again/i.test(text), `it says what to do: ${text}`);
    }),
  ),
];
