import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../../shared/errors';

/** One data row of a file: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface FileRow {
  row: number;
  cells: string[];
}

export interface TableFile {
  format: 'csv' | 'xlsx';
  encoding?: string;
  delimiter?: string;
  headers: string[];
  /** Data rows in order, read as a stream: the file is never held whole in memory. */
  rows: AsyncIterable<FileRow>;
  close(): void;
}

export const DELIMITERS = [',', ';', '\t', '|'] as const;
const SAMPLE_BYTES = 64 * 1024;

/** The encoding of a text file, from its byte-order mark or, without one, from its bytes. */
export function detectEncoding(sample: Buffer): { encoding: string; bom: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  // UTF-16 without a mark: text in Latin letters has a zero in every other byte.
  let evenZeros = 0;
  let oddZeros = 0;
  const n = Math.min(sample.length, 4096);
  for (let i = 0; i < n; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  if (oddZeros > n / 8 && evenZeros < oddZeros / 4) return { encoding: 'utf16le', bom: 0 };
  if (evenZeros > n / 8 && oddZeros < evenZeros / 4) return { encoding: 'utf16be', bom: 0 };
  // Valid UTF-8 is taken as UTF-8 (ASCII is both); anything else is the Windows code page.
  let end = sample.length;
  if (sample.length === SAMPLE_BYTES) {
    // A sample cut inside a multi-byte character is not an invalid file: drop the partial tail.
    while (end > 0 && end > sample.length - 4 && (sample[end - 1]! & 0xc0) === 0x80) end--;
    if (end > 0 && sample[end - 1]! >= 0xc0) end--;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return { encoding: 'utf8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/** The delimiter used most consistently in the first lines, counted outside quotes. */
export function detectDelimiter(text: string): string {
  const lines: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (current.trim()) lines.push(current);
      current = '';
      if (lines.length >= 20) break;
      continue;
    }
    current += ch;
  }
  if (current.trim() && lines.length < 20) lines.push(current);
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    // Lines agreeing with the header's count weigh most; the count itself breaks ties.
    const score = counts.filter((c) => c === first).length * 1000 + first;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

function countOutsideQuotes(line: string, d: string) {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === d) n++;
  }
  return n;
}

async function readSample(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Opens a CSV or XLSX file for reading its rows as a stream. */
export async function openTableFile(path: string): Promise<TableFile> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return openXlsx(path);
  if (ext === '.xls')
    throw new AppError('invalid_input', 'old .xls workbooks are not read: save it as .xlsx or CSV', 'file');
  return openCsv(path);
}

async function openCsv(path: string): Promise<TableFile> {
  let sample: Buffer;
  try {
    sample = await readSample(path);
  } catch (err) {
    throw new AppError('not_found', `cannot read ${path}: ${(err as Error).message}`, 'file');
  }
  const { encoding, bom } = detectEncoding(sample);
  const delimiter = detectDelimiter(iconv.decode(sample.subarray(bom), encoding));
  const source = createReadStream(path, { start: bom });
  const parser = source.pipe(iconv.decodeStream(encoding)).pipe(
    parse({
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_quotes: true,
    }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await iterator.next();
  if (first.done) throw new AppError('invalid_input', 'the file has no header row', 'file');
  const headers = first.value.map((h) => h.trim());
  let n = 1;
  return {
    format: 'csv',
    encoding,
    delimiter,
    headers,
    rows: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const r = await iterator.next();
          if (r.done) return;
          n++;
          yield { row: n, cells: r.value };
        }
      },
    },
    close: () => {
      parser.destroy();
      source.destroy();
    },
  };
}

/** A cell as the text a person sees: dates as ISO dates, formulas as their result. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

async function openXlsx(path: string): Promise<TableFile> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  const sheets = reader[Symbol.asyncIterator]();
  const sheet = await sheets.next().catch((err: Error) => {
    throw new AppError('invalid_input', `cannot read the workbook: ${err.message}`, 'file');
  });
  if (sheet.done) throw new AppError('invalid_input', 'the workbook has no sheet', 'file');
  const rowsIt = (sheet.value as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  const toCells = (r: ExcelJS.Row) => {
    const values = (r.values as ExcelJS.CellValue[]).slice(1); // exceljs rows are 1-based
    return Array.from({ length: values.length }, (_, i) => cellText(values[i] ?? null));
  };
  const first = await rowsIt.next();
  if (first.done) throw new AppError('invalid_input', 'the first sheet has no header row', 'file');
  const headers = toCells(first.value).map((h) => h.trim());
  return {
    format: 'xlsx',
    headers,
    rows: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const r = await rowsIt.next();
          if (r.done) return;
          const cells = toCells(r.value);
          if (cells.every((c) => c.trim() === '')) continue;
          // A sheet stores no empty cells at the end of a row: they are empty, not missing.
          while (cells.length < headers.length) cells.push('');
          yield { row: r.value.number, cells };
        }
      },
    },
    close: () => undefined,
  };
}
