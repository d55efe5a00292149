// Semantic search as a person meets it: the Ask box on a lead answers with citations that open the
// cited records, Similar records and Ctrl+K find a paraphrase keyword search cannot, the Ask box on
// a policy answers from the term and its client's records, and with no provider Ctrl+K says
// semantic search is off while keyword search still finds the lead.
import { CARRIER_SEEDS, communicationTypeByCode, insuranceTypeByCode } from '../../shared/lookups';
import { startFakeOpenAI } from '../ai/fake-openai';
import { expect } from '@playwright/test';
import {
  assert,
  assertNoProblems,
  openPage,
  plantClientPolicy,
  shot,
  startHost,
  type Host,
  typeInto,
  useFakeSemantic,
} from './harness';
import { test } from './suite';

async function plantLead(host: Host, first: string, last: string, note: string) {
  const res = (await host.api('mutate', {
    name: 'createLead',
    args: { first_name: first, last_name: last, insurance_type_id: insuranceTypeByCode('home').id },
  })) as { result: { id: string } };
  await host.api('mutate', {
    name: 'logCommunication',
    args: {
      lead_id: res.result.id,
      communication_type_id: communicationTypeByCode('call').id,
      subject: 'Call',
      body: note,
    },
  });
  return res.result.id;
}

export const tests = [
  test(
    'semantic search: Ask on a lead answers with clickable citations; similar records and Ctrl+K find a paraphrase',
    'browser',
    async (ctx) => {
      const fake = await startFakeOpenAI();
      const host = await startHost();
      try {
        const maria = await plantLead(
          host,
          'Maria',
          'Delgado',
          'Worried about the deductible after hail broke shingles.',
        );
        const james = await plantLead(host, 'James', 'Okafor', 'The hailstorm damaged his roof; wants a claim.');
        await useFakeSemantic(host, fake.url);
        // The model answers citing the first source it was given (the ids are in the prompt).
        fake.fallback = (req) => {
          const ids = [...req.text.matchAll(/id=([0-9a-f-]{36})/g)].map((m) => m[1]!);
          return {
            kind: 'answer',
            content: { answer: 'She is worried about her deductible.', citations: ids.slice(0, 1) },
          };
        };
        const { page, problems } = await openPage(ctx.browser, host, `#/leads/${maria}`);
        try {
          const askBox = page.getByRole('region', { name: 'Ask' });
          await typeInto(askBox.getByLabel('Question about this record'), 'What is she worried about?');
          await page.keyboard.press('Enter');
          const answer = askBox.getByTestId('ask-answer');
          await answer.getByText('She is worried about her deductible.').waitFor();
          const citation = answer.getByRole('list', { name: 'Citations' }).getByRole('button').first();
          assert(((await citation.textContent()) ?? '').includes('[1]'), 'the citation is numbered');
          const chat = fake.requests.find((r) => r.path.startsWith('/v1/chat'));
          assert(chat && !chat.text.includes('Okafor'), 'only this lead’s records were sent to the model');
          await shot(page, 'semantic-ask');

          // The citation is a button that opens the record it cites (Maria's call, on her page).
          assert((await citation.getAttribute('data-result-id')) !== null, 'the citation names its record');
          await citation.click();
          await expect(page).toHaveURL(new RegExp(`#/leads/${maria}$`));

          // Similar records: James's call reads like Maria's (hail, roof), and opens his lead.
          const similar = page.getByRole('region', { name: 'Similar records' });
          await similar.getByRole('button', { name: /Call/ }).first().click();
          await page.waitForSelector(`[data-screen="lead"][data-lead-id="${james}"]`);

          // Ctrl+K: "roof damage" is in no note, but the hail calls mean it.
          await page.keyboard.press('Control+k');
          const palette = page.getByRole('dialog', { name: 'Search and commands' });
          await typeInto(palette.getByRole('combobox', { name: 'Search' }), 'roof damage');
          await palette.getByText('Semantic matches').waitFor();
          const match = palette.getByRole('option', { name: /hail broke shingles/ });
          await match.waitFor();
          await shot(page, 'semantic-palette');
          await match.click();
          await page.waitForSelector(`[data-screen="lead"][data-lead-id="${maria}"]`);

          // Settings → AI names the embedding model and how far the index is.
          await page.getByRole('link', { name: 'Settings' }).click();
          const form = page.getByRole('form', { name: 'AI assistant' });
          assert(
            (await form.getByLabel('Embedding model (semantic search)').inputValue()) === 'fake-embed',
            'the embedding model is shown',
          );
          await form
            .getByRole('status', { name: 'Semantic index' })
            .getByText(/up to date · \d+ passages embedded with fake-embed/)
            .waitFor();
          assertNoProblems(problems);
        } finally {
          await page.context().close();
        }
      } finally {
        await host.close();
        await fake.close();
      }
    },
  ),

  test(
    'Ask on a policy page: type a question, press Ask, read the answer, and a citation opens the cited record',
    'browser',
    async (ctx) => {
      const fake = await startFakeOpenAI();
      const host = await startHost();
      try {
        const { clientId, policyId } = await plantClientPolicy(
          host,
          'Lindqvist',
          'HO-7781',
          'Wants a higher hail deductible at renewal to bring the premium down.',
        );
        const other = await plantClientPolicy(host, 'Moreau', 'HO-9902', 'Asked about flood cover for the basement.');
        await useFakeSemantic(host, fake.url);
        // The model cites the term's facts and the client's note (the ids are in the prompt).
        fake.fallback = (req) => {
          const ids = [...req.text.matchAll(/id=([0-9a-f-]{36})/g)].map((m) => m[1]!);
          return {
            kind: 'answer',
            content: { answer: 'A higher hail deductible, to lower the $1,420 premium.', citations: ids.slice(0, 2) },
          };
        };
        const { page, problems } = await openPage(ctx.browser, host, `#/policies/${policyId}`);
        try {
          await page.waitForSelector(`[data-screen="policy"][data-policy-id="${policyId}"]`);
          const askBox = page.getByRole('region', { name: 'Ask' });
          await typeInto(askBox.getByLabel('Question about this record'), 'What does she want at renewal?');
          await askBox.getByRole('button', { name: 'Ask', exact: true }).click();
          const answer = askBox.getByTestId('ask-answer');
          await answer.getByText('A higher hail deductible, to lower the $1,420 premium.').waitFor();
          const citations = answer.getByRole('list', { name: 'Citations' }).getByRole('button');
          assert((await citations.count()) === 2, 'the term and the note are cited');
          assert(((await citations.nth(0).textContent()) ?? '').includes('HO-7781'), 'citation [1] is the term');
          const chat = fake.requests.find((r) => r.path.startsWith('/v1/chat'));
          assert(chat, 'the question reached the model');
          for (const fact of [CARRIER_SEEDS[0]!.name, '2027-03-01', '$1,420.00'])
            assert(chat.text.includes(fact), `the term's facts were sent: ${fact}`);
          assert(!chat.text.includes('flood'), 'only this client’s records were sent to the model');
          await shot(page, 'semantic-ask-policy');

          // Citation [2] is the client's note: it opens the client's page.
          const note = citations.nth(1);
          assert(((await note.textContent()) ?? '').includes('[2]'), 'the citation is numbered');
          await note.click();
          await page.waitForSelector(`[data-screen="client"][data-client-id="${clientId}"]`);
          assert(page.url().endsWith(`#/clients/${clientId}`), 'the citation landed on the cited record');

          // Back on the policy, then on to another client's policy: its Ask box starts empty,
          // not with the answer about the first one.
          await page.goBack();
          await page.waitForSelector(`[data-screen="policy"][data-policy-id="${policyId}"]`);
          await typeInto(askBox.getByLabel('Question about this record'), 'And the premium?');
          await askBox.getByRole('button', { name: 'Ask', exact: true }).click();
          await askBox.getByTestId('ask-answer').waitFor();
          await page.goto(`${host.url}/#/policies/${other.policyId}`);
          await page.waitForSelector(`[data-screen="policy"][data-policy-id="${other.policyId}"]`);
          assert(
            (await page.getByRole('region', { name: 'Ask' }).getByTestId('ask-answer').count()) === 0,
            'no stale answer',
          );
          assert(
            (await page.getByRole('region', { name: 'Ask' }).getByLabel('Question about this record').inputValue()) ===
              '',
            'the question box is empty on another policy',
          );
          assertNoProblems(problems);
        } finally {
          await page.context().close();
        }
      } finally {
        await host.close();
        await fake.close();
      }
    },
  ),

  test('semantic search off: Ctrl+K says so, and keyword search still finds the lead', 'browser', async (ctx) => {
    const host = await startHost();
    try {
      const maria = await plantLead(host, 'Maria', 'Delgado', 'Worried about the deductible.');
      const { page, problems } = await openPage(ctx.browser, host, '#/leads');
      try {
        await page.waitForSelector('[data-screen="leads"]');
        await page.keyboard.press('Control+k');
        const palette = page.getByRole('dialog', { name: 'Search and commands' });
        await typeInto(palette.getByRole('combobox', { name: 'Search' }), 'Delgado');
        await palette.getByText('Semantic search is off — set an embedding model in Settings → AI.').waitFor();
        assert((await palette.getByText('Semantic matches').count()) === 0, 'no semantic section when off');
        await palette
          .getByRole('option', { name: /Maria Delgado/ })
          .first()
          .waitFor();
        await shot(page, 'semantic-off-palette');
        await page.keyboard.press('Enter');
        await page.waitForSelector(`[data-screen="lead"][data-lead-id="${maria}"]`);
        // The lead page's Ask box, with no provider, answers with the reason rather than a crash.
        const askBox = page.getByRole('region', { name: 'Ask' });
        await typeInto(askBox.getByLabel('Question about this record'), 'Anything about the deductible?');
        await page.keyboard.press('Enter');
        await askBox.getByText(/Semantic search is off/).waitFor();
        assertNoProblems(problems);
      } finally {
        await page.context().close();
      }
    } finally {
      await host.close();
    }
  }),
];
