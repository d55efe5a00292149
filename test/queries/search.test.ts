/** Global search on a real replica: every indexed kind, prefixes, snippets, deletes, and hostile text. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../shared/api/types';
import { searchAll } from '../../db/queries/search';
import { ftsQuery } from '../../db/queries/fts';
import { call, COMM, createLead, mutate, useApp } from './support';

const ctx = useApp();
const rec: Record<string, string> = {};

beforeAll(async () => {
  const app = ctx.app;
  rec.lead = (
    await createLead(app, {
      first_name: 'Zebulon',
      last_name: 'Quixote',
      email: 'zeb@example.test',
      phone: '555 010 7788',
    })
  ).id;
  rec.business = (
    await createLead(app, {
      lead_type: 'business',
      business_name: 'Marigold Bakery',
      first_name: null,
      last_name: null,
    })
  ).id;
  const toConvert = (await createLead(app, { first_name: 'Octavia', last_name: 'Vanderbilt' })).id;
  rec.note = (
    await mutate(app, 'addNote', {
      lead_id: rec.lead,
      body: 'Customer owns a vintage Thunderbird and wants agreed-value coverage.',
    })
  ).id;
  rec.comm = (
    await mutate(app, 'logCommunication', {
      lead_id: rec.lead,
      communication_type_id: COMM.call,
      subject: 'Renewal discussion',
      body: 'Talked about the kaleidoscope of discounts: multi-policy, telematics and paperless.',
    })
  ).id;
  rec.ticket = (
    await mutate(app, 'createTicket', {
      lead_id: rec.lead,
      subject: 'Certificate request',
      description: 'Needs a certificate for the landlord Pemberton.',
    })
  ).id;
  rec.contact = (
    await mutate(app, 'addContact', {
      lead_id: rec.business,
      first_name: 'Ingrid',
      last_name: 'Halvorsen',
      company: 'Marigold Bakery',
      job_title: 'Owner',
    })
  ).id;
  rec.client = (await mutate(app, 'convertLead', { lead_id: toConvert })).client_id;
  rec.converted = toConvert;
  rec.gone = (await mutate(app, 'addNote', { lead_id: rec.lead, body: 'Obsidian ledger entry, to be deleted.' })).id;
  rec.goneLead = (await createLead(app, { first_name: 'Ephemeral', last_name: 'Wraithmoor' })).id;
});

const search = (text: string, limit?: number) => call(ctx.app, 'search.global', { text, ...(limit ? { limit } : {}) });
const hitText = (r: SearchResult) => r.snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase());

describe('global search', () => {
  it('finds each kind of record, with the record to open', async () => {
    const cases: Array<[string, SearchResult['kind'], string, Partial<SearchResult>]> = [
      ['Quixote', 'lead', rec.lead!, { lead_id: rec.lead!, title: 'Zebulon Quixote' }],
      ['Marigold', 'lead', rec.business!, { title: 'Marigold Bakery' }],
      ['Vanderbilt', 'client', rec.client!, { client_id: rec.client!, lead_id: null, title: 'Octavia Vanderbilt' }],
      ['Halvorsen', 'contact', rec.contact!, { lead_id: rec.business!, title: 'Ingrid Halvorsen' }],
      ['Thunderbird', 'note', rec.note!, { lead_id: rec.lead!, title: 'Note' }],
      ['kaleidoscope', 'communication', rec.comm!, { lead_id: rec.lead!, title: 'Renewal discussion' }],
      ['Pemberton', 'ticket', rec.ticket!, { lead_id: rec.lead!, title: 'Certificate request' }],
    ];
    for (const [text, kind, id, fields] of cases) {
      const results = await search(text);
      const found = results.find((r) => r.kind === kind && r.id === id);
      expect(found, `${text} → ${kind}`).toMatchObject({ kind, id, ...fields });
    }
  });

  it('the converted lead is found as a lead and as its client', async () => {
    const results = await search('Octavia');
    expect(results.map((r) => r.kind).sort()).toEqual(['client', 'lead']);
    expect(results.find((r) => r.kind === 'lead')).toMatchObject({ id: rec.converted, client_id: rec.client });
  });

  it('matches word prefixes, case- and accent-insensitively, all words', async () => {
    for (const text of ['zeb', 'ZEBU', 'quix', 'Zébulon', 'zebulon qui']) {
      expect(
        (await search(text)).some((r) => r.id === rec.lead),
        text,
      ).toBe(true);
    }
    expect(await search('zebulon vanderbilt')).toEqual([]);
    expect(await search('ebulon')).toEqual([]);
    expect((await search('thund')).map((r) => r.id)).toEqual([rec.note]);
    expect((await search('555')).some((r) => r.id === rec.lead)).toBe(true);
  });

  it('names rank before free text', async () => {
    const ticket = await mutate(ctx.app, 'createTicket', { lead_id: rec.lead, subject: 'Marigold invoice' });
    const results = await search('marigold');
    expect(
      results
        .slice(0, 2)
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['contact', 'lead']);
    expect(results.slice(2)).toMatchObject([{ kind: 'ticket', id: ticket.id, title: 'Marigold invoice' }]);
    await mutate(ctx.app, 'softDelete', { table: 'support_tickets', id: ticket.id });
  });

  it('snippets are plain segments that highlight the hit', async () => {
    const [note] = await search('thunder');
    expect(note!.snippet.map((s) => s.text).join('')).toContain('vintage Thunderbird and');
    expect(hitText(note!)).toEqual(['thunderbird']);
    const [comm] = await search('telematics');
    expect(hitText(comm!)).toEqual(['telematics']);
    const lead = (await search('zebulon quixote')).find((r) => r.id === rec.lead)!;
    expect(hitText(lead)).toEqual(['zebulon', 'quixote']);
    for (const r of [note!, comm!, lead]) {
      for (const s of r.snippet) expect(Object.keys(s).sort()).toEqual(['hit', 'text']);
      expect(r.snippet.some((s) => s.hit)).toBe(true);
    }
  });

  it('a long text shows an excerpt around the hit', async () => {
    const body = `${'filler words here '.repeat(40)}the zanzibar clause ${'more trailing text '.repeat(40)}`;
    const note = await mutate(ctx.app, 'addNote', { lead_id: rec.lead, body });
    const [r] = await search('zanzibar');
    expect(r).toMatchObject({ kind: 'note', id: note.id });
    expect(r!.snippet[0]).toEqual({ text: '…', hit: false });
    expect(r!.snippet.at(-1)).toEqual({ text: '…', hit: false });
    expect(hitText(r!)).toEqual(['zanzibar']);
    expect(r!.snippet.map((s) => s.text).join('').length).toBeLessThan(200);
  });

  it('soft-deleted records disappear, and come back when restored', async () => {
    expect((await search('obsidian')).map((r) => r.id)).toEqual([rec.gone]);
    expect((await search('wraithmoor')).map((r) => r.id)).toEqual([rec.goneLead]);
    await mutate(ctx.app, 'softDelete', { table: 'lead_notes', id: rec.gone });
    await mutate(ctx.app, 'softDelete', { table: 'leads', id: rec.goneLead });
    expect(await search('obsidian')).toEqual([]);
    expect(await search('wraithmoor')).toEqual([]);
    await mutate(ctx.app, 'restore', { table: 'lead_notes', id: rec.gone });
    expect((await search('obsidian')).map((r) => r.id)).toEqual([rec.gone]);
  });

  it('follows edits: an old name is no longer found, the new one is', async () => {
    await mutate(ctx.app, 'updateContact', { id: rec.contact, patch: { last_name: 'Lindqvist' } });
    expect(await search('halvorsen')).toEqual([]);
    expect((await search('lindqvist')).map((r) => r.id)).toEqual([rec.contact]);
  });

  it('respects the limit', async () => {
    for (let i = 0; i < 5; i++) await mutate(ctx.app, 'addNote', { lead_id: rec.lead, body: `Quillfeather memo ${i}` });
    expect(await search('quillfeather', 3)).toHaveLength(3);
    expect(await search('quillfeather')).toHaveLength(5);
  });
});

/** User text that FTS5 would read as syntax, or that has no words at all. */
const HOSTILE = [
  '"',
  '""',
  '"zebulon',
  'zebulon"',
  '"zebulon quixote"',
  '*',
  'zeb*',
  '**zeb',
  'NEAR(',
  'NEAR(zebulon quixote)',
  'NEAR(zebulon, 5',
  'zebulon OR quixote',
  'OR',
  'AND',
  'NOT',
  'zebulon AND',
  'AND zebulon',
  'zebulon NOT quixote',
  '-',
  '-zebulon',
  'zebulon -quixote',
  'title:zebulon',
  ':',
  'detail:',
  '^',
  '^zebulon',
  '(',
  ')',
  '((zebulon',
  'zebulon)',
  '{title detail}: zeb',
  '+',
  'a + b',
  '',
  ' ',
  '\t\n',
  '!!!',
  '...',
  '?',
  "'",
  "O'Brien",
  '\\',
  '\u0000',
  '%',
  '_',
  ';DROP TABLE leads;--',
  '🙂',
  '\u0301',
  'ʰ',
  'Ꟁ',
  `${'zeb '.repeat(20)}`,
  'x'.repeat(500),
  '"'.repeat(500),
  'NEAR('.repeat(100),
];

describe('hostile search text', () => {
  it('never throws and never errors, through the API and directly', async () => {
    for (const text of HOSTILE) {
      const r = (await ctx.app.dispatch('search.global', { text })) as {
        ok: boolean;
        value?: SearchResult[];
        error?: unknown;
      };
      expect(r, JSON.stringify(text)).toMatchObject({ ok: true });
      expect(Array.isArray(r.value)).toBe(true);
      expect(() => searchAll(ctx.app.db, text), JSON.stringify(text)).not.toThrow();
    }
  });

  it('returns [] for text without words, and sensible hits otherwise', async () => {
    for (const text of ['', ' ', '"', '*', '(', ')', '-', ':', '^', '+', '!!!', '🙂', '"'.repeat(500)]) {
      expect(await search(text), JSON.stringify(text)).toEqual([]);
    }
    for (const text of [
      '"zebulon',
      'zebulon"',
      'zeb*',
      '-zebulon',
      '^zebulon',
      '((zebulon',
      'zebulon)',
      'zebulon:',
      '(zebulon (',
    ]) {
      expect(
        (await search(text)).some((r) => r.id === rec.lead),
        JSON.stringify(text),
      ).toBe(true);
    }
    // Operators are plain words that must match too: they never widen or change the search.
    expect(await search('zebulon OR vanderbilt')).toEqual([]);
    expect(await search('NEAR(zebulon quixote)')).toEqual([]);
    expect(await search('title:zebulon')).toEqual([]);
  });

  it('the FTS query quotes every word', () => {
    expect(ftsQuery('NEAR(a "b" OR c*')).toBe('"near"* "a"* "b"* "or"* "c"*');
    expect(ftsQuery('-- ^ : ()')).toBeNull();
  });

  it('the other text filters accept the same text', async () => {
    for (const text of HOSTILE.filter((t) => t.length <= 200)) {
      for (const command of [
        'leads.list',
        'leads.kanban',
        'clients.list',
        'contacts.list',
        'tickets.list',
        'campaigns.list',
      ] as const) {
        const r = await ctx.app.dispatch(command, { text });
        expect(r, `${command} ${JSON.stringify(text)}`).toMatchObject({ ok: true });
      }
    }
    expect((await call(ctx.app, 'clients.list', { text: 'vander' })).map((c) => c.id)).toEqual([rec.client]);
    expect((await call(ctx.app, 'contacts.list', { text: '"lindq' })).map((c) => c.id)).toEqual([rec.contact]);
    expect((await call(ctx.app, 'tickets.list', { text: '"pemberton*' })).map((c) => c.id)).toEqual([rec.ticket]);
  });
});
