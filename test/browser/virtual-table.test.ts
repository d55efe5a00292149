// The Leads table hands the DOM rows that scroll out of view to the rows that scroll in (slots):
// these tests check that what is on screen is still exactly the list, row for row.
import type { Page } from 'playwright-core';
import { assert, assertNoProblems, openPage, seedLeads, startHost } from './harness';
import { test } from './suite';

const ROW_HEIGHT = 32;

interface ShownRow {
  rowIndex: number;
  top: number;
  name: string;
}

/** Every row in the DOM with its aria-rowindex, its on-screen offset and its name. */
async function shownRows(page: Page): Promise<ShownRow[]> {
  // A string, so the page's own DOM types are used (this file is type-checked for Node).
  return page.evaluate(`[...document.querySelectorAll('.vt-row')].map((r) => ({
    rowIndex: Number(r.getAttribute('aria-rowindex')),
    top: new DOMMatrix(getComputedStyle(r).transform).m42,
    name: r.querySelector('.name-cell')?.textContent ?? '',
  }))`);
}

/**
 * Scrolls in steps, then waits until the rows drawn are the ones at the scroll position, as a
 * person waits for the screen to settle: the table renders scroll updates asynchronously, and on
 * a loaded CI machine a fixed pause once read the rows of an earlier position.
 */
async function scrollBy(page: Page, px: number, steps: number) {
  for (let i = 0; i < steps; i++) {
    await page.evaluate(`document.querySelector('.vt').scrollTop += ${px}`);
    await page.waitForTimeout(30);
  }
  await page.waitForFunction(
    `(() => {
      const top = Math.floor(document.querySelector('.vt').scrollTop / ${ROW_HEIGHT});
      const first = Math.min(...[...document.querySelectorAll('.vt-row')].map((r) => Number(r.getAttribute('aria-rowindex')))) - 2;
      return first <= top && first >= top - 12;
    })()`,
    undefined,
    { timeout: 10_000 },
  );
}

export const tests = [
  test(
    'scrolling the Leads table far and back shows every row in its place, with its own data',
    'browser',
    async (ctx) => {
      const host = await startHost();
      try {
        await seedLeads(host, 260);
        // The table's default order (updated_at, newest first), straight from the API.
        const { items } = await host.api('leads.list', { sort: 'updated_at', dir: 'desc', limit: 500 });
        assert(items.length === 260, `260 leads listed, got ${items.length}`);
        const { page, problems } = await openPage(ctx.browser, host, '#/leads');
        await page.waitForSelector('.vt-row');
        const check = async (when: string) => {
          const rows = (await shownRows(page)).sort((a, b) => a.rowIndex - b.rowIndex);
          assert(rows.length > 10, `${when}: rows are shown`);
          rows.forEach((r, i) => {
            const index = r.rowIndex - 2; // the header is row 1
            if (i > 0)
              assert(
                r.rowIndex === rows[i - 1]!.rowIndex + 1,
                `${when}: row indexes run without gaps (${rows[i - 1]!.rowIndex} then ${r.rowIndex})`,
              );
            assert(
              r.top === index * ROW_HEIGHT,
              `${when}: row ${index} sits at ${index * ROW_HEIGHT}px, not ${r.top}px`,
            );
            assert(r.name === items[index]!.name, `${when}: row ${index} shows ${items[index]!.name}, not ${r.name}`);
          });
          return rows;
        };
        const top = await check('at the top');
        assert(top[0]!.rowIndex === 2, 'the first row is shown at the top');
        // The table holds the first page of 100 rows and loads the next near its end: wait for it
        // (aria-rowcount counts the header), as a person scrolling would, then go on to 5,000 px.
        await scrollBy(page, 250, 12);
        await page.waitForSelector('.vt[aria-rowcount="201"]', { timeout: 10_000 });
        await scrollBy(page, 250, 8);
        const middle = await check('after scrolling down');
        assert(middle[0]!.rowIndex > 100, `scrolled past row 100 (first shown ${middle[0]!.rowIndex})`);
        await scrollBy(page, -170, 25);
        await check('after scrolling back up');

        // A reused <time> must describe its new row: the hover title follows the row's own date.
        const cell = page.locator('.vt-row time').first();
        await cell.hover();
        const title = async () =>
          cell.evaluate((el) => ({
            title: el.getAttribute('title'),
            expected: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
              new Date(el.getAttribute('datetime')!),
            ),
          }));
        const first = await title();
        assert(first.title === first.expected, `hover shows the exact time (${first.title} vs ${first.expected})`);
        await page.mouse.move(0, 0);
        await scrollBy(page, 320, 6);
        await cell.hover();
        const after = await title();
        assert(
          after.title === after.expected,
          `after recycling, hover shows this row's time (${after.title} vs ${after.expected})`,
        );
        assertNoProblems(problems);
        await page.context().close();
      } finally {
        await host.close();
      }
    },
  ),
];
