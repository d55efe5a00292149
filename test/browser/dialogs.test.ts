// Dialogs as a person uses them with the keyboard: typing stays in the field it started in,
// a dialog opens on its first field, and Tab never leaves it (issue #13, defects 1 and 2).
import type { Page } from 'playwright-core';
import { assert, assertNoProblems, openPage, startHost } from './harness';
import { test, type TestContext } from './suite';
import { expect } from '@playwright/test';

async function withPage(ctx: TestContext, hash: string, body: (page: Page) => Promise<void>) {
  const host = await startHost();
  try {
    const { page, problems } = await openPage(ctx.browser, host, hash);
    try {
      await body(page);
      assertNoProblems(problems);
    } finally {
      await page.context().close();
    }
  } finally {
    await host.close();
  }
}

/** The accessible name of the focused element's field, or its tag when it has none. */
const focusedName = async (page: Page) =>
  String(
    await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el) return 'nothing';
      const label = el.id ? document.querySelector('label[for="' + el.id + '"]') : null;
      const name = label?.textContent ?? el.getAttribute('aria-label') ?? (el.tagName === 'BUTTON' ? el.textContent : el.tagName);
      return (name ?? '').replace(' *', '').trim();
    })()`),
  );

export const tests = [
  test('dialogs: New lead opens on First name and typed names stay in their fields', 'browser', async (ctx) =>
    withPage(ctx, '#/leads', async (page) => {
      await page.getByTitle('New lead (N)').click();
      const dialog = page.getByRole('dialog', { name: 'New lead' });
      await dialog.waitFor();
      assert((await focusedName(page)) === 'First name', `focus opens on ${await focusedName(page)}`);
      const insurance = await dialog.getByLabel('Insurance').inputValue();
      await dialog.getByLabel('First name').click();
      await page.keyboard.type('José');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Álvarez-Núñez');
      assert((await dialog.getByLabel('First name').inputValue()) === 'José', 'the first name is what was typed');
      assert(
        (await dialog.getByLabel('Last name').inputValue()) === 'Álvarez-Núñez',
        `the last name is what was typed: "${await dialog.getByLabel('Last name').inputValue()}"`,
      );
      assert((await focusedName(page)) === 'Last name', 'focus stayed in the field being typed in');
      assert((await dialog.getByLabel('Type').inputValue()) === 'individual', 'typing did not change Type');
      assert((await dialog.getByLabel('Insurance').inputValue()) === insurance, 'typing did not change Insurance');
      await dialog.getByLabel('First name').click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Bob');
      assert((await dialog.getByLabel('First name').inputValue()) === 'José Bob', 'a second click and typing works');
      await dialog.getByRole('button', { name: 'Create lead' }).click();
      await page.waitForSelector('[data-screen="lead"]');
      assert(
        (await page.getByTestId('record-name').textContent()) === 'José Bob Álvarez-Núñez',
        'the lead was created with the typed name',
      );
    }),
  ),

  test('dialogs: Tab and Shift+Tab stay inside an open dialog; Escape closes it', 'browser', async (ctx) =>
    withPage(ctx, '#/leads', async (page) => {
      await page.getByTitle('New lead (N)').click();
      const dialog = page.getByRole('dialog', { name: 'New lead' });
      await dialog.waitFor();
      const inside = () => page.evaluate(`!!document.activeElement?.closest('[role="dialog"]')`);
      const seen = new Set<string>();
      for (let i = 0; i < 16; i++) {
        await page.keyboard.press('Tab');
        assert(await inside(), `Tab ${i + 1} left the dialog for ${await focusedName(page)}`);
        seen.add(await focusedName(page));
      }
      assert(seen.has('Create lead') && seen.has('Type'), `Tab went round the dialog: ${[...seen].join(', ')}`);
      for (let i = 0; i < 16; i++) {
        await page.keyboard.press('Shift+Tab');
        assert(await inside(), `Shift+Tab ${i + 1} left the dialog for ${await focusedName(page)}`);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // Focus goes back as the dialog finishes closing, which can be a frame after it left the page.
      await expect(page.locator(':focus'))
        .toContainText('New lead', { timeout: 2000 })
        .catch(() => undefined);
      assert((await focusedName(page)) === 'New lead', 'focus went back to the button that opened the dialog');
    }),
  ),
];
