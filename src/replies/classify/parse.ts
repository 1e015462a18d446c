import { simpleParser } from 'mailparser';
import { hasHeaderBlock, parseHeaderBlock, stripMboxLine } from './header-block.js';

/** One input message reduced to what the rules need. First step of the classify data flow. */
export interface ParsedInput {
  bodyOnly: boolean;
  /** Top-level headers, lower-case name → unfolded values. Empty for body-only input. */
  headers: Map<string, string[]>;
  /** Decoded text/plain body (mailparser folds a delivery-status part into it, which we use). */
  text: string;
  /** Decoded text/html body, when there is one. */
  html?: string;
  /** Returned messages: message/rfc822 and text/rfc822-headers parts, as text. */
  returnedParts: string[];
  /** Content-Type of the top-level message, lower case with parameters. */
  contentType: string;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  from?: string;
  subject?: string;
  date?: Date;
}

const looksLikeHtml = (s: string): boolean => /^\s*(<!DOCTYPE|<\?xml|<html|<div|<p[\s>]|<body|<table|<span|<font)/i.test(s);

/** First header value by name. */
export function header(p: ParsedInput, name: string): string | undefined {
  return p.headers.get(name.toLowerCase())?.[0];
}

/** Parses an RFC 822 message, or wraps a body-only text/HTML reply (no header block). */
export async function parseInput(input: Buffer | string, opts: { bodyOnly?: boolean } = {}): Promise<ParsedInput> {
  const rawText = (typeof input === 'string' ? input : input.toString('utf8')).replace(/\r\n?/g, '\n');
  const bodyOnly = opts.bodyOnly ?? !hasHeaderBlock(rawText);
  if (bodyOnly) {
    const html = looksLikeHtml(rawText) ? rawText : undefined;
    return { bodyOnly, headers: new Map(), text: html ? '' : rawText, html, returnedParts: [], contentType: '', references: [] };
  }
  const source = typeof input === 'string' ? stripMboxLine(rawText) : stripMboxInBuffer(input);
  const mail = await simpleParser(source, { skipImageLinks: true, skipTextLinks: true });
  const headers = parseHeaderBlock(stripMboxLine(rawText));
  const returnedParts = mail.attachments
    .filter((a) => /^(message\/(rfc822|global)|text\/rfc822-headers|message\/rfc822-headers)$/i.test(a.contentType))
    .map((a) => a.content.toString('utf8'));
  const refs = mail.references;
  // A broken MIME structure (boundary in the header not matching the parts) leaves mailparser
  // with no body at all; the raw body still holds the notice, so use it as the text.
  const text = mail.text || (mail.html || mail.attachments.length > 0 ? '' : rawBody(stripMboxLine(rawText)));
  return {
    bodyOnly,
    headers,
    text,
    html: typeof mail.html === 'string' ? mail.html : undefined,
    returnedParts,
    contentType: (headers.get('content-type')?.[0] ?? '').toLowerCase(),
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: Array.isArray(refs) ? refs : refs ? refs.split(/\s+/).filter(Boolean) : [],
    from: mail.from?.value[0]?.address ?? mail.from?.text,
    subject: mail.subject,
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined,
  };
}

/** Keeps bytes intact (8-bit charsets) while dropping an mbox "From " line. */
function stripMboxInBuffer(buf: Buffer): Buffer {
  if (buf.subarray(0, 5).toString('latin1') !== 'From ') return buf;
  const nl = buf.indexOf(0x0a);
  return nl === -1 ? buf : buf.subarray(nl + 1);
}

function rawBody(text: string): string {
  const end = text.indexOf('\n\n');
  return end === -1 ? '' : text.slice(end + 2);
}
