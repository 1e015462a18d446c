import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { UserError } from '../errors/user-error.js';
import type { Article, IssueSink } from './article.js';
import { parseEfetchFile } from './parse-efetch-xml.js';
import { parseMedline } from './parse-medline.js';
import { parsePubmedCsv } from './parse-pubmed-csv.js';

export type InputFormat = 'xml' | 'medline' | 'csv';

/** Decides the format from the extension, else from the first bytes. */
export async function detectFormat(path: string): Promise<InputFormat> {
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile()) throw new UserError('no such file', { where: path, hint: 'check the --from path' });
  const ext = extname(path).toLowerCase();
  if (ext === '.xml') return 'xml';
  if (ext === '.nbib') return 'medline';
  if (ext === '.csv') return 'csv';
  const fh = await open(path, 'r').catch((cause: unknown) => {
    throw new UserError('cannot read the file', { where: path, hint: 'check the --from path', cause });
  });
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fh.read(buf, 0, 512, 0);
    const head = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (head.startsWith('<')) return 'xml';
    if (/^[A-Z]{2,4}\s*-/m.test(head)) return 'medline';
    if (/^"?PMID"?,/.test(head)) return 'csv';
  } finally {
    await fh.close();
  }
  throw new UserError('unknown file format', {
    where: path,
    hint: 'use efetch XML (.xml), the PubMed format (.nbib/.txt) or PubMed CSV (.csv)',
  });
}

/** Streams the articles of a saved file, whatever its format. */
export async function* readArticles(path: string, onIssue?: IssueSink): AsyncGenerator<Article> {
  const format = await detectFormat(path);
  const opts = { source: path, ...(onIssue ? { onIssue } : {}) };
  if (format === 'xml') return yield* parseEfetchFile(path, opts);
  const input = createReadStream(path, { highWaterMark: 64 * 1024 });
  if (format === 'medline') yield* parseMedline(input, opts);
  else yield* parsePubmedCsv(input, opts);
}
