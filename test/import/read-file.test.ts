import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, openTableFile, type FileRow } from '../../electron/main/import/read-file';

const dir = mkdtempSync(join(tmpdir(), 'fieldline-read-'));
let n = 0;
function file(bytes: Buffer | string, ext = '.csv') {
  const p = join(dir, `f${n++}${ext}`);
  writeFileSync(p, bytes);
  return p;
}
async function readAll(path: string) {
  const t = await openTableFile(path);
  const rows: FileRow[] = [];
  for await (const r of t.rows) rows.push(r);
  return { ...t, rows };
}

describe('reading CSV files as streams', () => {
  it('reads Windows-1252 with accents and semicolons', async () => {
    const text = 'Nom;Prénom;Ville\r\nÁlvarez;José;Curaçao\r\nMüller;Zoë;Köln\r\n';
    const t = await readAll(file(iconv.encode(text, 'windows-1252')));
    expect([t.encoding, t.delimiter]).toEqual(['windows-1252', ';']);
    expect(t.headers).toEqual(['Nom', 'Prénom', 'Ville']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['Álvarez', 'José', 'Curaçao'] },
      { row: 3, cells: ['Müller', 'Zoë', 'Köln'] },
    ]);
  });

  it('reads UTF-8 with a BOM, quoted newlines and ragged rows', async () => {
    const text = '\ufeffName,Note\n"Silva, Ana","line one\nline two"\nLee\nKim,x,extra\n';
    const t = await readAll(file(text));
    expect([t.encoding, t.delimiter]).toEqual(['utf8', ',']);
    expect(t.headers).toEqual(['Name', 'Note']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['Silva, Ana', 'line one\nline two'] },
      { row: 3, cells: ['Lee'] },
      { row: 4, cells: ['Kim', 'x', 'extra'] },
    ]);
  });

  it('reads UTF-16 with and without a mark, tab- and pipe-delimited', async () => {
    const text = 'First\tLast\nZoë\tÅberg\n';
    const le = await readAll(file(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')])));
    expect([le.encoding, le.delimiter, le.rows[0]!.cells]).toEqual(['utf16le', '\t', ['Zoë', 'Åberg']]);
    const bare = await readAll(file(iconv.encode('A|B\n1|2\n', 'utf16le')));
    expect([bare.encoding, bare.delimiter, bare.headers]).toEqual(['utf16le', '|', ['A', 'B']]);
  });

  it('picks the delimiter the lines agree on, not one inside quotes', () => {
    expect(detectDelimiter('"a,b";c\n"d,e";f\n')).toBe(';');
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
  });
});

describe('reading XLSX workbooks as streams', () => {
  it('reads the first sheet: text, numbers, dates and formula results', async () => {
    const path = join(dir, 'book.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = wb.addWorksheet('Clients');
    ws.addRow(['Name', 'DOB', 'Premium', 'Total']).commit();
    ws.addRow(['Ana Silva', new Date(Date.UTC(1985, 2, 14)), 1234.5, { formula: 'C2*2', result: 2469 }]).commit();
    ws.addRow([]).commit();
    ws.addRow(['Zoë Åberg', null, 10, null]).commit();
    await wb.commit();
    const t = await readAll(path);
    expect(t.format).toBe('xlsx');
    expect(t.headers).toEqual(['Name', 'DOB', 'Premium', 'Total']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['Ana Silva', '1985-03-14', '1234.5', '2469'] },
      { row: 4, cells: ['Zoë Åberg', '', '10', ''] },
    ]);
  });
});
