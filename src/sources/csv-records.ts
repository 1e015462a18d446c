import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Transform } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { UserError } from '../errors/user-error.js';
import { checkHeader } from './csv-header.js';
import { detectDelimiter, firstLine } from './detect-delimiter.js';
import { detectEncoding, type CsvEncoding } from './detect-encoding.js';
import { StrictUtf8Decoder } from './strict-utf8-decoder.js';

export interface CsvReadOptions {
  /** Forces the delimiter; otherwise it is detected from the header line (`,` `;` or tab). */
  delimiter?: string;
  /** Encoding of a file without a BOM (a BOM always wins); default strict UTF-8. */
  encoding?: 'utf8' | 'utf16le' | 'latin1';
  /** Called with the normalised column names before the first record; may throw. */
  onHeader?: (columns: string[]) => void;
}

/** One data record. `line` is the 1-based physical line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  record: Record<string, string>;
  /** Set when the record has the wrong number of cells, e.g. "expected 5 columns, found 7". */
  problem?: string;
}

const HEAD_BYTES = 64 * 1024; // enough for any header line; the rest of the file is streamed

/**
 * Streams a CSV file as records keyed by normalised header names.
 * fs stream → decoder (strict UTF-8, or iconv-lite for UTF-16/Latin-1) → csv-parse, so
 * memory stays flat whatever the file size. Line numbers are counted here rather than
 * taken from csv-parse's `info.lines`, which counts a CRLF inside quotes as two lines.
 */
export async function* readCsvRecords(file: string, opts: CsvReadOptions = {}): AsyncGenerator<CsvRecord> {
  const head = await readHead(file);
  const encoding = detectEncoding(head, opts.encoding);
  const delimiter = normaliseDelimiter(opts.delimiter) ?? detectDelimiter(firstLine(decodeHead(head, encoding)));

  const parser = parse({
    delimiter,
    raw: true, // the record's source text, to count the physical lines it spans
    relax_column_count: true, // a short or long row is reported per row, not fatal
    relax_quotes: true, // a stray `"` inside an unquoted cell (37.8"N) is data, as spreadsheets treat it
  });
  pipeline(createReadStream(file), decoderFor(file, encoding), parser, () => {
    // Errors reach the consumer through the parser's iterator; nothing to do here.
  });

  let line = 1; // where the next record starts
  let columns: string[] | undefined;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const start = line;
      line += lineBreaks(raw);
      if (!columns) {
        columns = checkHeader(file, record.length === 1 && record[0] === '' ? [] : record);
        opts.onHeader?.(columns);
        continue;
      }
      if (record.length === 1 && record[0] === '') continue; // blank line
      const out: Record<string, string> = {};
      columns.forEach((name, i) => (out[name] = record[i] ?? ''));
      const problem =
        record.length === columns.length ? undefined : `expected ${columns.length} columns, found ${record.length}`;
      yield problem ? { line: start, record: out, problem } : { line: start, record: out };
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException).syscall) {
      throw new UserError(`cannot read file (${(err as NodeJS.ErrnoException).code})`, { where: file, hint: 'check the file is readable and not being replaced while importing', cause: err });
    }
    const code = (err as { code?: string }).code ?? 'CSV_ERROR';
    // csv-parse's own "at line N" counts CRLF in quotes twice; our `where` is the reliable one.
    const message = (err as Error).message.replace(/,? (at|on) line \d+/g, '');
    throw new UserError(`invalid CSV (${code}): ${message}`, {
      where: `${file}:${line}`,
      hint: 'a quoted cell must end with a closing double quote; a quote inside a quoted cell is written twice ("")',
      cause: err,
    });
  }
  if (!columns) {
    throw new UserError('header: empty column name', {
      where: `${file}:1`,
      hint: 'the file is empty; the first line must name the columns, e.g. first_name,last_name,email',
    });
  }
}

/** Reads the first bytes, which also turns a missing file into a clear error before streaming. */
async function readHead(file: string): Promise<Buffer> {
  let fh;
  try {
    fh = await open(file, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a CSV file' : `cannot read file (${code})`;
    throw new UserError(message, { where: file, hint: 'check the path (relative paths start from the current directory)', cause: err });
  } finally {
    await fh?.close();
  }
}

/**
 * "latin1" is decoded as Windows-1252, as the WHATWG Encoding standard does for that label:
 * it is what Excel on Windows writes, and it differs from ISO-8859-1 only where the latter
 * has invisible control codes (0x80-0x9F: curly quotes, en dash, euro sign).
 */
function iconvName(encoding: Exclude<CsvEncoding, 'utf8'>): string {
  return encoding === 'latin1' ? 'windows-1252' : encoding;
}

function decoderFor(file: string, encoding: CsvEncoding): Transform {
  // iconv-lite strips a UTF-16 BOM and handles characters split across chunks.
  return encoding === 'utf8' ? new StrictUtf8Decoder(file) : (iconv.decodeStream(iconvName(encoding)) as Transform);
}

function decodeHead(head: Buffer, encoding: CsvEncoding): string {
  // Lenient here: this text is only used to guess the delimiter; the stream reports bad bytes.
  return encoding === 'utf8' ? head.toString('utf8') : iconv.decode(head, iconvName(encoding));
}

/** Lets `--delimiter tab` or `--delimiter '\t'` be typed on a command line. */
function normaliseDelimiter(d: string | undefined): string | undefined {
  if (d === undefined || d === '') return undefined;
  return d === 'tab' || d === '\\t' ? '\t' : d;
}

/** CRLF, LF and a lone CR each end one physical line. */
function lineBreaks(raw: string): number {
  return raw.match(/\r\n|\r|\n/g)?.length ?? 0;
}
